"""The Sync area warns when this workstation's clock is more than a minute off HQ's, as HQ
told it at the last token (issue 23: a wrong clock went unnoticed until HQ refused it)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desktop.background_sync import BackgroundSync
from desktop.session import UiSession
from desktop.views.sync.area import SyncArea
from sync.client import Credentials, HqClient
from sync.clock import clock_recorder
from sync.link import client_for, require_link
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.sync.conftest import enrolled, hq, new_workstation  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
def hq_backend():
    """The window does not care which database HQ runs on."""
    return None


def _token_with_clock(workspace, hq, offset_s: float) -> None:  # noqa: ANN001
    """A real token request from a clock ``offset_s`` seconds behind; the workstation keeps
    the offset HQ's answer shows, as its own client does."""
    def now() -> datetime:
        return datetime.now(timezone.utc) - timedelta(seconds=offset_s)
    with HqClient(hq.url, credentials=Credentials(
            workspace.workstation_id, workspace.audit.signer, now,
            on_clock=clock_recorder(workspace.db))) as client:
        client.token()


def test_a_clock_off_by_more_than_a_minute_is_shown(qtbot, hq, enrolled, runner,
                                                    translations):
    workspace = enrolled()
    _token_with_clock(workspace, hq, 150)
    session = UiSession(workspace, workspace.login(ADMIN, ADMIN_PASSWORD), runner, "zh_CN")
    area = SyncArea(session, BackgroundSync(workspace, runner))
    qtbot.addWidget(area)
    area.show()
    qtbot.waitUntil(lambda: area.status is not None, timeout=10_000)
    assert area.clock.isVisible()
    assert "慢" in area.clock.text() and "校正系统时间" in area.clock.text()
    assert any(str(n) in area.clock.text() for n in range(145, 156))

    # Put right: the next token measures again and the warning goes.
    with client_for(workspace, require_link(workspace.db)) as client:
        client.token()
    area.refresh()
    qtbot.waitUntil(lambda: not area.clock.isVisible(), timeout=10_000)
