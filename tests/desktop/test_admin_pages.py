"""Administration: units, officers with certificates, accounts, audit log, as an admin
and as a clerk would use them."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton, QWidget
from shiboken6 import isValid
from sqlalchemy import insert

from db.models import Certificate, Officer, Unit
from desktop.session import UiSession
from desktop.views.admin.accounts import AccountsPage, UserDialog
from desktop.views.admin.area import AdminArea
from desktop.views.admin.audit_log import AuditLogPage
from desktop.views.admin.officers import OfficersPage, StatusReasonDialog
from desktop.views.admin.units import UnitDialog, UnitsPage
from organisation.officers import CertificateInput, add_officer, officer_page
from organisation.units import add_unit, list_units


def _accept(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _button(page: QWidget, name: str) -> QPushButton:
    return page.findChild(QPushButton, name)


def _open(qtbot, page: QWidget, kind: type[QDialog]) -> QDialog:
    """The dialog of ``kind`` the last click opened, once it is on screen."""
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(kind)))
    return next(d for d in page.findChildren(kind) if d.isVisible())


def _closed(dialog: QDialog) -> bool:
    """Closed (a dialog deletes itself once it is)."""
    return not isValid(dialog) or not dialog.isVisible()


def _watching(qtbot, session: UiSession) -> None:
    """The window has read the ledger's head: what is written from now on reaches it."""
    qtbot.waitUntil(lambda: session.changes.seen_head is not None)


def _rows(page: QWidget) -> list:
    return [page.model.row(r) for r in range(page.model.rowCount())]


def test_admin_adds_a_unit_through_the_dialog(qtbot, ui_session, answer_dialog):
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)

    def fill(dialog):
        dialog.name.setText("执法一科")
        dialog.short.setText("执一")
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(0).widget()), "addUnit").click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert [(u.name, u.short_name) for u in list_units(ui_session.ctx)] == [("执法一科", "执一")]
    assert page.model.row(0).short_name == "执一"


def test_a_refused_unit_shows_the_reason_in_the_dialog_and_keeps_what_was_typed(
        qtbot, ui_session, settle):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    _button(page, "addUnit").click()
    dialog = _open(qtbot, page, UnitDialog)
    dialog.name.setText("执法二科")
    dialog.short.setText("执一")
    _accept(dialog)
    settle(ui_session)
    assert dialog.isVisible()
    assert dialog.feedback.isVisible() and dialog.feedback.text() == "科室简称已存在：执一"
    assert (dialog.name.text(), dialog.short.text()) == ("执法二科", "执一")
    assert page.findChildren(QMessageBox) == []              # nothing to click away

    dialog.short.setText("执二")
    _accept(dialog)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert sorted(u.short_name for u in list_units(ui_session.ctx)) == ["执一", "执二"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_a_unit_added_from_the_command_line_appears_without_a_click(qtbot, ui_session, cli):
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    _watching(qtbot, ui_session)
    assert page.model.rowCount() == 0
    result = cli("unit", "add", "综合执法二科", "--short", "执二", user="admin")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2_000)
    assert page.model.data(page.model.index(0, 0)) == "综合执法二科"


def test_a_units_head_count_follows_the_officers(qtbot, ui_session):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    _watching(qtbot, ui_session)
    assert page.model.data(page.model.index(0, 2)) == "0"
    add_officer(ui_session.ctx, "张三", "执一", CertificateInput("22010001", date(2028, 1, 1)))
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 2)) == "1", timeout=2_000)


