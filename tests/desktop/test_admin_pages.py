"""Administration: units, officers with certificates, accounts, audit log, as an admin
and as a clerk would use them."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from sqlalchemy import insert

from db.models import Certificate, Officer, Unit
from desktop.session import UiSession
from desktop.views.admin.accounts import AccountsPage
from desktop.views.admin.area import AdminArea
from desktop.views.admin.audit_log import AuditLogPage
from desktop.views.admin.officers import OfficersPage
from desktop.views.admin.units import UnitsPage
from organisation.officers import CertificateInput, add_officer, officer_page
from organisation.units import add_unit, list_units


def _accept(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_admin_adds_a_unit_through_the_dialog(qtbot, ui_session, answer_dialog):
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)

    def fill(dialog):
        dialog.name.setText("执法一科")
        dialog.short.setText("执一")
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(0).widget()), "addUnit").click()
    assert [(u.name, u.short_name) for u in list_units(ui_session.ctx)] == [("执法一科", "执一")]
    assert page.model.rowCount() == 1


def test_a_refused_unit_shows_the_reason_and_keeps_the_dialog_open(qtbot, ui_session,
                                                                   answer_dialog, monkeypatch):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = UnitsPage(ui_session)
    qtbot.addWidget(page)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    attempts = []

    def fill(dialog):
        attempts.append(1)
        dialog.name.setText("执法二科")
        dialog.short.setText("执一" if len(attempts) == 1 else "执二")
        if len(attempts) == 1:
            answer_dialog(fill)  # the dialog comes back after the refusal
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(0).widget()), "addUnit").click()
    assert shown == ["科室简称已存在：执一"]
    assert sorted(u.short_name for u in list_units(ui_session.ctx)) == ["执一", "执二"]


def test_admin_adds_an_officer_with_a_certificate(qtbot, ui_session, answer_dialog):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = OfficersPage(ui_session)
    qtbot.addWidget(page)

    def fill(dialog):
        dialog.name.setText("李四")
        dialog.certificate.number.setText("22010002")
        dialog.certificate.category.setText("市场监管")
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(4).widget()), "addOfficer").click()
    rows = officer_page(ui_session.ctx)
    assert [(r.name, r.certificate_number, r.certification.certified) for r in rows] == [
        ("李四", "22010002", True)]
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 人"
    assert page.model.data(page.model.index(0, 6)) == "可执法"
    tooltip = page.model.data(page.model.index(0, 6), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("持有有效执法证 22010002")


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
    assert model.rowCount() == 5_000
    assert page.count_label.text() == "共 5000 人"
    assert len(model._pages) <= 2  # only what is on screen was fetched
    page.table.scrollToBottom()
    last = model.index(4_999, 0)
    assert model.data(last) == "执法员004999"
    assert model.data(model.index(4_990, 5)) == "已暂扣"
    page.search.setText("执法员00123")
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=2_000)  # 001230 to 001239
    assert page.count_label.text() == "共 10 人"
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "执法员001239"
    page.search.setText("2201004321")  # a certificate number finds its holder
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2_000)
    assert model.data(model.index(0, 0)) == "执法员004321"


def test_a_clerk_sees_the_lists_but_cannot_change_them(qtbot, workspace, runner, translations,
                                                       as_role):
    session = UiSession(workspace, as_role("clerk"), runner, "zh_CN")
    area = AdminArea(session)
    qtbot.addWidget(area)
    tabs = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert tabs == ["执法人员及证件", "科室", "设置"]
    for name in ("addOfficer", "editOfficer", "renewCertificate", "certificateStatus"):
        assert not area.officers.findChild(type(area.officers.tools.itemAt(4).widget()),
                                           name).isEnabled()
    assert not area.settings.bureau.isEnabled()


def test_admin_creates_an_officer_account_linked_to_the_officer(qtbot, ui_session,
                                                               answer_dialog):
    add_unit(ui_session.ctx, "执法一科", "执一")
    add_officer(ui_session.ctx, "王五", "执一", CertificateInput("22010003", date(2028, 1, 1)))
    page = AccountsPage(ui_session)
    qtbot.addWidget(page)

    def fill(dialog):
        dialog.username.setText("wangwu")
        dialog.officer.setText("22010003")
        dialog.passwords.password.setText("wangwu-pass")
        dialog.passwords.repeat.setText("wangwu-pass")
        dialog.roles.boxes["officer"].setChecked(True)
        _accept(dialog)
    answer_dialog(fill)
    page.findChild(type(page.tools.itemAt(0).widget()), "addUser").click()
    users = {page.model.row(r).username: page.model.row(r) for r in range(page.model.rowCount())}
    assert users["wangwu"].officer_name == "王五"
    assert page.model.data(page.model.index(list(users).index("wangwu"), 2)) == "执法人员"
    assert ui_session.workspace.login("wangwu", "wangwu-pass").actor.officer_id


def test_verifying_the_ledger_runs_in_the_background_and_reports(qtbot, ui_session):
    add_unit(ui_session.ctx, "执法一科", "执一")
    page = AuditLogPage(ui_session)
    qtbot.addWidget(page)
    assert page.model.row(0).action == "unit.add"
    page.verify_button.click()
    assert not page.verify_button.isEnabled()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled(), timeout=5_000)
    assert page.result.text().startswith("审计日志完好：")
