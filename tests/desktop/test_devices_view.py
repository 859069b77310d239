"""The custodian's desk: scanning a device out and back in, the register and its actions.

Every lookup and save runs off the UI thread (desktop.operations): the tests wait as a user
waits, for the answer to show."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.session import UiSession
from desktop.views.devices.area import DevicesArea
from desktop.views.devices.custody_dialogs import CheckinDialog, CheckoutDialog
from devices.custody import PreUseCheck, checkout, custody_history
from devices.ratio import set_standard
from devices.registry import add_device, get_device, list_devices
from organisation.officers import CertificateInput, add_officer, set_certificate_status
from organisation.units import add_unit


@pytest.fixture
def desk(workspace, admin, runner, translations, as_role):
    """A unit with two officers (one suspended) and two body cameras; a custodian's session."""
    add_unit(admin, "综合执法一科", "执一")
    add_officer(admin, "张伟", "执一", CertificateInput("22010001", date(2028, 12, 31)))
    add_officer(admin, "杨帆", "执一", CertificateInput("22010002", date(2028, 12, 31)))
    set_certificate_status(admin, "22010002", "suspended", "违纪调查")
    add_device(admin, "DSJ-0001", "body_camera", "执一", model="DSJ-V9")
    add_device(admin, "DSJ-0002", "body_camera", "执一", model="DSJ-V9")
    session = UiSession(workspace, as_role("custodian", username="keeper"), runner, "zh_CN")
    yield session
    session.close()


def _sign(qtbot, pad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 50))
    for x in range(30, 220, 15):
        qtbot.mouseMove(pad, QPoint(x, 50 + x % 20))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 60))


def _scan(qtbot, field, code: str) -> None:
    """A barcode scanner: fast keystrokes, then Enter."""
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _open(qtbot, dialog_class, session):  # noqa: ANN001, ANN202
    dialog = dialog_class(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ok(dialog) -> None:  # noqa: ANN001
    dialog.ok_button.click()


def _register(qtbot, session):  # noqa: ANN001, ANN202
    area = DevicesArea(session)
    qtbot.addWidget(area)
    area.show()
    page = area.register
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.loading)
    return area, page


def _row_of(page, serial: str) -> int:  # noqa: ANN001
    row = page.model.find(lambda d: d.serial == serial)
    assert row is not None, f"{serial} is not listed"
    return row


def _cell(page, serial: str, header: str) -> str:  # noqa: ANN001
    columns = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    return page.model.data(page.model.index(_row_of(page, serial), columns.index(header)))


# ---------------------------------------------------------------- custody dialogs
def test_scanner_checkout_in_the_real_dialog(qtbot, desk, settle):
    dialog = _open(qtbot, CheckoutDialog, desk)
    _scan(qtbot, dialog.serial, "DSJ-0001")
    assert dialog.isVisible()  # Enter from the scanner did not press OK
    qtbot.waitUntil(lambda: dialog.device_info.text() == "执法记录仪 DSJ-0001（DSJ-V9） · 在库")
    assert dialog.focusWidget() is dialog.officer_field  # ready for the next scan
    _scan(qtbot, dialog.officer_field, "22010001")
    qtbot.waitUntil(lambda: dialog.officer_info.text().startswith(
        "张伟（综合执法一科）· 持有有效执法证 22010001"))
    _ok(dialog)
    assert dialog.feedback.text() == "执法人员尚未在签名板上签名。"   # before any call
    assert dialog.feedback.refused and dialog.isVisible()
    _sign(qtbot, dialog.signature)
    _ok(dialog)
    settle(desk)
    assert dialog.result() == CheckoutDialog.DialogCode.Accepted
    device = get_device(desk.ctx, "DSJ-0001")
    assert (device.status, device.holder_certificate) == ("checked_out", "22010001")
    custody = custody_history(desk.ctx, serial="DSJ-0001")[0]
    assert custody.checked_out_by == "keeper"
    assert custody.checkout_signature_sha256


def test_a_suspended_officer_is_shown_and_refused_before_anyone_signs(qtbot, desk, settle):
    dialog = _open(qtbot, CheckoutDialog, desk)
    _scan(qtbot, dialog.serial, "DSJ-0002")
    _scan(qtbot, dialog.officer_field, "22010002")
    qtbot.waitUntil(lambda: "执法证 22010002 已被暂扣" in dialog.officer_info.text())
    _sign(qtbot, dialog.signature)
    _ok(dialog)
    settle(desk)
    assert dialog.isVisible()
    assert "杨帆不能从事执法工作" in dialog.feedback.text()
    assert dialog.findChild(QMessageBox) is None           # shown inline, no box to click
    assert not dialog.signature.is_empty()                  # nothing to sign again
    assert dialog.ok_button.isEnabled()
    assert get_device(desk.ctx, "DSJ-0002").status == "in_store"


def test_an_unknown_serial_is_named_at_the_scan(qtbot, desk):
    dialog = _open(qtbot, CheckoutDialog, desk)
    _scan(qtbot, dialog.serial, "NOPE-9")
    qtbot.waitUntil(lambda: "NOPE-9" in dialog.device_info.text())
    assert dialog.focusWidget() is dialog.serial
    assert dialog.device is None


