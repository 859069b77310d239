"""A ledger altered on the workstation, as an attacker holding the database file would do it
(plain sqlite3, with and without re-hashing the chain), is refused at HQ naming the entry;
the workstation is flagged and stays refused until an HQ admin clears the flag."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from audit.chain import entry_hash
from db.models import LedgerEntry
from devices.registry import add_device
from lawdesk.workspace import DB_NAME
from sync.engine import run_pass
from tests.sync.sync_helpers import admin_of, hq_counts, hq_workstation

pytestmark = pytest.mark.slow

COLUMNS = ("seq", "at", "actor", "action", "object_type", "object_id", "change", "prev_hash")


def _device_entry(workspace, serial: str) -> int:  # noqa: ANN001
    with workspace.db.read() as session:
        for entry in session.execute(select(LedgerEntry).where(
                LedgerEntry.object_type == "device").order_by(LedgerEntry.seq)).scalars():
            if json.loads(entry.change).get("values", {}).get("serial") == serial:
                return entry.seq
    raise AssertionError(serial)


def _alter(workspace, seq: int, *, rehash: bool) -> None:  # noqa: ANN001
    """Change the device's model in entry ``seq``; with ``rehash``, recompute that entry's
    hash and every later one, so the chain itself links up again (only the signed
    checkpoints, which need the workstation key, can tell)."""
    connection = sqlite3.connect(workspace.data_dir / DB_NAME, isolation_level=None)
    try:
        change = json.loads(connection.execute(
            "SELECT change FROM ledger_entry WHERE seq = ?", (seq,)).fetchone()[0])
        change["values"]["model"] = "FORGED"
        connection.execute("UPDATE ledger_entry SET change = ? WHERE seq = ?",
                           (json.dumps(change, ensure_ascii=False, sort_keys=True,
                                       separators=(",", ":")), seq))
        if rehash:
            prev = connection.execute("SELECT prev_hash FROM ledger_entry WHERE seq = ?",
                                      (seq,)).fetchone()[0]
            rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM ledger_entry "
                                      "WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
            for row in rows:
                entry = dict(zip(COLUMNS, row), prev_hash=prev)
                prev = entry_hash(entry)
                connection.execute("UPDATE ledger_entry SET prev_hash = ?, hash = ? WHERE seq = ?",
                                   (entry["prev_hash"], prev, entry["seq"]))
    finally:
        connection.close()


def _prepared(hq, enrolled):  # noqa: ANN001, ANN202
    workspace = enrolled()
    assert run_pass(workspace).ok
    admin = admin_of(workspace)
    for serial in ("DSJ-0001", "DSJ-0002", "DSJ-0003"):
        add_device(admin, serial, "body_camera", "一科", model="DSJ-V9")
    return workspace, _device_entry(workspace, "DSJ-0002")


def test_an_entry_altered_without_rehashing_is_refused_and_flagged(hq, enrolled):
    workspace, seq = _prepared(hq, enrolled)
    held = hq_counts(hq, workspace.workstation_id)
    with workspace.db.read() as session:
        original = session.get(LedgerEntry, seq).change
    _alter(workspace, seq, rehash=False)

    summary = run_pass(workspace)

    assert not summary.ok
    assert f"审计日志第 {seq} 条内容被改动" in summary.errors[0]
    assert hq_counts(hq, workspace.workstation_id) == held  # nothing of the batch was kept
    flagged = hq_workstation(hq, workspace.workstation_id)
    assert f"第 {seq} 条" in flagged.chain_problem and flagged.chain_problem_at is not None
    # HQ wrote its finding into its own ledger.
    with hq.open() as server_side:
        from audit.log import recent_entries
        entries = recent_entries(admin_of(server_side), limit=20)
    assert any(e.action == "hq.chain_refused" and e.object_id == workspace.workstation_id
               for e in entries)

    # Every later push is refused, even once the entry is put back, until an HQ admin has
    # looked into it and cleared the flag (the next test).
    connection = sqlite3.connect(workspace.data_dir / DB_NAME, isolation_level=None)
    connection.execute("UPDATE ledger_entry SET change = ? WHERE seq = ?", (original, seq))
    connection.close()
    again = run_pass(workspace, language="en")
    assert not again.ok and "HQ flagged this workstation's ledger" in again.errors[0]
    assert hq_counts(hq, workspace.workstation_id) == held


def test_an_entry_altered_and_rehashed_is_caught_by_the_signatures(hq, enrolled, lawdesk_here):
    workspace, seq = _prepared(hq, enrolled)
    with workspace.db.read() as session:
        original = session.get(LedgerEntry, seq)
        original_rows = [(e.seq, e.change, e.prev_hash, e.hash) for e in session.execute(
            select(LedgerEntry).where(LedgerEntry.seq >= seq)).scalars()]
    _alter(workspace, seq, rehash=True)
    from audit.verify import verify_ledger
    assert not verify_ledger(workspace.db).intact  # the workstation's own check agrees

    summary = run_pass(workspace, language="en")

    assert not summary.ok
    message = summary.errors[0]
    # add_device writes the device and its first event in one transaction, under one
    # signature: the signatures narrow the change down to that transaction.
    assert f"entries {seq} to {seq + 1} do not match the signed checkpoint" in message, message
    assert hq_workstation(hq, workspace.workstation_id).chain_problem

    # The investigation puts the entries back; an HQ admin clears the flag (audited).
    connection = sqlite3.connect(workspace.data_dir / DB_NAME, isolation_level=None)
    connection.executemany("UPDATE ledger_entry SET change = ?, prev_hash = ?, hash = ? "
                           "WHERE seq = ?", [(c, p, h, s) for s, c, p, h in original_rows])
    connection.close()
    assert original.seq == seq
    listed = lawdesk_here(hq.folder, "hq", "workstations", "--json", db_url=hq.db_url)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)[0]["chain_problem"]
    cleared = lawdesk_here(hq.folder, "hq", "clear-flag", workspace.workstation_id,
                           db_url=hq.db_url)
    assert cleared.returncode == 0, cleared.stderr
    assert hq_workstation(hq, workspace.workstation_id).chain_problem is None

    assert run_pass(workspace).ok
    assert hq_counts(hq, workspace.workstation_id)["entries"] >= original_rows[-1][0]
