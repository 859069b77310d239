"""The Settings page's workstation settings (footage offload, sync with HQ, device custody),
as an admin and as a clerk would use them."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QMessageBox, QPushButton
from shiboken6 import isValid

from core.permissions import PermissionDenied
from audit.changes import ledger_head
from audit.log import recent_entries
from config.settings import SPECS, get_setting, set_setting
from core.errors import InvalidInput
from desktop.session import UiSession
from desktop.views.admin.settings_page import ChangePasswordDialog, SettingsPage
from desktop.views.admin.workstation_settings import RANGES
from tests.conftest import ADMIN, ADMIN_PASSWORD

YES, CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def _page(qtbot, session: UiSession) -> SettingsPage:
    """The page once it shows what is stored."""
    page = SettingsPage(session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.workstation.stored is not None and session.idle)
    return page


def _setting_entries(ctx, keys) -> dict:
    """The ledger's setting changes for ``keys``, by key."""
    return {e.object_id: e for e in recent_entries(ctx, object_type="setting")
            if e.object_id in keys}


def test_the_page_shows_the_stored_values(qtbot, ui_session):
    ctx = ui_session.ctx
    for key, value in {"footage.sm3": True, "footage.readback": "cache",
                       "footage.auto_offload": True, "sync.interval_seconds": 300,
                       "sync.chunk_mib": 64, "custody.max_per_type": 2}.items():
        set_setting(ctx, key, value)
    settings = _page(qtbot, ui_session)
    page = settings.workstation
    assert page.sm3.isChecked() and page.auto_offload.isChecked()
    assert not page.erase.isChecked()
    assert page.readback.currentText() == "经页缓存读回（较快）"
    assert (page.interval.text(), page.chunk.text(), page.custody.value()) == (
        "300 秒", "64 MiB", 2)
    assert [(page.interval.minimum(), page.interval.maximum()),
            (page.chunk.minimum(), page.chunk.maximum()),
            (page.custody.minimum(), page.custody.maximum())] == [
        RANGES["sync.interval_seconds"], RANGES["sync.chunk_mib"],
        RANGES["custody.max_per_type"]]
    assert SPECS["footage.erase_after_offload"].zh in page.erase.toolTip()
    assert not page.save_button.isEnabled()  # nothing to save yet

    # Changed meanwhile, say with `lawdesk settings set`: the page shows it, unasked.
    qtbot.waitUntil(lambda: ui_session.changes.seen_head is not None)
    set_setting(ctx, "sync.interval_seconds", 900)
    qtbot.waitUntil(lambda: page.interval.value() == 900, timeout=2_000)
    assert not page.save_button.isEnabled()
    set_setting(ctx, "bureau.name", "某某市市场监督管理局")
    qtbot.waitUntil(lambda: settings.bureau.text() == "某某市市场监督管理局", timeout=2_000)


def test_a_change_from_elsewhere_does_not_overwrite_edits_not_yet_saved(qtbot, ui_session,
                                                                        settle):
    settings = _page(qtbot, ui_session)
    page = settings.workstation
    qtbot.waitUntil(lambda: ui_session.changes.seen_head is not None)
    page.chunk.setValue(8)
    settings.bureau.setText("某某市市场监督管理局")
    set_setting(ui_session.ctx, "sync.interval_seconds", 900)
    set_setting(ui_session.ctx, "bureau.name", "别的名称")
    head = ledger_head(ui_session.workspace.db)
    qtbot.waitUntil(lambda: ui_session.changes.seen_head >= head, timeout=2_000)
    settle(ui_session)
    assert page.interval.value() != 900 and page.chunk.value() == 8
    assert settings.bureau.text() == "某某市市场监督管理局"


def test_admin_changes_several_values_and_saves_only_those(qtbot, ui_session):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    page = settings.workstation
    page.sm3.click()
    page.readback.setCurrentIndex(page.readback.findData("cache"))
    page.interval.setValue(600)
    page.chunk.setValue(8)
    page.custody.setValue(3)
    page.auto_offload.click()
    page.auto_offload.click()  # changed back: nothing to save for it
    assert page.save_button.isEnabled()
    page.save_button.click()
    qtbot.waitUntil(lambda: page.feedback.text() == "已保存。")

    db = ui_session.workspace.db
    expected = {"footage.sm3": True, "footage.readback": "cache",
                "sync.interval_seconds": 600, "sync.chunk_mib": 8, "custody.max_per_type": 3}
    assert {key: get_setting(db, key) for key in expected} == expected
    assert get_setting(db, "footage.auto_offload") is False
    entries = _setting_entries(ui_session.ctx, page.fields)
    assert sorted(entries) == sorted(expected)
    assert {(e.actor, e.action) for e in entries.values()} == {
        ("admin", f"setting.{key}") for key in expected}
    assert entries["sync.interval_seconds"].change["values"]["value"] == "600"
    assert not page.feedback.refused
    assert not page.save_button.isEnabled()


