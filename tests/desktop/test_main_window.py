"""The main window as a user meets it: log in, find every area, see who and where."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.fonts import covers_chinese
from desktop.login import LoginDialog
from desktop.main_window import MainWindow
from tests.conftest import ADMIN, ADMIN_PASSWORD

AREAS_ZH = ["音像资料", "录音录像采集", "执法设备", "案件管理", "全过程记录", "法制审核", "执法公示",
            "公示清单", "数据同步", "系统管理"]


def test_login_with_the_right_password_opens_a_session(qtbot, workspace, translations, runner):
    dialog = LoginDialog(workspace, "zh_CN", runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, ADMIN)
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.working                 # the hash is checked off the UI thread
    qtbot.waitUntil(lambda: dialog.result() == LoginDialog.DialogCode.Accepted)
    assert dialog.context.actor.username == ADMIN


def test_a_wrong_password_is_refused_in_chinese_and_the_dialog_stays(qtbot, workspace,
                                                                     translations, runner):
    dialog = LoginDialog(workspace, "zh_CN", runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, ADMIN)
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.context is None
    assert dialog.isVisible()
    assert dialog.error.text() == "用户名或密码错误"
    assert dialog.password.text() == ""


def test_every_area_is_reachable_and_says_what_it_is_for(qtbot, ui_session):
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.show()
    names = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert names == AREAS_ZH
    for row, key in enumerate(["footage", "capture", "devices", "cases", "recording", "review",
                               "disclosure", "lists", "sync", "admin"]):
        rect = window.navigation.visualItemRect(window.navigation.item(row))
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert window.pages.currentWidget() is window.areas[key]
        if key not in ("admin", "capture", "devices", "footage", "cases", "sync", "disclosure", "review",
                       "lists", "recording"):
            texts = [label.text() for label in window.areas[key].findChildren(QLabel)]
            assert texts[0] == AREAS_ZH[row]
            assert "本版本尚未提供此功能。" in texts


def test_status_bar_names_the_user_the_folder_and_the_sync_state(qtbot, ui_session):
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    assert window.user_label.text() == "用户：admin（系统管理员）"
    assert str(ui_session.workspace.data_dir) in window.folder_label.text()
    qtbot.waitUntil(lambda: window.sync_label.text() == "同步：尚未接入总部，离线工作中")


def test_the_title_follows_the_bureau_name_set_elsewhere(qtbot, ui_session, cli):
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    result = cli("settings", "set", "bureau.name", "农安县市场监督管理局", user=ADMIN)
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.windowTitle().endswith("农安县市场监督管理局"), timeout=2_000)


def test_the_interface_font_has_chinese_glyphs(qapp, translations):
    assert covers_chinese(QApplication.font())