def test_admin_adds_an_officer_with_a_certificate(qtbot, ui_session, answer_dialog):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = OfficersPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    assert page.count_label.text() == "共 0 人"

    def fill(dialog):
        dialog.name.setText("李四")
        dialog.certificate.number.setText("22010002")
        dialog.certificate.category.setText("市场监管")
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(4).widget()), "addOfficer").click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    rows = officer_page(ui_session.ctx)
    assert [(r.name, r.certificate_number, r.certification.certified) for r in rows] == [
        ("李四", "22010002", True)]
    assert page.count_label.text() == "共 1 人"
    assert page.model.data(page.model.index(0, 6)) == "可执法"
    tooltip = page.model.data(page.model.index(0, 6), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("持有有效执法证 22010002")


def test_suspending_a_certificate_asks_the_reason_and_the_list_follows(qtbot, ui_session,
                                                                      settle):
    add_unit(ui_session.ctx, "执法一科", "执一")
    add_officer(ui_session.ctx, "李四", "执一", CertificateInput("22010002", date(2028, 1, 1)))
    page = OfficersPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.loading)
    page.table.selectRow(0)
    page.set_status("suspended")
    dialog = _open(qtbot, page, StatusReasonDialog)
    dialog.reason.setText("涉嫌违纪")
    _accept(dialog)
    qtbot.waitUntil(lambda: _closed(dialog))
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 5)) == "已暂扣")
    assert page.model.data(page.model.index(0, 6)) != "可执法"

    page.table.selectRow(0)
    page.set_status("revoked")
    _accept(_open(qtbot, page, StatusReasonDialog))
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 5)) == "已吊销")
    # Reinstating asks nothing; the service's refusal shows under the tool row.
    page.table.selectRow(0)
    page.set_status("active")
    settle(ui_session)
    assert page.feedback.isVisible() and "已吊销的执法证不能恢复" in page.feedback.text()
    assert page.findChildren(QMessageBox) == []


def _seed_officers(workspace, count: int) -> None:
    """Bulk rows for a size test; this bypasses services on purpose (no ledger needed)."""
    with workspace.db.engine.begin() as connection:
        connection.execute(insert(Unit), [{"id": "u1", "name": "执法一科", "short_name": "执一"}])
        connection.execute(insert(Officer), [
            {"id": f"o{i:06d}", "name": f"执法员{i:06d}", "unit_id": "u1"} for i in range(count)])
        connection.execute(insert(Certificate), [
            {"id": f"c{i:06d}", "officer_id": f"o{i:06d}", "number": f"2201{i:06d}",
             "valid_from": date(2024, 1, 1), "valid_until": date(2029, 1, 1),
             "status": "active" if i % 10 else "suspended"} for i in range(count)])


def test_the_officer_table_pages_through_thousands_without_loading_them_all(qtbot, ui_session):
    _seed_officers(ui_session.workspace, 5_000)
    page = OfficersPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    qtbot.waitUntil(lambda: not page.loading)
    assert model.rowCount() == 5_000
    assert page.count_label.text() == "共 5000 人"
    assert len(model._pages) <= 2  # only what is on screen was fetched
    page.table.scrollToBottom()
    last = model.index(4_999, 0)
    qtbot.waitUntil(lambda: model.data(last) == "执法员004999")
    assert model.data(model.index(4_990, 5)) == "已暂扣"
    page.search.setText("执法员00123")
    qtbot.waitUntil(lambda: not page.loading and model.rowCount() == 10, timeout=2_000)
    assert page.count_label.text() == "共 10 人"
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "执法员001239")
    page.search.setText("2201004321")  # a certificate number finds its holder
    qtbot.waitUntil(lambda: not page.loading and model.rowCount() == 1, timeout=2_000)
    assert model.data(model.index(0, 0)) == "执法员004321"


def test_the_unit_filter_lists_the_units_and_narrows_the_officers(qtbot, ui_session):
    add_unit(ui_session.ctx, "执法一科", "执一")
    add_unit(ui_session.ctx, "执法二科", "执二")
    add_officer(ui_session.ctx, "张三", "执一", CertificateInput("22010001", date(2028, 1, 1)))
    add_officer(ui_session.ctx, "李四", "执二", CertificateInput("22010002", date(2028, 1, 1)))
    page = OfficersPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.unit_filter.count() == 3 and page.model.rowCount() == 2)
    assert [page.unit_filter.itemText(i) for i in range(3)] == ["全部科室", "执法一科", "执法二科"]
    page.unit_filter.setCurrentIndex(2)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 0)) == "李四"
    assert page.count_label.text() == "共 1 人"


