"""The Settings page's workstation settings (footage offload, sync with HQ, device custody),
as an admin and as a clerk would use them."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QMessageBox, QPushButton

from accounts.permissions import PermissionDenied
from audit.log import recent_entries
from config.settings import SPECS, get_setting, set_setting
from core.errors import InvalidInput
from desktop.session import UiSession
from desktop.views.admin.settings_page import SettingsPage
from desktop.views.admin.workstation_settings import RANGES

YES, CANCEL = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def _page(qtbot, session: UiSession) -> SettingsPage:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    return page


def _setting_entries(ctx, keys) -> dict:
    """The ledger's setting changes for ``keys``, by key."""
    return {e.object_id: e for e in recent_entries(ctx, object_type="setting")
            if e.object_id in keys}


def test_the_page_shows_the_stored_values(qtbot, ui_session):
    ctx = ui_session.ctx
    for key, value in {"footage.sm3": True, "footage.readback": "disk",
                       "footage.auto_offload": True, "sync.interval_seconds": 300,
                       "sync.chunk_mib": 64, "custody.max_per_type": 2}.items():
        set_setting(ctx, key, value)
    settings = _page(qtbot, ui_session)
    page = settings.workstation
    assert page.sm3.isChecked() and page.auto_offload.isChecked()
    assert not page.erase.isChecked()
    assert page.readback.currentText() == "从磁盘重新读取（较慢，同时检验磁盘）"
    assert (page.interval.text(), page.chunk.text(), page.custody.value()) == (
        "300 秒", "64 MiB", 2)
    assert [(page.interval.minimum(), page.interval.maximum()),
            (page.chunk.minimum(), page.chunk.maximum()),
            (page.custody.minimum(), page.custody.maximum())] == [
        RANGES["sync.interval_seconds"], RANGES["sync.chunk_mib"],
        RANGES["custody.max_per_type"]]
    assert SPECS["footage.erase_after_offload"].zh in page.erase.toolTip()
    assert not page.save_button.isEnabled()  # nothing to save yet

    # Changed meanwhile, say with `lawdesk settings set`: showing the tab again shows it.
    set_setting(ctx, "sync.interval_seconds", 900)
    settings.refresh()
    assert page.interval.value() == 900


def test_admin_changes_several_values_and_saves_only_those(qtbot, ui_session):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    page = settings.workstation
    page.sm3.click()
    page.readback.setCurrentIndex(page.readback.findData("disk"))
    page.interval.setValue(600)
    page.chunk.setValue(8)
    page.custody.setValue(3)
    page.auto_offload.click()
    page.auto_offload.click()  # changed back: nothing to save for it
    assert page.save_button.isEnabled()
    page.save_button.click()

    db = ui_session.workspace.db
    expected = {"footage.sm3": True, "footage.readback": "disk",
                "sync.interval_seconds": 600, "sync.chunk_mib": 8, "custody.max_per_type": 3}
    assert {key: get_setting(db, key) for key in expected} == expected
    assert get_setting(db, "footage.auto_offload") is False
    entries = _setting_entries(ui_session.ctx, page.fields)
    assert sorted(entries) == sorted(expected)
    assert {(e.actor, e.action) for e in entries.values()} == {
        ("admin", f"setting.{key}") for key in expected}
    assert entries["sync.interval_seconds"].change["values"]["value"] == "600"
    assert page.saved.text() == "已保存。"
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
    assert get_setting(ui_session.workspace.db, "footage.erase_after_offload") is True
    assert "footage.erase_after_offload" in _setting_entries(ui_session.ctx, page.fields)

    page.erase.click()  # turning it off again needs no confirmation
    assert len(asked) == 2 and not page.erase.isChecked()
    page.save_button.click()
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


def test_a_refused_save_says_why_and_shows_what_is_stored(qtbot, ui_session, as_role,
                                                          monkeypatch):
    settings = _page(qtbot, ui_session)  # held: the page owns the widgets under test
    page = settings.workstation
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    page.sm3.click()
    # The admin's roles are withdrawn while the page is open: the service has the last word.
    page.session = UiSession(ui_session.workspace, as_role("clerk"), ui_session.runner,
                             "zh_CN")
    page.save_button.click()
    assert shown == ["用户 clerk 无权修改系统设置"]
    assert not page.sm3.isChecked()
    assert page.saved.text() == ""


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
