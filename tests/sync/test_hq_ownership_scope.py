"""What a workstation may learn and claim at HQ is scoped to its own unit.

Issue 23 tried it with two enrolled units and direct HTTP: any workstation that knew a hash
learnt whether another unit's file was at HQ (GET files/{sha}, POST files/check) and was
recorded as holding it without sending a byte (POST files/ answered "held"); a case pushed
with another unit's unit_id was filed as sent; `hq records` named records by their bare ids;
writes to HQ's data labelled as its mirror, or made before the link entry, were dropped
without a word."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from audit.recorder import install as install_ledger
from core.clock import Clock
from core.context import Context
from db.database import Database, sqlite_url
from db.models import Device, HqFileHolding, HqLedgerEntry, HqWorkstation, LedgerEntry, Unit
from db.models.hq import HqRefusedWrite
from hq.records import key_prefix_length, list_records
from hq.refusals import list_refusals
from lawdesk.workspace import DB_NAME, Workspace
from sync.client import Credentials, HqClient
from sync.engine import run_pass
from sync.ledger_push import push_ledger, read_batch
from sync.link import client_for, require_link
from sync.protocol import API, REFERENCE_ACTION
from tests.sync.footage_helpers import Tus, hq_store_path, noise, part_files
from tests.sync.sync_helpers import admin_of, hq_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hq(request, tmp_path_factory):  # noqa: ANN001, ANN201
    """One HQ for this module's stories, on each database: each story enrolls workstations
    of its own and looks only at what they did, so they share it (a server start costs more
    than most of them)."""
    from contextlib import ExitStack

    from db.database import temporary_database
    from organisation.units import add_unit as add
    from tests.conftest import ADMIN, ADMIN_PASSWORD, pg_server_url
    from tests.sync.conftest import UNIT_A, UNIT_B, HqServer, admin_context, open_folder
    with ExitStack() as stack:
        url = (None if request.param == "sqlite"
               else stack.enter_context(temporary_database(pg_server_url(), "lawdesk_test_")))
        folder = tmp_path_factory.mktemp("scope") / "hq"
        with open_folder(folder, url, create=True) as workspace:
            workspace.initialise(ADMIN, ADMIN_PASSWORD)
            for name, short in (UNIT_A, UNIT_B):
                add(admin_context(workspace), name, short)
        server = HqServer(folder, url).start()
        stack.callback(server.stop)
        yield server


def _http(hq) -> httpx.Client:  # noqa: ANN001
    return httpx.Client(base_url=hq.url, timeout=30)


def _holders(hq, sha: str) -> set[str]:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return set(session.execute(select(HqFileHolding.workstation_id).where(
            HqFileHolding.sha256 == sha)).scalars())


def _hq_ledger_mentions(hq, sha: str) -> int:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return sum(sha in (change or "") for change in session.execute(
            select(LedgerEntry.change).where(LedgerEntry.action.startswith("hq.file")))
            .scalars())


def test_a_file_is_held_only_for_the_unit_that_sent_it(hq, enrolled):
    ours, neighbour, theirs = (Tus(hq, enrolled("a1")), Tus(hq, enrolled("a2")),
                               Tus(hq, enrolled("b1", unit="二科")))
    try:
        data = noise(300_000, "unit-a-footage")
        sha = hashlib.sha256(data).hexdigest()
        location = ours.create(data).headers["Location"]
        assert ours.patch(location, 0, data).status_code == 204
        sent_by_a = _holders(hq, sha)
        mentions = _hq_ledger_mentions(hq, sha)

        # Another unit, knowing the hash: nothing to learn, nothing recorded.
        confirmation = theirs.http.get(f"{API}/files/{sha}")
        assert confirmation.status_code == 404
        assert confirmation.json()["error"]["code"] == "file_not_held"
        assert theirs.http.post(f"{API}/files/check", json={"sha256": [sha]}).json() == {
            "held": []}
        wrong_length = theirs.create(sha256=sha, length=len(data) + 1)
        assert wrong_length.status_code == 201  # not "HQ holds that hash with N bytes"
        assert theirs.delete(wrong_length.headers["Location"]).status_code == 204
        claimed = theirs.create(sha256=sha, length=len(data))
        assert claimed.status_code == 201, claimed.text  # no "held" without the bytes
        assert _holders(hq, sha) == sent_by_a
        assert _hq_ledger_mentions(hq, sha) == mentions

        # Its bytes, hashed on arrival, make it a holder; the store keeps one copy.
        assert theirs.patch(claimed.headers["Location"], 0, data).status_code == 204
        assert len(_holders(hq, sha)) == 2
        stored = hq_store_path(hq, sha)
        assert stored.read_bytes() == data and stored.stat().st_nlink == 1
        assert part_files(hq) == []

        # A workstation of the sending unit is told at once, without sending anything.
        assert neighbour.http.post(f"{API}/files/check", json={"sha256": [sha]}).json() == {
            "held": [sha]}
        offered = neighbour.create(data)
        assert offered.status_code == 200 and offered.json()["sha256"] == sha
        assert neighbour.http.get(f"{API}/files/{sha}").status_code == 200
    finally:
        for session in (ours, neighbour, theirs):
            session.close()


def _older_program(workspace: Workspace) -> Context:
    """The workstation's database written by a program that knows nothing of ownership
    (an older LawDesk, or a tampered one): the ledger still records every change."""
    older = Database(sqlite_url(workspace.data_dir / DB_NAME))
    install_ledger(older.write_sessions, workspace.audit)
    return Context(older, admin_of(workspace).actor, workspace.clock)


def _unit_id(hq, short_name: str) -> str:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return session.execute(select(Unit.id).where(Unit.short_name == short_name)).scalar_one()


def test_pushed_writes_beyond_the_workstations_unit_are_refused_and_listed(hq, enrolled,
                                                                          lawdesk_here):
    workspace = enrolled()
    assert run_pass(workspace).ok
    other_unit = _unit_id(hq, "二科")
    older = _older_program(workspace)
    try:
        with older.write("device.add") as session:
            # Another unit's row, then a device filed under it.
            session.add(Unit(id=other_unit, name="执法二科", short_name="二科"))
            session.flush()
            session.add(Device(serial="DSJ-9999", type_code="body_camera", unit_id=other_unit))
        with older.write(REFERENCE_ACTION) as session:
            # HQ's data changed under the label of HQ's own mirror.
            own = session.get(Unit, require_link(workspace.db).unit_id)
            own.name = "冒名科室"
    finally:
        older.db.dispose()

    summary = run_pass(workspace, language="en")

    assert summary.ok, summary.errors
    reasons = {item["seq"]: item["reason"] for item in summary.refused}
    assert len(reasons) == 3, summary.refused
    assert sum("names another unit" in r for r in reasons.values()) == 1
    assert sum("managed by HQ" in r for r in reasons.values()) == 1
    assert sum("is not what HQ sent" in r for r in reasons.values()) == 1
    assert [d for d in hq_records(hq, workspace.workstation_id, "device").values()
            if d["serial"] == "DSJ-9999"] == []
    with hq.open() as server_side, server_side.db.read() as session:
        dispositions = dict(session.execute(
            select(HqLedgerEntry.seq, HqLedgerEntry.disposition).where(
                HqLedgerEntry.workstation_id == workspace.workstation_id,
                HqLedgerEntry.seq.in_(list(reasons)))).all())
        names = set(session.execute(select(Unit.name)).scalars())
    assert set(dispositions.values()) == {"refused"}
    assert "冒名科室" not in names

    # An HQ admin lists them, newest first, with the reason's code.
    with hq.open() as server_side:
        rows = [row.as_json("en") for row in list_refusals(
            hq.admin(server_side), workstation_id=workspace.workstation_id)]
    assert {r["seq"] for r in rows} == set(reasons)
    assert {r["code"] for r in rows} == {"other_unit", "hq_owned", "mirror_mismatch"}
    assert {r["unit"] for r in rows} == {"执法一科"}
    assert all(r["id"].startswith(workspace.workstation_id[:8]) for r in rows)
    human = lawdesk_here(hq.folder, "hq", "refused", "--workstation",
                         workspace.workstation_id[:8], db_url=hq.db_url, LAWDESK_LANG="en")
    assert human.returncode == 0 and human.stdout.count("\n") == 3, human.stdout
    assert "names another unit" in human.stdout


def test_hq_data_written_after_enrollment_without_a_link_entry_is_refused(hq, new_workstation):
    """A program that enrolls but never records its link: its writes to HQ's data would
    have stayed "local" for ever. HQ's own enrollment time decides instead."""
    workspace = new_workstation()
    with _http(hq) as http:
        answer = http.post(f"{API}/enroll", json={
            "code": hq.enroll_code(), "workstation_id": workspace.workstation_id,
            "public_key": workspace.audit.signer.public_hex, "name": "no-link"})
    assert answer.status_code == 200, answer.text
    seeded = read_batch(workspace, 0)[0][-1]["seq"]  # the set-up: shipped defaults
    # Ten minutes after enrolling (beyond any clock skew), a write to HQ's data.
    later = Clock(source=lambda: Clock().now() + timedelta(minutes=10))
    older = Database(sqlite_url(workspace.data_dir / DB_NAME))
    install_ledger(older.write_sessions, replace(workspace.audit, now=later.now))
    try:
        from organisation.units import add_unit
        add_unit(Context(older, admin_of(workspace).actor, later), "法制科", "法制")
    finally:
        older.dispose()
    entries, checkpoints = read_batch(workspace, 0)
    assert not any(e["object_type"] == "sync_link" for e in entries)
    with HqClient(hq.url, credentials=Credentials(workspace.workstation_id,
                                                  workspace.audit.signer,
                                                  Clock().now)) as client:
        pushed = client.post_json("ledger/push", {"entries": entries,
                                                  "checkpoints": checkpoints})
    refused = [item["seq"] for item in pushed["refused"]]
    assert refused and min(refused) > seeded, pushed["refused"]
    with hq.open() as server_side, server_side.db.read() as session:
        kept = dict(session.execute(select(HqLedgerEntry.seq, HqLedgerEntry.disposition).where(
            HqLedgerEntry.workstation_id == workspace.workstation_id)).all())
        listed = set(session.execute(select(HqRefusedWrite.seq).where(
            HqRefusedWrite.workstation_id == workspace.workstation_id)).scalars())
    assert {kept[seq] for seq in refused} == {"refused"} and listed == set(refused)
    assert {kept[seq] for seq in range(1, seeded + 1)} <= {"local", "applied", "event"}


def test_records_are_named_per_workstation_and_listed_once(hq, enrolled):
    # Two workstations set up from the same copy hold records under the very same ids.
    first, second = enrolled("first"), enrolled("second")
    for workspace in (first, second):
        with client_for(workspace, require_link(workspace.db)) as client:
            push_ledger(workspace, client)
    with hq.open() as server_side:
        listed = [row.as_json() for row in list_records(hq.admin(server_side),
                                                         object_type="user_account")]
    ours = {first.workstation_id, second.workstation_id}
    rows = [r for r in listed if r["workstation_id"] in ours]
    assert len(rows) == 2 and len({r["object_id"] for r in rows}) == 1
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == 2
    with hq.open() as server_side, server_side.db.read() as session:
        everyone = list(session.execute(select(HqWorkstation.id)).scalars())
    width = key_prefix_length(everyone)
    assert {i.split("/", 1)[0] for i in ids} == {w[:width] for w in ours}
    assert all(i.endswith("/" + rows[0]["object_id"]) for i in ids)
    every = [r["id"] for r in listed]
    assert set(ids) <= set(every) and len(every) == len(set(every))
