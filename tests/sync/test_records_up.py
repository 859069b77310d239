"""Records up: a workstation's ledger reaches HQ whole, is rebuilt into records there, and a
retry (a dropped connection, a lost answer) never duplicates anything."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from db.models import HqLedgerEntry, SyncProgress
from devices.custody import PreUseCheck, checkout
from devices.registry import add_device
from sync.client import HqUnreachable
from sync.engine import run_pass
from sync.ledger_push import push_ledger, read_batch
from sync.link import client_for, require_link
from sync.status import Pending, sync_status
from tests.sync.footage_helpers import offload_files
from tests.sync.sync_helpers import admin_of, hq_add_officer, hq_counts, hq_records, ledger_length

pytestmark = pytest.mark.slow


def _reset_sent(workspace, seq: int = 0) -> None:  # noqa: ANN001
    with workspace.db.write(actor="test", action="test") as session:
        session.execute(update(SyncProgress).values(ledger_sent_seq=seq))


def test_a_pass_rebuilds_the_workstations_records_at_hq(hq, enrolled, tmp_path):
    hq_add_officer(hq, "张伟", "一科", "22010001")
    workspace = enrolled()
    assert run_pass(workspace).ok  # the officer and the unit arrive
    admin = admin_of(workspace)
    device = add_device(admin, "DSJ-0001", "body_camera", "一科", model="DSJ-V9")
    checkout(admin, "DSJ-0001", "22010001", checks=PreUseCheck(), signature_png=None)
    files = offload_files(workspace, tmp_path / "card", {"A.MP4": 40_000, "B.WAV": 3_000})

    summary = run_pass(workspace)

    assert summary.ok and summary.errors == [] and summary.refused == []
    assert summary.entries_sent >= 3
    assert summary.files_sent >= 2 and summary.bytes_sent >= 43_000
    assert summary.files_confirmed == summary.files_sent + summary.files_already_held
    assert sync_status(workspace).pending == Pending(0, 0, 0)
    # The receipts the upload wrote went up in the same pass.
    assert set(files.values()) <= set(hq_records(hq, workspace.workstation_id, "hq_receipt"))
    footage = hq_records(hq, workspace.workstation_id, "footage")
    assert {f["sha256"] for f in footage.values()} == set(files.values())
    counts = hq_counts(hq, workspace.workstation_id)
    assert counts["entries"] == ledger_length(workspace)
    devices = hq_records(hq, workspace.workstation_id, "device")
    held = devices[device.id]
    assert (held["serial"], held["model"], held["status"]) == ("DSJ-0001", "DSJ-V9",
                                                                "checked_out")
    assert held["unit_id"] == require_link(workspace.db).unit_id and not held["deleted"]
    assert len(hq_records(hq, workspace.workstation_id, "custody")) == 1
    # HQ's own data is not rebuilt from the workstation's copy of it.
    assert hq_records(hq, workspace.workstation_id, "officer") == {}
    with hq.open() as server_side, server_side.db.read() as session:
        state = session.execute(select(HqLedgerEntry.disposition, HqLedgerEntry.action).where(
            HqLedgerEntry.workstation_id == workspace.workstation_id)).all()
    assert {d for d, _ in state} <= {"applied", "mirror", "local", "event"}
    assert {a for d, a in state if d == "mirror"} == {"sync.reference"}


def test_a_retried_batch_or_a_lost_answer_duplicates_nothing(hq, enrolled):
    workspace = enrolled()
    # The same batch twice at the HTTP level: the second changes nothing.
    entries, checkpoints = read_batch(workspace, 0)
    with client_for(workspace, require_link(workspace.db)) as client:
        first = client.post_json("ledger/push", {"entries": entries, "checkpoints": checkpoints})
        again = client.post_json("ledger/push", {"entries": entries, "checkpoints": checkpoints})
    assert first["accepted"] == len(entries) and first["skipped"] == 0
    assert again["accepted"] == 0 and again["skipped"] == len(entries)
    assert again["ledger_seq"] == first["ledger_seq"] == entries[-1]["seq"]
    assert hq_counts(hq, workspace.workstation_id)["entries"] == len(entries)

    assert run_pass(workspace).ok
    before = hq_counts(hq, workspace.workstation_id)
    # A pass whose answer was lost: HQ committed, the workstation never heard, so its
    # counter still says nothing was sent. The next pass sends again; HQ keeps one copy.
    _reset_sent(workspace)

    summary = run_pass(workspace)

    assert summary.ok and summary.entries_sent == 0 and summary.entries_already_held > 0
    assert hq_counts(hq, workspace.workstation_id) == before

    # The other way round: the workstation believes HQ holds more than it does (HQ's
    # database restored from a backup). HQ says where it is, and the pass goes on from there.
    add_device(admin_of(workspace), "DSJ-0001", "body_camera", "一科")
    _reset_sent(workspace, ledger_length(workspace) - 1)
    assert run_pass(workspace).ok
    assert hq_counts(hq, workspace.workstation_id)["entries"] == ledger_length(workspace)


def test_a_connection_dropped_mid_push_loses_and_duplicates_nothing(hq, enrolled):
    workspace = enrolled()
    admin = admin_of(workspace)
    assert run_pass(workspace).ok
    for n in range(40):
        add_device(admin, f"DSJ-{n:04d}", "body_camera", "一科")
    sent_before = hq_counts(hq, workspace.workstation_id)["entries"]

    def drop_after_first_batch(done: int, _total: int, _note: str = "") -> None:
        if done > 0:
            hq.kill()

    with client_for(workspace, require_link(workspace.db)) as client:
        with pytest.raises(HqUnreachable):
            push_ledger(workspace, client, progress=drop_after_first_batch, batch_size=10)
    partly = hq_counts(hq, workspace.workstation_id)["entries"]
    assert sent_before < partly < ledger_length(workspace)

    hq.start()
    summary = run_pass(workspace)
    assert summary.ok
    assert hq_counts(hq, workspace.workstation_id)["entries"] == ledger_length(workspace)
    assert len(hq_records(hq, workspace.workstation_id, "device")) == 40


def test_hq_unreachable_is_a_clear_error_and_loses_nothing(hq, enrolled):
    workspace = enrolled()
    admin = admin_of(workspace)
    assert run_pass(workspace).ok
    add_device(admin, "DSJ-0001", "body_camera", "一科")
    hq.stop()

    summary = run_pass(workspace, language="en")

    assert not summary.ok and summary.entries_sent == 0
    assert summary.errors and "Cannot reach the HQ server" in summary.errors[0]
    from sync.status import sync_status
    status = sync_status(workspace)
    assert status.pending.entries >= 2 and status.last_error == summary.errors[0]
    assert status.last_success_at < status.last_attempt_at

    hq.start()
    assert run_pass(workspace).ok
    assert sync_status(workspace).pending.entries == 0
    assert len(hq_records(hq, workspace.workstation_id, "device")) == 1