def test_turning_erase_on_asks_first_and_cancelling_leaves_it_off(qtbot, ui_session,
                                                                  monkeypatch):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    page = settings.workstation
    asked: list[str] = []
    answer = [CANCEL]

    def warning(parent, title, text, buttons, default):
        asked.append(title)
        assert default == CANCEL  # Enter must not erase anything
        return answer[0]
    monkeypatch.setattr(QMessageBox, "warning", warning)

    page.erase.click()
    assert asked == ["删除执法记录仪上的文件？"]
    assert not page.erase.isChecked()
    assert not page.save_button.isEnabled()

    answer[0] = YES
    page.erase.click()
    assert page.erase.isChecked()
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.save_button.isEnabled() and ui_session.idle)
    assert get_setting(ui_session.workspace.db, "footage.erase_after_offload") is True
    assert "footage.erase_after_offload" in _setting_entries(ui_session.ctx, page.fields)

    page.erase.click()  # turning it off again needs no confirmation
    assert len(asked) == 2 and not page.erase.isChecked()
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.save_button.isEnabled() and ui_session.idle)
    assert get_setting(ui_session.workspace.db, "footage.erase_after_offload") is False


def test_a_clerk_sees_the_settings_disabled_and_the_service_refuses(qtbot, workspace, runner,
                                                                    translations, as_role):
    session = UiSession(workspace, as_role("clerk"), runner, "zh_CN")
    settings = _page(qtbot, session)
    page = settings.workstation
    assert not settings.bureau.isEnabled()
    assert [key for key, widget in page.fields.items() if widget.isEnabled()] == []
    assert not page.save_button.isEnabled()
    for key, value in (("footage.sm3", True), ("custody.max_per_type", 5)):
        with pytest.raises(PermissionDenied):
            set_setting(session.ctx, key, value)
    assert get_setting(workspace.db, "footage.sm3") is False
    assert get_setting(workspace.db, "custody.max_per_type") == 1
    session.close()


def test_a_refused_save_says_why_beside_the_button_and_shows_what_is_stored(
        qtbot, ui_session, as_role, settle):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    settings.show()
    page = settings.workstation
    page.sm3.click()
    # The admin's roles are withdrawn while the page is open: the service has the last word.
    clerk = UiSession(ui_session.workspace, as_role("clerk"), ui_session.runner, "zh_CN")
    page.session = clerk
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.sm3.isChecked() and clerk.idle)
    assert page.feedback.isVisible() and page.feedback.refused
    assert page.feedback.text() == "用户 clerk 无权修改系统设置"
    assert settings.findChildren(QMessageBox) == []
    clerk.close()


def test_admin_names_the_enforcement_body(qtbot, ui_session):
    settings = _page(qtbot, ui_session)
    assert settings.bureau.text() == ""
    settings.bureau.setText("  某某市市场监督管理局 ")
    settings.save_button.click()
    qtbot.waitUntil(lambda: settings.feedback.text() != "" and ui_session.idle)
    assert not settings.feedback.refused
    assert get_setting(ui_session.workspace.db, "bureau.name") == "某某市市场监督管理局"
    assert settings.bureau.text() == "某某市市场监督管理局"


def test_changing_my_password_checks_the_repeat_in_the_dialog(qtbot, ui_session):
    settings = _page(qtbot, ui_session)
    settings.findChild(QPushButton, "changePassword").click()
    qtbot.waitUntil(lambda: settings.findChild(ChangePasswordDialog) is not None)
    dialog = settings.findChild(ChangePasswordDialog)
    dialog.old.setText(ADMIN_PASSWORD)
    dialog.passwords.password.setText("a-new-admin-pass-1")
    dialog.passwords.repeat.setText("a-new-admin-pass-2")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.operation is None and dialog.feedback.refused
    dialog.old.setText("not-my-password")
    dialog.passwords.repeat.setText("a-new-admin-pass-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.operation.finished)
    assert dialog.isVisible() and dialog.feedback.refused    # the service said no, inline
    assert dialog.passwords.password.text() == "a-new-admin-pass-1"
    dialog.old.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())
    assert ui_session.workspace.login(ADMIN, "a-new-admin-pass-1")


@pytest.mark.parametrize("key", sorted(RANGES))
def test_the_spin_box_ranges_are_the_specs_own(key):
    low, high = RANGES[key]
    check = SPECS[key].check
    check(low)
    check(high)
    for outside in (low - 1, high + 1):
        with pytest.raises(InvalidInput):
            check(outside)


def test_no_english_is_left_in_the_chinese_page(qtbot, ui_session):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    page = settings.workstation
    texts = [w.text() for kind in (QLabel, QCheckBox, QPushButton)
             for w in page.findChildren(kind)]
    texts += [g.title() for g in page.findChildren(QGroupBox)]
    texts += [c.itemText(i) for c in page.findChildren(QComboBox) for i in range(c.count())]
    texts += [page.interval.suffix()]
    words = {word for text in texts for word in re.findall(r"[A-Za-z]+", text)}
    assert words <= {"SM", "SHA"}, words
