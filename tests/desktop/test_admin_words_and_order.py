"""Issue 14, the last window items: the audit log's calendars open on this month, a
realistic bureau's whole audit log reads in Chinese (no keys, ids, ISO times or JSON left),
and accounts and units are listed in pinyin order."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt

from accounts.users import add_user
from audit.search import entry_page
from config.settings import set_setting
from core.clock import parse_iso_utc
from desktop.views.admin.accounts import AccountsPage
from desktop.views.admin.audit_log import AuditLogPage, summary_text
from desktop.views.admin.units import UnitsPage
from devices.custody import PreUseCheck, checkin, checkout
from devices.registry import add_device, set_device_status
from organisation.officers import set_certificate_status
from organisation.units import add_unit, update_unit
from tests.casework.conftest import (  # noqa: F401
    admin_ctx,
    archive,
    bureau,
    case_input,
    clerk,
    example_data,
    example_input,
    footage,
    penalty_case,
)
from tests.conftest import ADMIN_PASSWORD
from tests.disclosure.conftest import decide, reviewer  # noqa: F401 - fixtures

# What a clerk must not meet in the log: a code or key (snake_case or dotted), an ISO
# time, JSON, a hex id.
RAW = re.compile(r"[a-z]+_[a-z_]+|[a-z]+\.[a-z_]+|\d{4}-\d\d-\d\dT|[{}\[\]\"]|[0-9a-f]{20,}")


# Left as they are: the code a type or rule row defines (its names stand beside it in the
# same entry), and paths.
# Each is named here so that nothing else slips through.
CODED_IN_TABLES = {"code", "source_root"}


def _without_coded(entry) -> object:  # noqa: ANN001
    from dataclasses import replace
    change = {part: ({k: v for k, v in values.items() if k not in CODED_IN_TABLES}
                     if isinstance(values, dict) else values)
              for part, values in entry.change.items()}
    return replace(entry, change=change)


def _loaded(qtbot, page) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.loading and page.model.loaded_once, timeout=10_000)


def _open_calendar(qtbot, edit) -> None:  # noqa: ANN001
    """Click the arrow of the date field, as a clerk opens its calendar."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton,
                     pos=QPoint(edit.width() - 6, edit.height() // 2))
    qtbot.waitUntil(lambda: edit.calendarWidget().isVisible())


def test_the_calendar_opens_on_this_month_while_the_filter_is_any_day(qtbot, ui_session):
    page = AuditLogPage(ui_session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    _loaded(qtbot, page)
    today = ui_session.ctx.clock.today()           # the fixed clock: 2026-06-15
    for edit in (page.since, page.until):
        assert edit.text() in ("起始日期不限", "截止日期不限")   # no limit: the special text
        _open_calendar(qtbot, edit)
        calendar = edit.calendarWidget()
        assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
        assert edit.date() == edit.minimumDate()   # opening it chose no day
        calendar.window().hide()
    # Once a day is chosen the calendar opens on that day's month.
    page.since.setDate(QDate(2025, 3, 9))
    _open_calendar(qtbot, page.since)
    assert (page.since.calendarWidget().yearShown(),
            page.since.calendarWidget().monthShown()) == (2025, 3)
    page.since.calendarWidget().window().hide()
    # And "any day" is still there to go back to.
    page.since.setDate(page.since.minimumDate())
    assert page.since.text() == "起始日期不限"
    assert page._day(page.since) is None


def test_a_bureaus_whole_audit_log_reads_in_chinese(qtbot, ui_session, bureau, admin_ctx,
                                                    clerk, reviewer, penalty_case, footage,
                                                    decide):
    """Cases, footage offloaded through the pipeline, evidence and legal holds, a decision
    issued and disclosed, devices and custody, certificates, accounts, settings: every cell
    of every entry in words."""
    from casework.cases import record_step
    from casework.evidence_links import link_evidence
    from disclosure.workflow import approve_disclosure, publish_disclosure
    from evidence.holds import add_hold
    shas = footage(1)
    record_step(clerk, penalty_case.number, "filing", date(2026, 6, 4))
    link_evidence(clerk, penalty_case.number, shas[0], "filing")
    add_hold(admin_ctx, sha256=shas[0], reason="行政复议期间保全")
    record = decide()
    approve_disclosure(reviewer, record)
    publish_disclosure(clerk, record)
    add_device(admin_ctx, "DSJ-0001", "body_camera", "执一", model="X1")
    checkout(admin_ctx, "DSJ-0001", "22010001", checks=PreUseCheck(), signature_png=None)
    checkin(admin_ctx, "DSJ-0001", condition="damaged", signature_png=None)
    set_device_status(admin_ctx, "DSJ-0001", "repaired")
    set_certificate_status(admin_ctx, "22010004", "suspended", "调岗")
    add_user(admin_ctx, "lina", ADMIN_PASSWORD, ["clerk"], display_name="李娜")
    unit = add_unit(admin_ctx, "法制科", "法制")
    update_unit(admin_ctx, unit.id, "法制审核科", "法制")
    set_setting(admin_ctx, "footage.sm3", True)

    local, language = ui_session.ctx.clock.local, "zh_CN"
    entries = entry_page(ui_session.ctx, limit=100_000)
    assert len(entries) > 60
    kinds = {e.object_type for e in entries}
    assert {"enforcement_case", "footage", "offload_session", "custody", "device",
            "certificate", "user_account", "setting", "evidence_link", "legal_hold",
            "issued_document", "disclosure_record"} <= kinds
    raw = []
    page = AuditLogPage(ui_session)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    for entry in entries:
        cells = {"action": page.model.columns[3].value(entry),
                 "record": page.model.columns[4].value(entry),
                 "change": summary_text(_without_coded(entry), local, language)}
        for column, text in cells.items():
            if column != "change":
                assert re.search(r"[\u4e00-\u9fff]", text), (entry.action, text)
            found = [m for m in RAW.findall(text) if m not in ("SHA-256",)]
            if found:
                raw.append(f"{entry.action}/{entry.object_type} {column}: {found} in {text!r}")
    assert not raw, "raw values in the audit log:\n" + "\n".join(sorted(set(raw))[:40])
    # The times are Beijing time, as the first column shows them.
    newest = entries[0]
    assert page.model.columns[1].value(newest) == \
        f"{local(parse_iso_utc(newest.at)):%Y-%m-%d %H:%M:%S}"


UNITS = ("王庄执法中队", "李家执法中队", "张村执法中队", "赵镇执法中队")
PINYIN_UNITS = ["李家执法中队", "王庄执法中队", "张村执法中队", "赵镇执法中队"]


def test_accounts_and_units_are_listed_in_pinyin_order(qtbot, ui_session, admin_ctx):
    for number, name in enumerate(UNITS):
        add_unit(admin_ctx, name, f"队{number}")
    for login, name in (("wang", "王芳"), ("li", "李强"), ("zhang", "张敏"), ("zhao", "赵磊")):
        add_user(admin_ctx, login, ADMIN_PASSWORD, ["clerk"], display_name=name)
    accounts = AccountsPage(ui_session)
    units = UnitsPage(ui_session)
    for page in (accounts, units):
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda p=page: not p.loading and p.model.rowCount() > 0,
                        timeout=10_000)
    names = [accounts.model.row(r).display_name or accounts.model.row(r).username
             for r in range(accounts.model.rowCount())]
    # "admin" (no display name) sorts by its user name, among the pinyin.
    assert names == ["admin", "李强", "王芳", "张敏", "赵磊"]
    assert [units.model.row(r).name for r in range(units.model.rowCount())] == PINYIN_UNITS


def test_the_sync_area_shows_what_waits_before_enrollment(qtbot, ui_session, footage):
    from desktop.background_sync import BackgroundSync
    from desktop.views.sync.area import SyncArea
    from sync.status import sync_status
    stored = footage(1)
    area = SyncArea(ui_session, BackgroundSync(ui_session.workspace, ui_session.runner))
    qtbot.addWidget(area)
    area.show()
    qtbot.waitUntil(lambda: area.status is not None, timeout=10_000)
    pending = sync_status(ui_session.workspace).pending
    assert area.server.text() == "未注册到总部：本工作站离线工作"
    assert area.pending_entries.text() == str(pending.entries) and pending.entries > 0
    assert area.pending_files.text().startswith(f"{pending.files} 个（")
    names = [area.queue.item(r, 1).text() for r in range(area.queue.rowCount())]
    assert any(name.endswith("_0001.MP4") for name in names), names
    assert len(stored) == 1 and area.queue.rowCount() == pending.files
