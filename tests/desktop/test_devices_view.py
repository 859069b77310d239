"""The custodian's desk: scanning a device out and back in, the register, the ratio page."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from devices.custody import custody_history
from devices.ratio import set_standard
from devices.registry import add_device, get_device
from desktop.session import UiSession
from desktop.views.devices.area import DevicesArea
from desktop.views.devices.custody_dialogs import CheckinDialog, CheckoutDialog
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
    return UiSession(workspace, as_role("custodian", username="keeper"), runner, "zh_CN")


def _sign(qtbot, pad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 50))
    for x in range(30, 220, 15):
        qtbot.mouseMove(pad, QPoint(x, 50 + x % 20))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 60))


def _scan(qtbot, field, code: str) -> None:
    """A barcode scanner: fast keystrokes, then Enter."""
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_scanner_checkout_in_the_real_dialog(qtbot, desk):
    dialog = CheckoutDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    _scan(qtbot, dialog.serial, "DSJ-0001")
    assert dialog.isVisible()  # Enter from the scanner did not press OK
    assert dialog.device_info.text() == "执法记录仪 DSJ-0001（DSJ-V9） · 在库"
    assert dialog.focusWidget() is dialog.officer_field  # ready for the next scan
    _scan(qtbot, dialog.officer_field, "22010001")
    assert dialog.officer_info.text().startswith("张伟（综合执法一科）· 持有有效执法证 22010001")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.text() == "执法人员尚未在签名板上签名。"
    _sign(qtbot, dialog.signature)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == CheckoutDialog.DialogCode.Accepted
    device = get_device(desk.ctx, "DSJ-0001")
    assert (device.status, device.holder_certificate) == ("checked_out", "22010001")
    custody = custody_history(desk.ctx, serial="DSJ-0001")[0]
    assert custody.checked_out_by == "keeper"
    assert custody.checkout_signature_sha256


def test_a_suspended_officer_is_shown_and_refused_before_anyone_signs(qtbot, desk):
    dialog = CheckoutDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    _scan(qtbot, dialog.serial, "DSJ-0002")
    _scan(qtbot, dialog.officer_field, "22010002")
    assert "执法证 22010002 已被暂扣" in dialog.officer_info.text()
    _sign(qtbot, dialog.signature)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "杨帆不能从事执法工作" in dialog.error.text()
    assert get_device(desk.ctx, "DSJ-0002").status == "in_store"


def test_an_unknown_serial_is_named_at_the_scan(qtbot, desk):
    dialog = CheckoutDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    _scan(qtbot, dialog.serial, "NOPE-9")
    assert "NOPE-9" in dialog.device_info.text()
    assert dialog.focusWidget() is dialog.serial


def test_checkin_as_damaged_sends_the_device_to_repair(qtbot, desk):
    out = CheckoutDialog(desk)
    qtbot.addWidget(out)
    out.show()
    _scan(qtbot, out.serial, "DSJ-0001")
    _scan(qtbot, out.officer_field, "22010001")
    _sign(qtbot, out.signature)
    out.buttons.button(out.buttons.StandardButton.Ok).click()
    back = CheckinDialog(desk)
    qtbot.addWidget(back)
    back.show()
    _scan(qtbot, back.serial, "DSJ-0001")
    assert "领用人 张伟（22010001）" in back.device_info.text()
    back.damaged.setChecked(True)
    _sign(qtbot, back.signature)
    back.buttons.button(back.buttons.StandardButton.Ok).click()
    assert back.result() == CheckinDialog.DialogCode.Accepted
    assert get_device(desk.ctx, "DSJ-0001").status == "in_repair"


def test_the_register_lists_filters_and_shows_history(qtbot, desk):
    area = DevicesArea(desk)
    qtbot.addWidget(area)
    page = area.register
    assert page.model.rowCount() == 2
    assert page.count_label.text() == "共 2 台"
    page.search.setText("0002")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2_000)
    page.table.selectRow(0)
    assert page.history_model.rowCount() == 1
    assert page.history_model.data(page.history_model.index(0, 1)) == "登记入库"


def test_the_ratio_page_shows_the_shortfall(qtbot, desk, admin):
    set_standard(admin, None, "body_camera", officers_per_device=1)
    area = DevicesArea(desk)
    qtbot.addWidget(area)
    ratio = area.ratio
    rows = {(r.unit_name, r.device_type): r for r in ratio.rows}
    camera = rows[("综合执法一科", "body_camera")]
    # one certified officer (the suspended one does not count), two cameras in store
    assert (camera.officers, camera.required, camera.in_service) == (1, 1, 2)
    assert ratio.chart.series()[0].barSets()[0].at(0) == 1
