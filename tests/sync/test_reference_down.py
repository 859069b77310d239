"""Reference data down: what HQ owns reaches every workstation of the unit, with HQ's ids,
through the workstation's ledger; nothing of another unit ever arrives."""
from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from db.models import Certificate, LedgerEntry, Officer, RatioStandard, Unit
from sync.engine import run_pass
from sync.link import client_for, require_link
from sync.protocol import REFERENCE_ACTION, REFERENCE_TABLES
from sync.rows import model_for, row_values
from tests.sync.sync_helpers import hq_add_officer, hq_counts, hq_records

pytestmark = pytest.mark.slow


def reference_rows(workspace) -> dict[str, list[dict]]:  # noqa: ANN001
    with workspace.db.read() as session:
        return {table: sorted((row_values(o) for o in
                               session.execute(select(model_for(table))).scalars()),
                              key=lambda r: str(sorted(r.items())))
                for table in REFERENCE_TABLES}


def test_an_officer_added_at_hq_reaches_every_workstation_of_the_unit(hq, enrolled):
    first, second = enrolled("first"), enrolled("second")
    assert run_pass(first).ok
    officer_id = hq_add_officer(hq, "张伟", "一科", "22010001")

    summary = run_pass(first)

    assert summary.ok and summary.entries_received == 2  # the officer and the certificate
    with first.db.read() as session:
        officer = session.get(Officer, officer_id)  # HQ's id
        assert officer is not None and officer.name == "张伟"
        assert session.execute(select(Certificate.number).where(
            Certificate.officer_id == officer_id)).scalar_one() == "22010001"
        entries = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_id == officer_id)).scalars().all()
    assert [(e.actor, e.action, e.object_type) for e in entries] == [
        ("sync", REFERENCE_ACTION, "officer")]
    # Nothing new at HQ: the next pass downloads nothing and changes nothing.
    again = run_pass(first)
    assert again.ok and again.entries_received == 0 and again.entries_sent == 0

    # The unit's other workstation ends up with the very same rows.
    assert run_pass(second).ok
    rows = reference_rows(first)
    assert rows == reference_rows(second)
    assert [u["short_name"] for u in rows["unit"]] == ["一科"]
    assert [o["name"] for o in rows["officer"]] == ["张伟"]
    # The standards seeded at set-up (random ids on every machine) gave way to HQ's.
    with hq.open() as server_side, server_side.db.read() as session:
        hq_standards = set(session.execute(select(RatioStandard.id).where(
            RatioStandard.unit_id.is_(None))).scalars())
    assert {s["id"] for s in rows["ratio_standard"]} == hq_standards


def test_units_are_isolated(hq, enrolled):
    hq_add_officer(hq, "张伟", "一科", "22010001")
    hq_add_officer(hq, "王芳", "二科", "22020001")
    first, other = enrolled("first", unit="一科"), enrolled("other", unit="二科")
    assert run_pass(first).ok and run_pass(other).ok

    with other.db.read() as session:
        assert [u.short_name for u in session.execute(select(Unit)).scalars()] == ["二科"]
        assert [o.name for o in session.execute(select(Officer)).scalars()] == ["王芳"]
    # Its records carry its own unit, whatever it sends.
    records = hq_records(hq, other.workstation_id, "sync_link")
    assert {r["unit_id"] for r in records.values()} == {require_link(other.db).unit_id}
    assert require_link(other.db).unit_id != require_link(first.db).unit_id

    # HQ answers from the token: the other workstation's token reads its own state only,
    # and no request parameter reaches the first one's.
    with client_for(other, require_link(other.db)) as client:
        state = client.get_json("ledger/state")
        token = client.token()
    assert state["ledger_seq"] == hq_counts(hq, other.workstation_id)["entries"]
    first_held = hq_counts(hq, first.workstation_id)
    headers = {"Authorization": f"Bearer {token}"}
    forged = httpx.get(f"{hq.url}/api/v1/ledger/state",
                       params={"workstation_id": first.workstation_id}, headers=headers)
    assert forged.json() == state
    reference = httpx.get(f"{hq.url}/api/v1/reference", headers=headers).json()
    assert [o["name"] for o in reference["tables"]["officer"]] == ["王芳"]
    # The first workstation's entries, pushed with the other's token, land nowhere near
    # the first one: HQ checks them against the other's chain and key, and refuses.
    from sync.ledger_push import read_batch
    entries, checkpoints = read_batch(first, 0)
    pushed = httpx.post(f"{hq.url}/api/v1/ledger/push", headers=headers,
                        json={"entries": entries, "checkpoints": checkpoints})
    assert pushed.status_code == 409 and pushed.json()["error"]["code"] == "chain_broken"
    assert hq_counts(hq, first.workstation_id) == first_held