def test_only_the_latest_scan_is_shown(qtbot, desk, settle):
    dialog = _open(qtbot, CheckoutDialog, desk)
    _scan(qtbot, dialog.serial, "NOPE-9")
    dialog.serial.clear()
    _scan(qtbot, dialog.serial, "DSJ-0002")
    settle(desk)
    assert "DSJ-0002" in dialog.device_info.text() and "NOPE-9" not in dialog.device_info.text()
    assert dialog.device is not None and dialog.device.serial == "DSJ-0002"


def test_checkin_as_damaged_sends_the_device_to_repair(qtbot, desk, settle):
    out = _open(qtbot, CheckoutDialog, desk)
    _scan(qtbot, out.serial, "DSJ-0001")
    _scan(qtbot, out.officer_field, "22010001")
    _sign(qtbot, out.signature)
    _ok(out)
    settle(desk)
    assert out.result() == CheckoutDialog.DialogCode.Accepted
    back = _open(qtbot, CheckinDialog, desk)
    _scan(qtbot, back.serial, "DSJ-0001")
    qtbot.waitUntil(lambda: "领用人 张伟（22010001）" in back.device_info.text())
    back.damaged.setChecked(True)
    _sign(qtbot, back.signature)
    _ok(back)
    settle(desk)
    assert back.result() == CheckinDialog.DialogCode.Accepted
    assert get_device(desk.ctx, "DSJ-0001").status == "in_repair"


# ---------------------------------------------------------------------- register
def test_the_register_lists_filters_and_shows_history(qtbot, desk):
    _area, page = _register(qtbot, desk)
    assert page.model.rowCount() == 2
    assert page.count_label.text() == "共 2 台"
    page.search.setText("0002")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.loading)
    assert page.count_label.text() == "共 1 台"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1)
    assert page.history_model.data(page.history_model.index(0, 1)) == "登记入库"
    # The filters were filled off the UI thread.
    assert page.type_filter.findText("执法记录仪") > 0
    assert page.unit_filter.findText("综合执法一科") > 0
    page.status_filter.setCurrentIndex(page.status_filter.findData("checked_out"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.loading)


def test_a_checkout_in_the_window_updates_the_register_and_keeps_the_selection(
        qtbot, desk, settle, answer_dialog):
    _area, page = _register(qtbot, desk)
    page.table.selectRow(_row_of(page, "DSJ-0001"))
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1)

    def fill(dialog) -> None:  # noqa: ANN001
        qtbot.waitUntil(lambda: "在库" in dialog.device_info.text())  # preset from the row
        _scan(qtbot, dialog.officer_field, "22010001")
        _sign(qtbot, dialog.signature)
        _ok(dialog)

    answer_dialog(fill)
    page.checkout_button.click()
    qtbot.waitUntil(lambda: _cell(page, "DSJ-0001", "领用人") == "张伟（22010001）")
    assert page.selected().serial == "DSJ-0001"
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2)   # the history followed
    assert page.history_model.data(page.history_model.index(0, 1)) == "领用"
    settle(desk)


def test_a_device_checked_out_from_the_cli_appears_in_an_open_window_within_2s(
        qtbot, desk, cli):
    """The issue's done-when: no tab switch, no click, no refresh."""
    area, page = _register(qtbot, desk)
    area.tabs.setCurrentWidget(page)
    assert _cell(page, "DSJ-0002", "状态") == "在库"
    qtbot.waitUntil(lambda: desk.changes.seen_head is not None)
    result = cli("device", "checkout", "--serial", "DSJ-0002", "--officer", "22010001",
                 user="admin")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: _cell(page, "DSJ-0002", "领用人") == "张伟（22010001）",
                    timeout=2_000)
    assert _cell(page, "DSJ-0002", "状态") == "已领用"
    assert area.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: not page.loading)


def test_registering_a_device_refuses_a_taken_serial_in_the_dialog(
        qtbot, desk, settle, answer_dialog):
    _area, page = _register(qtbot, desk)
    seen = []

    def fill(dialog) -> None:  # noqa: ANN001
        dialog.serial.setText("DSJ-0001")
        dialog.unit.setCurrentIndex(dialog.unit.findText("综合执法一科"))
        dialog.accept()
        settle(desk)
        seen.append((dialog.isVisible(), dialog.feedback.text()))
        dialog.serial.setText("DSJ-0003")
        dialog.model.setText("DSJ-V10")
        dialog.accept()

    answer_dialog(fill)
    _menu_action(page, "登记设备…").trigger()
    qtbot.waitUntil(lambda: bool(seen))
    visible, refusal = seen[0]
    assert visible and "DSJ-0001" in refusal
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.loading)
    # The new device is selected, whether the list or the save came back first.
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().serial == "DSJ-0003")
    settle(desk)
    assert get_device(desk.ctx, "DSJ-0003").model == "DSJ-V10"


