"""The pass itself, without a server: one at a time per data folder, and cancellable."""
from __future__ import annotations

import pytest

from core.jobs import Cancelled, CancelToken
from db.models import SyncLink, SyncProgress
from evidence.locks import try_lock
from sync.engine import LOCK_NAME, SyncBusy, run_pass
from sync.link import NotEnrolled
from sync.status import sync_status


@pytest.fixture
def linked(workspace):
    """A workstation with the enrollment enroll() would have written, and no server."""
    with workspace.db.write(actor="admin", action="sync.enroll") as session:
        session.add(SyncLink(id=1, server_url="http://127.0.0.1:9", unit_id="u" * 32,
                             server_id="s" * 32, enrolled_at=workspace.clock.now(),
                             enrolled_by="admin", enrolled_at_seq=0))
        session.add(SyncProgress(id=1, ledger_sent_seq=0))
    return workspace


def test_a_pass_needs_enrollment(workspace):
    with pytest.raises(NotEnrolled):
        run_pass(workspace)
    assert sync_status(workspace).enrolled is False


def test_one_pass_at_a_time_per_data_folder(linked):
    lock = try_lock(linked.data_dir / LOCK_NAME)
    try:
        with pytest.raises(SyncBusy, match="同步已在进行中"):
            run_pass(linked)
    finally:
        lock.release()


def test_a_cancelled_pass_releases_the_folder_and_says_so(linked):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_pass(linked, cancel=token)
    status = sync_status(linked)
    assert status.last_error == "已取消" and status.last_success_at is None
    assert status.pending.entries > 0
    probe = try_lock(linked.data_dir / LOCK_NAME)
    assert probe is not None  # released
    probe.release()
    # HQ is not there: a clear error in the summary, nothing lost.
    summary = run_pass(linked, language="en")
    assert not summary.ok and "Cannot reach the HQ server" in summary.errors[0]
    assert sync_status(linked).pending.entries == status.pending.entries
