"""The retention page as two administrators use it: the first sees what is due and starts a
purge, may not approve it herself; the second approves it and the files are gone. Every
call off the UI thread (the thread guard fails the test otherwise)."""
from __future__ import annotations

import os
from datetime import date

from desktop.session import UiSession
from desktop.views.recording.retention_page import RetentionPage
from tests.casework.conftest import admin_ctx, bureau  # noqa: F401
from tests.compliance.recording_setup import at_day, offload_names
from tests.desktop.conftest import (no_database_on_the_ui_thread, runner,  # noqa: F401
                                    settle, translations, wait)

SHOTS = os.environ.get("LAWDESK_SHOTS", "/tmp/scratch/shots")
NAMES = ["J001234_22010001_20260603093000_0001.MP4", "J001234_22010001_20260603100000_0002.MP4"]
DECEMBER = date(2026, 12, 4)


def _page(workspace, ctx, runner, qtbot):  # noqa: ANN001, ANN202, F811
    session = UiSession(workspace, at_day(ctx, DECEMBER), runner, "zh_CN")
    page = RetentionPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 300)
    page.show()
    return page, session


def test_two_admins_purge_what_is_due(bureau, admin_ctx, as_role, workspace, tmp_path,  # noqa: F811
                                      runner, translations, qtbot, wait):  # noqa: F811
    files = offload_names(admin_ctx, workspace, tmp_path / "card", NAMES)
    first, first_session = _page(workspace, admin_ctx, runner, qtbot)
    wait(first_session, lambda: len(first.rows) == 2)
    assert first.model.data(first.model.index(0, 3)) == "未关联案件"
    assert first.status.text() == "到期文件 2 个；没有等待批准的清理。"
    first.start_button.click()
    wait(first_session, lambda: first.pending is not None)
    assert "须由另一名管理员批准" in first.feedback.text()
    assert not first.approve_button.isEnabled() and not first.start_button.isEnabled()
    if os.path.isdir(SHOTS):
        first.grab().save(os.path.join(SHOTS, "retention_page.png"))
    second, second_session = _page(workspace, as_role("admin", username="admin2"), runner, qtbot)
    wait(second_session, lambda: second.pending is not None)
    assert second.approve_button.isEnabled()
    assert "admin 发起的清理（2 个文件）正在等待另一名管理员批准" in second.status.text()
    second.approve_button.click()
    wait(second_session, lambda: second.rows == [] and second.pending is None)
    assert second.feedback.text() == "已清理 2 个文件；0 个因情况变化保留。"
    assert not any(workspace.store.path_for(f).exists() for f in files)
    first_session.close()
    second_session.close()


def test_others_may_not_purge(workspace, as_role, runner, translations, qtbot):  # noqa: F811
    page, session = _page(workspace, as_role("clerk", username="clerk"), runner, qtbot)
    assert not page.start_button.isEnabled() and not page.approve_button.isEnabled()
    assert page.start_button.toolTip() == "仅系统管理员可以清理音视频资料。"
    session.close()
