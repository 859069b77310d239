"""Applying HQ's reference data over what a workstation made itself before it enrolled:
clashes on a natural key, rows HQ no longer sends, and what may and may not be removed."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Custody, Device, LedgerEntry, Officer, Unit
from devices.custody import PreUseCheck, checkout
from devices.registry import add_device
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from sync.protocol import REFERENCE_ACTION
from sync.reference import apply_reference
from tests.sync.sync_helpers import admin_of, ledger_length

HQ_UNIT = {"id": "a" * 32, "name": "执法一科", "short_name": "一科",
           "created_at": "2026-01-01T00:00:00.000000Z"}
HQ_OFFICER = {"id": "b" * 32, "name": "张伟", "unit_id": "a" * 32, "post": None,
              "phone": None, "created_at": "2026-01-02T00:00:00.000000Z"}
HQ_CERT = {"id": "c" * 32, "officer_id": "b" * 32, "number": "22010001", "category": None,
           "area": None, "valid_from": "2026-01-01", "valid_until": "2099-12-31",
           "status": "active", "status_reason": None,
           "created_at": "2026-01-02T00:00:00.000000Z"}


def tables(**extra) -> dict:  # noqa: ANN003
    return {"unit": [HQ_UNIT], "officer": [HQ_OFFICER], "certificate": [HQ_CERT], **extra}


def test_a_local_unit_nothing_uses_gives_way_to_hqs(workspace):
    admin = admin_of(workspace)
    add_unit(admin, "执法一科", "一科")  # made locally before enrolling: another id
    add_officer(admin, "旧人员", "一科", CertificateInput("22019999", date(2099, 1, 1)))

    outcome = apply_reference(workspace, tables())

    # The local officer (and its certificate) were only the workstation's own set-up and
    # nothing refers to them: HQ's unit and officer replace them.
    assert outcome.clean, outcome
    with workspace.db.read() as session:
        assert [(u.id, u.short_name) for u in session.execute(select(Unit)).scalars()] == [
            (HQ_UNIT["id"], "一科")]
        assert [o.id for o in session.execute(select(Officer)).scalars()] == [HQ_OFFICER["id"]]
    assert apply_reference(workspace, tables()).changed == 0  # applying again: no change


def test_what_was_set_up_locally_is_merged_into_hqs_records(workspace):
    admin = admin_of(workspace)
    add_unit(admin, "执法一科", "一科")
    local = add_officer(admin, "张伟", "一科", CertificateInput("22010001", date(2099, 1, 1)))
    device = add_device(admin, "DSJ-0001", "body_camera", "一科")
    checkout(admin, "DSJ-0001", "22010001", checks=PreUseCheck(), signature_png=None)
    length = ledger_length(workspace)

    outcome = apply_reference(workspace, tables())

    # Same unit name, same certificate number: the same unit and the same officer. The
    # device and the custody now name HQ's records, and nothing of the local ones is left.
    assert outcome.clean, outcome
    with workspace.db.read() as session:
        assert session.get(Device, device.id).unit_id == HQ_UNIT["id"]
        assert [c.officer_id for c in session.execute(select(Custody)).scalars()] == [
            HQ_OFFICER["id"]]
        assert [u.id for u in session.execute(select(Unit)).scalars()] == [HQ_UNIT["id"]]
        assert [o.id for o in session.execute(select(Officer)).scalars()] == [HQ_OFFICER["id"]]
        moved = session.execute(select(LedgerEntry).where(LedgerEntry.seq > length)).scalars()
        assert {(e.action, e.object_type) for e in moved if e.object_id == device.id} == {
            (REFERENCE_ACTION, "device")}
    assert local.id != HQ_OFFICER["id"]
    from audit.verify import verify_ledger
    assert verify_ledger(workspace.db).intact


def test_a_unique_value_two_of_hqs_rows_swap_waits_for_the_next_pass(workspace):
    assert apply_reference(workspace, tables()).clean
    # HQ gave the number to a new certificate and the old one a new number; the new one
    # comes first, while the old one still holds the number here.
    newer = {**HQ_CERT, "id": "0" * 32}
    older = {**HQ_CERT, "number": "22010002"}

    outcome = apply_reference(workspace, tables(certificate=[newer, older]))

    assert [en for _zh, en in outcome.errors] == [
        "HQ's certificate '22010001' was not applied: another of HQ's certificate records "
        f"(id {HQ_CERT['id']}) holds the same number"]
    assert apply_reference(workspace, tables(certificate=[newer, older])).clean


def test_rows_hq_no_longer_sends_go_unless_something_uses_them(workspace):
    assert apply_reference(workspace, tables()).clean
    admin = admin_of(workspace)
    # HQ stops sending the officer; the workstation made a user account for them meanwhile.
    from accounts.users import add_user
    add_user(admin, "zhangwei", "officer-pass-1", ["officer"], officer_certificate="22010001")

    outcome = apply_reference(workspace, tables(officer=[], certificate=[]))

    # The certificate goes; the officer stays, named, because an account refers to them.
    assert [en for _zh, en in outcome.warnings] == [
        "local officer '张伟' is no longer sent by HQ but local records still reference it, "
        "so it is kept"]
    with workspace.db.read() as session:
        assert [o.name for o in session.execute(select(Officer)).scalars()] == ["张伟"]
