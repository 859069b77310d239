"""Footage up: a workstation's stored files reach HQ, each hashed there, each confirmed once."""
from __future__ import annotations

import base64
import os
import shutil

import pytest
from sqlalchemy import select

from db.models import HqFileHolding, HqReceipt, LedgerEntry
from sync.upload import pending_objects, upload_pending
from tests.sync.footage_helpers import (
    Tus, client, hq_files, hq_store_path, hq_upload_count, offload_files, part_files,
    receipts, sha256_of,
)

pytestmark = pytest.mark.slow
CHUNK = 256 << 10


def test_stored_files_reach_hq_identical_and_are_confirmed_once(hq, enrolled, tmp_path):
    workspace = enrolled()
    stored = offload_files(workspace, tmp_path / "card", {
        "A0001.MP4": 1_300_000, "A0002.MP4": 700_000, "A0003.MP4": 0})
    pending = {o.sha256: o for o in pending_objects(workspace)}
    # Every footage file, and the session's two manifests.
    assert set(stored.values()) <= set(pending)
    assert sorted(o.kind for o in pending.values()) == ["footage"] * 3 + ["manifest"] * 2

    notes = []
    with client(workspace) as c:
        summary = upload_pending(workspace, c, chunk_bytes=CHUNK,
                                 progress=lambda done, total, note="": notes.append(
                                     (done, total, note)))
    assert summary.errors == []
    assert (summary.sent, summary.already_held, summary.confirmed, summary.pending) == (5, 0, 5, 0)
    assert summary.bytes_sent == sum(o.size for o in pending.values())
    assert summary.upload_seconds > 0
    assert notes[-1][0] == notes[-1][1] == summary.bytes_sent
    assert "A0001.MP4" in {note for _, _, note in notes}

    # HQ holds the same bytes, read-only, in its own content-addressed store.
    held = hq_files(hq)
    assert held == {sha: o.size for sha, o in pending.items()}
    for sha256 in pending:
        path = hq_store_path(hq, sha256)
        assert sha256_of(path) == sha256
        assert path.stat().st_mode & 0o222 == 0
    assert part_files(hq) == [] and hq_upload_count(hq) == 0

    # Each confirmation is an audited receipt on the workstation...
    assert receipts(workspace) == {sha: "uploaded" for sha in pending}
    with workspace.db.read() as session:
        actions = list(session.execute(select(LedgerEntry.action).where(
            LedgerEntry.object_type == HqReceipt.__tablename__)).scalars())
    assert actions == ["sync.hq_receipt"] * 5
    # ...and each file received an entry in HQ's own ledger.
    with hq.open() as server_side, server_side.db.read() as session:
        entries = session.execute(select(LedgerEntry.action, LedgerEntry.object_type).where(
            LedgerEntry.action == "hq.file_received")).all()
        holders = set(session.execute(select(HqFileHolding.workstation_id)).scalars())
    assert sorted(t for _, t in entries).count("hq_file") == 5
    assert holders == {workspace.workstation_id}
    # HQ's own `lawdesk verify` knows what it received: no "unknown file" in its store.
    with hq.open() as server_side:
        from evidence.verify import verify_store
        report = verify_store(server_side.db, server_side.store)
    assert report.problems == []

    # A second pass has nothing to send.
    assert pending_objects(workspace) == []
    with client(workspace) as c:
        again = upload_pending(workspace, c, chunk_bytes=CHUNK)
    assert (again.sent, again.already_held, again.bytes_sent, again.errors) == (0, 0, 0, [])


def test_a_file_hq_already_holds_is_not_sent_again(hq, enrolled, tmp_path):
    # Two workstations of one unit: what one sent, HQ holds for the other too. (A file held
    # from another unit only is sent again: tests/sync/test_hq_ownership_scope.py.)
    first, second = enrolled("first"), enrolled("second")
    offload_files(first, tmp_path / "card", {"B0001.MP4": 900_000})
    with client(first) as c:
        assert upload_pending(first, c, chunk_bytes=CHUNK).sent == 3
    # The second workstation offloads a copy of the same card: the same footage, its own
    # manifests.
    shutil.copytree(tmp_path / "card" / "DCIM", tmp_path / "card2" / "DCIM")
    sha = offload_files(second, tmp_path / "card2", {})["B0001.MP4"]
    pending = {o.sha256: o for o in pending_objects(second)}
    assert pending[sha].kind == "footage"

    requests = []
    with client(second) as c:
        c._http.event_hooks["request"].append(
            lambda request: requests.append((request.method, request.headers.get(
                "Upload-Metadata", ""))))
        summary = upload_pending(second, c, chunk_bytes=CHUNK)
    assert summary.errors == []
    assert (summary.sent, summary.already_held, summary.confirmed) == (2, 1, 3)
    assert receipts(second)[sha] == "already_held"
    # Not one byte of the footage went up: no upload was even created for it.
    assert summary.bytes_sent == sum(o.size for s, o in pending.items() if s != sha)
    created = [meta for method, meta in requests if method == "POST" and meta]
    assert len(created) == 2
    assert not any(base64.b64encode(sha.encode()).decode() in meta for meta in created)
    with hq.open() as server_side, server_side.db.read() as session:
        holders = dict(session.execute(select(HqFileHolding.workstation_id, HqFileHolding.at)
                                       .where(HqFileHolding.sha256 == sha)).all())
    assert set(holders) == {first.workstation_id, second.workstation_id}
    assert part_files(hq) == []


def test_verify_files_catches_a_changed_a_missing_and_an_unknown_file(hq, enrolled, tmp_path):
    from hq.file_verification import verify_files
    workspace = enrolled()
    stored = offload_files(workspace, tmp_path / "card", {
        "E0001.MP4": 300_000, "E0002.MP4": 200_000, "E0003.MP4": 100_000})
    with client(workspace) as c:
        assert upload_pending(workspace, c, chunk_bytes=CHUNK).pending == 0
    # An upload under way is HQ's business, not a problem of its store.
    tus = Tus(hq, workspace)
    location = tus.create(b"unfinished" * 100).headers["Location"]
    assert tus.patch(location, 0, b"unfinished" * 10).status_code == 204
    tus.close()
    with hq.open() as server_side:
        notes = []
        assert verify_files(server_side, progress=lambda *a: notes.append(a)) == []
        assert notes

        changed = hq_store_path(hq, stored["E0001.MP4"])
        os.chmod(changed, 0o644)
        with open(changed, "r+b") as handle:
            handle.seek(1000)
            handle.write(b"\x00")
        hq_store_path(hq, stored["E0002.MP4"]).unlink()
        stray = hq_store_path(hq, "ab" * 32)
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_bytes(b"no record names me")

        problems = verify_files(server_side)
    found = sorted((p.kind, p.path.name) for p in problems)
    assert found == sorted([("changed", stored["E0001.MP4"]), ("missing", stored["E0002.MP4"]),
                            ("unknown", "ab" * 32)])
    assert all(p.message("zh_CN") and p.message("en") for p in problems)
