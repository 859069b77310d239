"""The window speaks the clerk's language (issue 14, item 4): officers in pinyin order,
certificate status consistent and expiring ones highlighted, overdue cases flagged, the
audit log in names and Chinese labels, searchable and filterable, and every list exported
to a file that reads back."""
from __future__ import annotations

import csv
from datetime import date, datetime, timezone

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from accounts.users import add_user
from core.actor import Actor
from casework.cases import create_case, record_step
from casework.inputs import parse_case
from desktop.palette import EXPIRING, OK, WARN, WARN_STYLE
from desktop.views.admin.audit_log import AuditLogPage
from desktop.views.admin.officers import OfficersPage
from desktop.views.cases.case_list import CaseListPage
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.casework.conftest import EXAMPLE

# Today (the fixed clock) is 2026-06-15. 孙丽's certificate ends in 10 days, 赵强's ended.
OFFICERS = (("张伟", "22010001", date(2028, 12, 31)), ("李娜", "22010002", date(2028, 12, 31)),
            ("赵强", "22010003", date(2026, 3, 31)), ("孙丽", "22010004", date(2026, 6, 25)),
            ("=HYPERLINK(1)", "22010005", date(2028, 12, 31)))
PINYIN_ORDER = ["=HYPERLINK(1)", "李娜", "孙丽", "张伟", "赵强"]


@pytest.fixture
def bureau(ui_session, admin):
    add_unit(admin, "综合执法一科", "执一")
    for name, number, until in OFFICERS:
        add_officer(admin, name, "执一", CertificateInput(number, until, date(2018, 1, 1)))
    return ui_session


def _loaded(qtbot, page) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.loading and page.model.loaded_once, timeout=10_000)