def test_editing_the_selected_device(qtbot, desk, settle, answer_dialog):
    _area, page = _register(qtbot, desk)
    page.table.selectRow(_row_of(page, "DSJ-0002"))

    def fill(dialog) -> None:  # noqa: ANN001
        assert dialog.serial.isReadOnly() and dialog.serial.text() == "DSJ-0002"
        dialog.vendor.setText("海康威视")
        dialog.accept()

    answer_dialog(fill)
    _menu_action(page, "编辑设备…").trigger()
    # The row shows the change and stays selected.
    qtbot.waitUntil(lambda: page.selected() is not None
                    and page.selected().vendor == "海康威视")
    assert page.selected().serial == "DSJ-0002"
    settle(desk)


def test_a_status_change_with_a_reason_and_a_refused_one(qtbot, desk, settle, answer_dialog,
                                                          admin):
    checkout(admin, "DSJ-0002", "22010001", checks=PreUseCheck(), signature_png=None)
    _area, page = _register(qtbot, desk)
    page.table.selectRow(_row_of(page, "DSJ-0001"))
    answer_dialog(lambda dialog: (dialog.reason.setText("镜头进水"), dialog.accept()))
    _menu_action(page, "送修…").trigger()
    qtbot.waitUntil(lambda: _cell(page, "DSJ-0001", "状态") == "维修中")
    # A checked-out device cannot be sent for repair: said in the dialog, which stays open.
    page.table.selectRow(_row_of(page, "DSJ-0002"))
    seen = []

    def refused(dialog) -> None:  # noqa: ANN001
        dialog.reason.setText("摔坏")
        dialog.accept()
        settle(desk)
        seen.append((dialog.isVisible(), dialog.feedback.text(), dialog.reason.text()))
        dialog.reject()

    answer_dialog(refused)
    _menu_action(page, "送修…").trigger()
    qtbot.waitUntil(lambda: bool(seen))
    visible, text, reason = seen[0]
    assert visible and "请先办理归还" in text and reason == "摔坏"
    assert get_device(desk.ctx, "DSJ-0002").status == "checked_out"


def test_a_status_change_without_a_device_chosen_says_so(qtbot, desk):
    _area, page = _register(qtbot, desk)
    _menu_action(page, "修复入库").trigger()
    assert page.feedback.isVisible() and page.feedback.refused


def test_a_csv_import_runs_as_a_job_and_names_bad_rows_inline(qtbot, desk, settle, tmp_path,
                                                             monkeypatch):
    _area, page = _register(qtbot, desk)
    bad = tmp_path / "bad.csv"
    bad.write_text("serial,type,unit\nDSJ-0009,body_camera,执一\nDSJ-0010,drone,执一\n"
                   "DSJ-0001,body_camera,执一\n", "utf-8")
    chosen = [str(bad)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (chosen[0], "")))
    _menu_action(page, "从 CSV 导入…").trigger()
    assert not page.register_menu.isEnabled()        # busy while the job runs
    settle(desk)
    assert page.register_menu.isEnabled()
    text = page.feedback.text()
    assert page.feedback.refused and "未导入任何设备" in text
    assert "第 3 行：未知设备类型“drone”" in text and "第 4 行：序列号 DSJ-0001 已登记" in text
    assert QApplication.activeModalWidget() is None   # no box to click away
    assert len(list_devices(desk.ctx)) == 2

    good = tmp_path / "good.csv"
    good.write_text("serial,type,unit\nDSJ-0009,body_camera,执一\nDSJ-0010,camera,执一\n",
                    "utf-8")
    chosen[0] = str(good)
    _menu_action(page, "从 CSV 导入…").trigger()
    settle(desk)
    assert not page.feedback.refused and "2" in page.feedback.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4 and not page.loading)


def _menu_action(page, text: str):  # noqa: ANN001, ANN202
    actions = [a for a in page.register_menu.menu().actions() if a.text() == text]
    assert actions, [a.text() for a in page.register_menu.menu().actions()]
    return actions[0]


def test_a_custodian_without_the_role_sees_why_the_buttons_are_off(qtbot, workspace, runner,
                                                                  translations, as_role):
    session = UiSession(workspace, as_role("clerk", username="clerk"), runner, "zh_CN")
    _area, page = _register(qtbot, session)
    assert not page.checkout_button.isEnabled() and page.checkout_button.toolTip()
    assert not page.register_menu.isEnabled() and page.register_menu.toolTip()
    session.close()


def test_the_ratio_page_shows_the_shortfall(qtbot, desk, admin):
    set_standard(admin, None, "body_camera", officers_per_device=1)
    area = DevicesArea(desk)
    qtbot.addWidget(area)
    ratio = area.ratio
    qtbot.waitUntil(lambda: bool(ratio.rows) and not ratio.loading)
    rows = {(r.unit_name, r.device_type): r for r in ratio.rows}
    camera = rows[("综合执法一科", "body_camera")]
    # one certified officer (the suspended one does not count), two cameras in store
    assert (camera.officers, camera.required, camera.in_service) == (1, 1, 2)
    ratio.type_choice.setCurrentIndex(ratio.type_choice.findData("body_camera"))
    assert ratio.chart.series()[0].barSets()[0].at(0) == 1
