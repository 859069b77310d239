"""Before enrollment `lawdesk sync status` and the Sync area count what waits to go up
from the data itself (issue 14): the ledger entries and the stored files with their bytes,
which the first pass will send."""
from __future__ import annotations

import json

from sync.ledger_push import ledger_head
from sync.status import sync_status
from sync.upload import pending_objects
from tests.casework.conftest import admin_ctx, bureau, footage  # noqa: F401 - fixtures
from tests.conftest import ADMIN

STATUS_KEYS = {"enrolled", "server", "server_id", "unit_id", "workstation_id", "enrolled_at",
               "last_attempt_at", "last_success_at", "last_error", "last_summary", "pending",
               "clock"}


def test_status_before_enrollment_counts_the_ledger_and_the_files(workspace, footage,
                                                                   cli_here):
    stored = footage(2)
    objects = pending_objects(workspace)
    assert set(stored) <= {o.sha256 for o in objects}
    status = sync_status(workspace)
    assert not status.enrolled
    assert status.pending.entries == ledger_head(workspace) > 0
    assert status.pending.files == len(objects) >= 2
    assert status.pending.bytes == sum(o.size for o in objects) >= 2 * 20_000

    shown = cli_here("sync", "status", "--json", user=ADMIN)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert STATUS_KEYS <= set(data)            # the contract's keys, as before
    assert data["enrolled"] is False and data["server"] is None
    assert data["pending"] == {"entries": ledger_head(workspace),
                               "files": status.pending.files, "bytes": status.pending.bytes}

    text = cli_here("sync", "status", user=ADMIN)
    assert text.returncode == 0, text.stderr
    assert "未注册到总部" in text.stdout
    assert f"文件 {status.pending.files} 个（{status.pending.bytes} 字节）" in text.stdout


def test_an_empty_workstation_waits_with_its_set_up_entries_only(workspace):
    status = sync_status(workspace)
    assert status.pending.files == 0 and status.pending.bytes == 0
    assert status.pending.entries == ledger_head(workspace)
