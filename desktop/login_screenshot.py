"""`lawdesk gui --login-window --screenshot FILE.png`: start as the window does, up to the
login dialog, draw it (offscreen when there is no display), save it and exit.

For installers/check-deb.sh (the installed copy draws its first window, in Chinese) and
benchmarks/cold_start.py (launch to login window, reported through LAWDESK_READY_FILE as
desktop.app does for the main window). The steps are desktop.app.run's, in its order:
application and font, the data folder, the interface language, the dialog. The folder must
be set up already: this never creates one, and it takes no lock (nobody logs in)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core.errors import DomainError
from desktop import thread_guard
from desktop.app import _report_ready
from desktop.fonts import choose_ui_font
from desktop.i18n import Translations
from desktop.jobs import JobRunner
from desktop.login import LoginDialog
from lawdesk.workspace import Workspace


def run(data_dir: Path, screenshot: Path, *, db_url: str | None = None,
        store_dir: str | None = None) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LawDesk")
    app.setOrganizationName("LawDesk")
    if choose_ui_font(app) is None:
        print("lawdesk: no font with Chinese characters is installed; "
              "install one (e.g. fonts-noto-cjk)", file=sys.stderr)
    try:
        workspace = Workspace.open(data_dir, db_url=db_url, store_dir=store_dir)
    except DomainError as error:
        print(f"lawdesk: {error.message()}", file=sys.stderr)
        return 1
    runner = JobRunner()
    try:
        translations = Translations(app)
        with thread_guard.before_the_window():
            translations.apply(workspace.language)
        dialog = LoginDialog(workspace, translations.language, runner)
        dialog.show()
        result: list[int] = []

        def save() -> None:
            ok = dialog.grab().save(str(screenshot), "PNG")
            if not ok:
                print(f"lawdesk: could not write {screenshot}", file=sys.stderr)
            result.append(0 if ok else 1)
            dialog.close()
            app.quit()

        # Once the event loop has drawn the dialog; the bureau's name, read off the UI
        # thread, has had a moment to arrive in the heading.
        QTimer.singleShot(0, _report_ready)  # runs once the event loop has drawn it
        QTimer.singleShot(300, save)
        app.exec()
        return result[0] if result else 1
    finally:
        runner.shutdown()
        workspace.close()
