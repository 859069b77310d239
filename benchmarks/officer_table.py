"""A table of 100,000 officers in the admin page.

Target (issue 2): the table opens within 200 ms. Also prints scrolling to the end, sorting
by certificate expiry and a search, which a clerk does next.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from db.models import Certificate, Officer, Unit  # noqa: E402
from desktop.fonts import choose_ui_font  # noqa: E402
from desktop.jobs import JobRunner  # noqa: E402
from desktop.session import UiSession  # noqa: E402
from desktop.views.admin.officers import OfficersPage  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402

OFFICERS = 100_000
UNITS = 50


def seed(workspace: Workspace) -> None:
    """Bulk rows straight into the tables: this measures reading, not the services."""
    with workspace.db.engine.begin() as connection:
        connection.execute(insert(Unit), [
            {"id": f"u{u:03d}", "name": f"执法{u:03d}科", "short_name": f"执{u:03d}"}
            for u in range(UNITS)])
        connection.execute(insert(Officer), [
            {"id": f"o{i:06d}", "name": f"执法员{i:06d}", "unit_id": f"u{i % UNITS:03d}"}
            for i in range(OFFICERS)])
        connection.execute(insert(Certificate), [
            {"id": f"c{i:06d}", "officer_id": f"o{i:06d}", "number": f"22{i:08d}",
             "valid_from": date(2022, 1, 1), "valid_until": date(2026 + i % 5, 1 + i % 12, 1),
             "status": "active"} for i in range(OFFICERS)])


def ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1000:.0f} ms"


def settle(app: QApplication, page: OfficersPage) -> None:
    """Until the rows asked for are on screen (pages load off the UI thread)."""
    app.processEvents()
    while page.loading:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()


def main() -> None:
    app = QApplication([])
    choose_ui_font(app)
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(Path(scratch) / "data", create=True)
        workspace.initialise("admin", "bench-pass-1")
        start = time.perf_counter()
        seed(workspace)
        print(f"seeded {OFFICERS} officers in {ms(start)}")
        session = UiSession(workspace, workspace.login("admin", "bench-pass-1"), JobRunner(),
                            "zh_CN")
        start = time.perf_counter()
        page = OfficersPage(session)
        page.resize(1000, 700)
        page.show()
        settle(app, page)
        print(f"open the table (count, first page, first paint): {ms(start)} (target 200 ms)")
        start = time.perf_counter()
        page.table.scrollToBottom()
        settle(app, page)
        print(f"scroll to the last officer: {ms(start)}")
        start = time.perf_counter()
        page.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        settle(app, page)
        print(f"sort by certificate expiry: {ms(start)}")
        start = time.perf_counter()
        page.search.setText("执法员09999")
        page.refresh()   # at once, not after the typing pause
        settle(app, page)
        print(f"search by name ({page.model.rowCount()} found): {ms(start)}")
        session.close()
        session.runner.shutdown()
        workspace.close()


if __name__ == "__main__":
    main()