def test_a_clerk_sees_the_lists_but_cannot_change_them(qtbot, workspace, runner, translations,
                                                       as_role, settle):
    session = UiSession(workspace, as_role("clerk"), runner, "zh_CN")
    area = AdminArea(session)
    qtbot.addWidget(area)
    tabs = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert tabs == ["执法人员及证件", "科室", "设置"]
    for name in ("addOfficer", "editOfficer", "renewCertificate", "certificateStatus"):
        assert not area.officers.findChild(type(area.officers.tools.itemAt(4).widget()),
                                           name).isEnabled()
    for name in ("addUnit", "editUnit"):
        assert not _button(area.units, name).isEnabled()
    assert not area.settings.bureau.isEnabled()
    settle(session)
    session.close()


def test_admin_creates_an_officer_account_linked_to_the_officer(qtbot, ui_session,
                                                               answer_dialog):
    add_unit(ui_session.ctx, "执法一科", "执一")
    add_officer(ui_session.ctx, "王五", "执一", CertificateInput("22010003", date(2028, 1, 1)))
    page = AccountsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)

    def fill(dialog):
        dialog.username.setText("wangwu")
        dialog.officer.setText("22010003")
        dialog.passwords.password.setText("wangwu-pass")
        dialog.passwords.repeat.setText("wangwu-pass")
        dialog.roles.boxes["officer"].setChecked(True)
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(0).widget()), "addUser").click()
    qtbot.waitUntil(lambda: "wangwu" in [u.username for u in _rows(page)])
    users = {u.username: u for u in _rows(page)}
    assert users["wangwu"].officer_name == "王五"
    assert page.model.data(page.model.index(list(users).index("wangwu"), 2)) == "执法人员"
    assert ui_session.workspace.login("wangwu", "wangwu-pass").actor.officer_id


def test_differing_passwords_are_caught_in_the_dialog_before_any_call(qtbot, ui_session,
                                                                     settle):
    page = AccountsPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    _button(page, "addUser").click()
    dialog = _open(qtbot, page, UserDialog)
    dialog.username.setText("clerk1")
    dialog.passwords.password.setText("clerk1-pass")
    dialog.passwords.repeat.setText("clerk1-pas")
    dialog.roles.boxes["clerk"].setChecked(True)
    _accept(dialog)
    assert dialog.isVisible() and dialog.operation is None       # nothing was called
    assert dialog.feedback.refused and dialog.feedback.text()   # "The two passwords differ."
    dialog.passwords.repeat.setText("clerk1-pass")
    _accept(dialog)
    qtbot.waitUntil(lambda: _closed(dialog))
    qtbot.waitUntil(lambda: "clerk1" in [u.username for u in _rows(page)])


def test_disabling_the_last_admin_is_refused_under_the_tool_row(qtbot, ui_session, settle):
    page = AccountsPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    _button(page, "toggleActive").click()
    settle(ui_session)
    assert page.feedback.isVisible() and page.feedback.refused
    assert page.feedback.text()
    assert page.findChildren(QMessageBox) == []
    assert _rows(page)[0].active


def test_verifying_the_ledger_runs_in_the_background_and_reports(qtbot, ui_session):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = AuditLogPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    assert page.model.row(0).action == "unit.add"
    page.verify_button.click()
    assert not page.verify_button.isEnabled()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled(), timeout=5_000)
    assert page.result.text().startswith("审计日志完好：")


def test_the_audit_log_shows_a_change_made_elsewhere_without_a_click(qtbot, ui_session, cli):
    page = AuditLogPage(ui_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    _watching(qtbot, ui_session)
    result = cli("unit", "add", "综合执法二科", "--short", "执二", user="admin")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.model.row(0).action == "unit.add",
                    timeout=2_000)