def _cell(page, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001
    return page.model.data(page.model.index(row, column), role)


def _export(qtbot, page, path):  # noqa: ANN001
    page.export.export_to(path)
    qtbot.waitUntil(lambda: page.export.written == path, timeout=10_000)
    return path


def test_officers_in_pinyin_order_with_consistent_highlighted_certificates(qtbot, bureau):
    page = OfficersPage(bureau)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    names = [_cell(page, r, 0) for r in range(page.model.rowCount())]
    assert names == PINYIN_ORDER
    sun, zhao, zhang = names.index("孙丽"), names.index("赵强"), names.index("张伟")
    # The expired certificate is not "active" in one column and "expired" in the next.
    assert _cell(page, zhao, 5) == "已过期" and _cell(page, zhao, 6) == "已过期"
    assert _cell(page, zhao, 6, Qt.ItemDataRole.ForegroundRole) == WARN
    assert _cell(page, sun, 6) == "可执法，10 天后到期"
    assert _cell(page, sun, 6, Qt.ItemDataRole.ForegroundRole) == EXPIRING
    assert _cell(page, sun, 4, Qt.ItemDataRole.ForegroundRole) == EXPIRING
    assert _cell(page, zhang, 6, Qt.ItemDataRole.ForegroundRole) == OK
    assert _cell(page, zhang, 4, Qt.ItemDataRole.ForegroundRole) is None


def test_the_officer_list_exports_every_row_to_xlsx_and_csv(qtbot, bureau, tmp_path):
    page = OfficersPage(bureau)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    sheet = load_workbook(_export(qtbot, page, tmp_path / "人员.xlsx")).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["姓名", "科室", "执法证号"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)"] + PINYIN_ORDER[1:]
    assert page.export.feedback.text() == "已导出 5 行到 人员.xlsx"
    text = _export(qtbot, page, tmp_path / "人员.csv").read_text(encoding="utf-8-sig")
    assert list(csv.reader(text.splitlines()))[3][0] == "孙丽"


def test_the_case_list_flags_a_case_past_its_time_limit_and_exports(qtbot, bureau, admin,
                                                                   tmp_path):
    case = create_case(admin, parse_case(__import__("json").loads(
        EXAMPLE.read_text(encoding="utf-8"))))
    record_step(admin, case.number, "filing", date(2026, 3, 16))   # day 90 was 06-14
    page = CaseListPage(bureau)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert _cell(page, 0, 7) == "2026-06-14（逾期 1 天）"
    assert _cell(page, 0, 7, Qt.ItemDataRole.ForegroundRole) == WARN
    assert "第六十条" in _cell(page, 0, 7, Qt.ItemDataRole.ToolTipRole)
    text = _export(qtbot, page, tmp_path / "案件.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(text.splitlines()))
    assert header[7] == "办案期限" and row[7] == "2026-06-14（逾期 1 天）"
    from desktop.views.cases.editor import CaseEditor
    editor = CaseEditor(bureau)          # the case file says it too, in red
    qtbot.addWidget(editor)
    editor.load(case.number)
    qtbot.waitUntil(lambda: "办案期限 2026-06-14（逾期 1 天）" in editor.summary.text(),
                    timeout=10_000)
    assert editor.summary.styleSheet() == WARN_STYLE


def test_the_audit_log_shows_names_searches_filters_and_exports(qtbot, bureau, admin,
                                                               tmp_path):
    add_user(admin, "zhangwei", "pass-word-1", ["admin"], officer_certificate="22010001")
    add_unit(bureau.workspace.context(Actor("zhangwei", frozenset({"admin"}))), "法制科", "法制")
    page = AuditLogPage(bureau)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.person_filter.count() > 2, timeout=5_000)
    assert (_cell(page, 0, 2), _cell(page, 0, 3)) == ("张伟", "新增科室")   # name, not login
    assert _cell(page, 1, 2) == "admin"        # an account with no officer: its login
    assert page.person_filter.findText("张伟") > 0
    page.search.setText("新增执法人员")          # a label, not a code: officer.add
    qtbot.waitUntil(lambda: not page.loading and _cell(page, 0, 3) == "新增执法人员")
    assert {_cell(page, r, 3) for r in range(page.model.rowCount())} == {"新增执法人员"}
    page.person_filter.setCurrentIndex(page.person_filter.findText("张伟"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.loading)
    page.person_filter.setCurrentIndex(0)
    page.search.clear()
    page.since.setDate(QDate(2026, 6, 16))         # nothing yet tomorrow, Beijing time
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.loading)
    page.since.setDate(QDate(2026, 6, 15))
    page.action_filter.setCurrentIndex(page.action_filter.findData("user.add"))
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0
                    and _cell(page, 0, 3) == "新增用户")
    shown = page.model.rowCount()
    text = _export(qtbot, page, tmp_path / "日志.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(text.splitlines()))
    assert header[:4] == ["序号", "时间（北京时间）", "用户", "操作"]
    assert len(rows) == shown and {row[3] for row in rows} == {"新增用户"}
    assert rows[0][1] == "2026-06-15 10:00:00"     # 02:00 UTC


class _NoVolumes:
    def volumes(self) -> frozenset:
        return frozenset()


def test_empty_states_say_what_to_do_and_sync_shows_what_waits_before_enrolling(
        qtbot, bureau):
    from desktop.background_sync import BackgroundSync
    from desktop.views.devices.register import RegisterPage
    from desktop.views.footage.offload_page import OffloadPage
    from desktop.views.sync.area import SyncArea
    register = RegisterPage(bureau)
    qtbot.addWidget(register)
    register.show()
    _loaded(qtbot, register)
    assert register.empty_state.isVisible()
    assert register.empty_state.text().startswith("暂无设备：")
    offload = OffloadPage(bureau, watcher_source=_NoVolumes())
    qtbot.addWidget(offload)
    offload.show()
    assert offload.no_device.isVisible() and not offload.volumes.isVisible()
    assert offload.no_device.text().startswith("未检测到设备：")
    offload.shutdown()
    sync = SyncArea(bureau, BackgroundSync(bureau.workspace, bureau.runner))
    qtbot.addWidget(sync)
    sync.show()
    qtbot.waitUntil(lambda: sync.status is not None, timeout=10_000)
    assert not sync.status["enrolled"]
    assert int(sync.pending_entries.text()) > len(OFFICERS)   # the officers' ledger entries


def test_the_audit_summary_names_people_and_shows_beijing_times(qapp, translations):
    from audit.search import AuditRow
    from core.clock import fixed_clock
    from desktop.views.admin.audit_log import summary_text
    local = fixed_clock(datetime(2026, 6, 15, tzinfo=timezone.utc)).local
    row = AuditRow(1, "2026-06-15T02:00:00.000000Z", "zhangwei", "case.create",
                   "enforcement_case", "x", {"values": {
                       "case_id": "f589c07e", "cause": "销售过期食品", "created_by": "zhangwei",
                       "verified_at": "2026-06-14T16:30:00.000000Z", "step": "filing",
                       "kind": "video"}}, "张伟", {"zhangwei": "张伟"})
    assert summary_text(row, local, "zh_CN") == \
        "案由：销售过期食品；创建人：张伟；校验时间：2026-06-15 00:30:00；办案环节：立案；类别：视频"


def test_custody_history_names_who_handled_the_device(qtbot, bureau, admin):
    from devices.custody import PreUseCheck, checkout
    from devices.registry import add_device
    from desktop.views.devices.register import RegisterPage
    add_user(admin, "zhangwei", "pass-word-1", ["custodian"], officer_certificate="22010001")
    add_device(admin, "DSJ-0001", "body_camera", "执一")
    custodian = bureau.workspace.context(Actor("zhangwei", frozenset({"custodian"})))
    checkout(custodian, "DSJ-0001", "22010002", checks=PreUseCheck(), signature_png=None)
    page = RegisterPage(bureau)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    page.table.selectRow(0)
    model = page.history_model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    handled = [model.data(model.index(r, 4)) for r in range(2)]
    assert handled == ["张伟", "admin"]           # the checkout by 张伟, the registration
    assert model.data(model.index(0, 1)) == "领用"
