"""The Sync area against a real HQ on 127.0.0.1: enroll through the dialog, sync now, see the
queue empty and the last success; an unreachable HQ shows its error and nothing is lost."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.session import UiSession
from desktop.views.sync.area import SyncArea
from desktop.views.sync.enroll_dialog import EnrollDialog
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.sync.conftest import enrolled, hq, new_workstation  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
def hq_backend():
    """The GUI does not care which database HQ runs on: the embedded default is enough."""
    return None


def _session(workspace, runner) -> UiSession:
    return UiSession(workspace, workspace.login(ADMIN, ADMIN_PASSWORD), runner, "zh_CN")


def _area(qtbot, session) -> SyncArea:
    from desktop.background_sync import BackgroundSync
    area = SyncArea(session, BackgroundSync(session.workspace, session.runner))
    qtbot.addWidget(area)
    area.show()
    qtbot.waitUntil(lambda: area.status is not None, timeout=10_000)
    return area


def test_enrolling_through_the_dialog_links_the_workstation(qtbot, hq, new_workstation,
                                                            runner, translations):
    workspace = new_workstation()
    session = _session(workspace, runner)
    area = _area(qtbot, session)
    assert area.server.text() == "未注册到总部：本工作站离线工作"
    assert area.enroll_button.isVisible()
    assert not area.sync_now.isEnabled()

    dialog = EnrollDialog(session, area)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setText(hq.url)
    dialog.code.setText("WRONG-CODE")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "注册码不正确" in dialog.error.text()

    dialog.code.setText(hq.enroll_code())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.link is not None, timeout=10_000)
    area.refresh()
    qtbot.waitUntil(lambda: area.server.text() == hq.url, timeout=10_000)
    assert not area.enroll_button.isVisible()


def test_sync_now_sends_the_queue_and_shows_the_last_success(qtbot, enrolled, runner,
                                                             translations):
    workspace = enrolled()
    area = _area(qtbot, _session(workspace, runner))
    assert area.last_success.text() == "从未"
    assert int(area.pending_entries.text()) > 0
    with qtbot.waitSignal(area.background.finished, timeout=30_000) as finished:
        area.sync_now.click()
    outcome = finished.args[0]
    assert outcome.error is None and outcome.ok, outcome
    qtbot.waitUntil(lambda: area.last_success.text() != "从未", timeout=10_000)
    assert area.pending_entries.text() == "0"
    assert area.error.text() == "无"
    assert "已发送审计日志" in area.summary.text()


def test_an_unreachable_hq_is_shown_and_the_queue_kept(qtbot, enrolled, hq, runner,
                                                       translations):
    workspace = enrolled()
    hq.stop()
    area = _area(qtbot, _session(workspace, runner))
    waiting = int(area.pending_entries.text())
    with qtbot.waitSignal(area.background.finished, timeout=30_000) as finished:
        area.sync_now.click()
    assert not finished.args[0].ok
    area.refresh()
    qtbot.waitUntil(lambda: "无法连接总部" in area.error.text(), timeout=10_000)
    assert int(area.pending_entries.text()) >= waiting
    assert "失败" in area.note.text()
