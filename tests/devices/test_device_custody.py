"""Custody: a custodian checks a device out to a certified officer and takes it back.

Every refusal of issue 4 leaves the records and the ledger as they were and says why.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from config.settings import set_setting
from core.errors import InvalidInput, NotFound
from devices.custody import (
    PreUseCheck,
    checkin,
    checkout,
    custody_history,
    default_due_at,
    overdue,
)
from devices.errors import (
    CustodyLimitReached,
    DeviceNotCheckedOut,
    DeviceUnavailable,
    InvalidSignature,
    PreUseCheckFailed,
)
from devices.registry import get_device, set_device_status
from devices.signatures import signature_png
from organisation.certification import NotCertified
from organisation.officers import CertificateInput, officer_by_certificate, renew_certificate

NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)
MIDNIGHT_BEIJING = datetime(2026, 6, 15, 16, 0, tzinfo=timezone.utc)
PASS = PreUseCheck()


def held_by(ctx, certificate: str) -> set[str]:  # noqa: ANN001
    """The serials an officer holds now, as the custody register shows them."""
    return {row.serial for row in custody_history(ctx, officer_certificate=certificate,
                                                  open_only=True)}


# ----------------------------------------------------------------------------- checkout
def test_checkout_records_the_custody(bureau, keeper, png, raw_db):
    signature = png(7)
    row = checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=signature,
                   notes="外勤检查")
    assert (row.serial, row.officer_name, row.certificate_number) == ("BC-1", "王五", "C-WANG")
    assert (row.checked_out_at, row.due_at, row.checked_out_by) == (NOW, MIDNIGHT_BEIJING,
                                                                    "keeper")
    assert row.checks == PASS and row.checkout_notes == "外勤检查"
    assert row.is_open and row.checkout_signed and not row.checkin_signed
    assert get_device(keeper, "BC-1").status == "checked_out"
    # The signature is kept, by its SHA-256 ...
    digest = hashlib.sha256(signature).hexdigest()
    assert row.checkout_signature_sha256 == digest
    assert signature_png(keeper, digest) == signature
    # ... and the ledger holds its digest, never the image.
    with raw_db() as connection:
        change, = connection.execute(
            "SELECT change FROM ledger_entry WHERE object_type = 'signature_image'").fetchone()
        actions = {a for a, in connection.execute(
            "SELECT action FROM ledger_entry WHERE object_type = 'custody'")}
    assert json.loads(change)["values"] == {"sha256": digest, "png": {"sha256": digest}}
    assert "base64" not in change
    assert actions == {"device.checkout"}


def test_the_default_due_time_is_the_end_of_the_day_in_beijing(bureau, acting):
    # 23:30 in Beijing is 15:30 UTC: due in half an hour, at Beijing midnight.
    late = datetime(2026, 6, 15, 15, 30, tzinfo=timezone.utc)
    assert default_due_at(acting(late)) == MIDNIGHT_BEIJING
    # 00:30 on the 16th in Beijing is still the 15th in UTC: due at the end of the 16th.
    early = datetime(2026, 6, 15, 16, 30, tzinfo=timezone.utc)
    assert default_due_at(acting(early)) == MIDNIGHT_BEIJING + timedelta(days=1)


def test_an_explicit_due_time(bureau, keeper):
    due = NOW + timedelta(days=2)
    assert checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None,
                    due_at=due).due_at == due


def test_without_a_signature_pad_the_checkout_is_recorded_as_unsigned(bureau, keeper):
    row = checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    assert not row.checkout_signed and row.checkout_signature_sha256 is None
    assert row.as_json()["checkout_signed"] is False


def test_one_drawing_is_stored_once(bureau, keeper, png, snapshot):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=png(1))
    before = snapshot()["signature_image"]
    checkin(keeper, "BC-1", signature_png=png(1))
    assert snapshot()["signature_image"] == before == 1


def test_an_old_certificate_number_finds_the_officer(bureau, manager, keeper):
    officer = officer_by_certificate(manager, "C-WANG")
    renew_certificate(manager, officer.id, CertificateInput("C-WANG-2", datetime(2099, 1, 1).date(),
                                                           datetime(2026, 6, 1).date()))
    row = checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    # Recorded under the certificate that is current today, the one that makes them eligible.
    assert (row.officer_name, row.certificate_number) == ("王五", "C-WANG-2")


# ----------------------------------------------------------------------------- refusals
@pytest.mark.parametrize("certificate,reason_en", [
    ("C-OLD", "expired on 2026-06-14"),
    ("C-SUSP", "is suspended"),
    ("C-REV", "is revoked"),
    ("C-SOON", "is not yet valid"),
], ids=["expired", "suspended", "revoked", "not-yet-valid"])
def test_an_officer_who_is_not_certified_is_refused(bureau, keeper, unchanged, certificate,
                                                    reason_en):
    with unchanged(), pytest.raises(NotCertified) as refused:
        checkout(keeper, "BC-1", certificate, checks=PASS, signature_png=None)
    assert reason_en in refused.value.message("en")
    assert "持证上岗" in refused.value.message("zh_CN")


def test_an_officer_without_any_certificate_cannot_be_named(bureau, keeper, unchanged):
    # Custody names officers by certificate number: one without a certificate has none.
    with unchanged(), pytest.raises(NotFound) as refused:
        checkout(keeper, "BC-1", "", checks=PASS, signature_png=None)
    assert "certificate number" in refused.value.message("en")


@pytest.mark.parametrize("serial,certificate,what", [
    ("NOPE", "C-WANG", "device"), ("BC-1", "C-NOPE", "certificate number"),
], ids=["unknown-serial", "unknown-certificate"])
def test_unknown_serial_or_certificate(bureau, keeper, unchanged, serial, certificate, what):
    with unchanged(), pytest.raises(NotFound) as refused:
        checkout(keeper, serial, certificate, checks=PASS, signature_png=None)
    assert refused.value.message("en") == f"No {what} found: {serial if what == 'device' else certificate}"


def test_a_device_already_out_is_refused_naming_the_holder(bureau, keeper, unchanged):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    with unchanged(), pytest.raises(DeviceUnavailable) as refused:
        checkout(keeper, "BC-1", "C-ZHAO", checks=PASS, signature_png=None)
    assert refused.value.message("en") == (
        "Device BC-1 is already checked out to 王五 (C-WANG); it cannot be checked out now")
    assert "王五（C-WANG）" in refused.value.message("zh_CN")


@pytest.mark.parametrize("action,reason_en,reason_zh", [
    ("repair", "is in repair", "正在维修"),
    ("lost", "is reported lost", "已报失"),
    ("retire", "is retired", "已报废"),
])
def test_a_device_in_repair_lost_or_retired_is_refused(bureau, keeper, unchanged, action,
                                                       reason_en, reason_zh):
    set_device_status(keeper, "BC-1", action, "原因")
    with unchanged(), pytest.raises(DeviceUnavailable) as refused:
        checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    assert reason_en in refused.value.message("en")
    assert reason_zh in refused.value.message("zh_CN")


@pytest.mark.parametrize("checks,items_en", [
    (PreUseCheck(battery_ok=False), "battery low"),
    (PreUseCheck(storage_ok=False), "storage full"),
    (PreUseCheck(clock_ok=False), "clock wrong"),
    (PreUseCheck(undamaged=False), "damaged"),
    (PreUseCheck(battery_ok=False, clock_ok=False), "battery low, clock wrong"),
], ids=["battery", "storage", "clock", "damage", "two"])
def test_a_failed_pre_use_check_is_refused(bureau, keeper, unchanged, checks, items_en):
    with unchanged(), pytest.raises(PreUseCheckFailed) as refused:
        checkout(keeper, "BC-1", "C-WANG", checks=checks, signature_png=None)
    assert f"({items_en})" in refused.value.message("en")


def test_an_officer_over_the_limit_per_type_is_refused(bureau, manager, keeper, unchanged):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    with unchanged(), pytest.raises(CustodyLimitReached) as refused:
        checkout(keeper, "BC-2", "C-WANG", checks=PASS, signature_png=None)
    assert refused.value.message("en").startswith(
        "王五 already holds 1 body camera device(s); the limit for one type is 1 per officer")
    assert "执法记录仪" in refused.value.message("zh_CN")
    # Another type is a separate count; another officer has their own.
    checkout(keeper, "AR-1", "C-WANG", checks=PASS, signature_png=None)
    checkout(keeper, "BC-2", "C-ZHAO", checks=PASS, signature_png=None)
    assert held_by(keeper, "C-WANG") == {"BC-1", "AR-1"}
    assert held_by(keeper, "C-ZHAO") == {"BC-2"}


def test_the_limit_per_type_is_a_setting(bureau, manager, keeper):
    set_setting(manager, "custody.max_per_type", 2)
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    checkout(keeper, "BC-2", "C-WANG", checks=PASS, signature_png=None)
    assert held_by(keeper, "C-WANG") == {"BC-1", "BC-2"}
    with pytest.raises(InvalidInput):
        set_setting(manager, "custody.max_per_type", 0)
    with pytest.raises(InvalidInput):
        set_setting(manager, "custody.max_per_type", True)


def test_a_device_checked_in_frees_the_officers_allowance(bureau, keeper):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    with pytest.raises(CustodyLimitReached):  # while BC-1 is out, the allowance is used up
        checkout(keeper, "BC-2", "C-WANG", checks=PASS, signature_png=None)
    checkin(keeper, "BC-1", signature_png=None)
    row = checkout(keeper, "BC-2", "C-WANG", checks=PASS, signature_png=None)
    assert (row.serial, row.certificate_number) == ("BC-2", "C-WANG") and row.is_open
    assert held_by(keeper, "C-WANG") == {"BC-2"}
    assert get_device(keeper, "BC-1").status == "in_store"
    assert get_device(keeper, "BC-2").status == "checked_out"


@pytest.mark.parametrize("data,detail_en", [
    (b"", "the image is empty"),
    (b"GIF89a" + b"\0" * 40, "it is not a PNG file"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "it is not a PNG file"),   # no header chunk
], ids=["empty", "gif", "truncated-png"])
def test_a_signature_that_is_not_a_png_is_refused(bureau, keeper, unchanged, data, detail_en):
    with unchanged(), pytest.raises(InvalidSignature) as refused:
        checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=data)
    assert refused.value.message("en") == (
        f"The checkout signature is not a valid PNG image: {detail_en}")


@pytest.mark.parametrize("due", [NOW, NOW - timedelta(hours=1), datetime(2026, 6, 16, 9, 0)],
                         ids=["now", "past", "naive"])
def test_a_due_time_not_after_the_checkout_is_refused(bureau, keeper, unchanged, due):
    with unchanged(), pytest.raises(InvalidInput):
        checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None, due_at=due)


# ----------------------------------------------------------------------------- check-in
def test_checkin_in_good_condition_returns_the_device_to_store(bureau, acting, png):
    checkout(acting(NOW), "BC-1", "C-WANG", checks=PASS, signature_png=png(1))
    back = NOW + timedelta(hours=8)
    row = checkin(acting(back), "BC-1", notes="电量 20%", signature_png=png(2))
    assert (row.checked_in_at, row.checked_in_by, row.checkin_condition, row.checkin_notes) == (
        back, "keeper", "good", "电量 20%")
    assert row.checkin_signature_sha256 == hashlib.sha256(png(2)).hexdigest()
    assert not row.is_open and row.checkin_signed
    assert get_device(acting(back), "BC-1").status == "in_store"


def test_a_damaged_checkin_puts_the_device_in_repair(bureau, keeper, unchanged):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    row = checkin(keeper, "BC-1", condition="damaged", notes="外壳开裂", signature_png=None)
    assert row.checkin_condition == "damaged"
    assert get_device(keeper, "BC-1").status == "in_repair"
    with unchanged(), pytest.raises(DeviceUnavailable):
        checkout(keeper, "BC-1", "C-ZHAO", checks=PASS, signature_png=None)


@pytest.mark.parametrize("status", ["in_store", "in_repair"])
def test_checking_in_a_device_that_is_not_out_is_refused(bureau, keeper, unchanged, status):
    if status == "in_repair":
        set_device_status(keeper, "BC-1", "repair", "坏了")
    with unchanged(), pytest.raises(DeviceNotCheckedOut) as refused:
        checkin(keeper, "BC-1", signature_png=None)
    assert "BC-1 is not checked out" in refused.value.message("en")


def test_an_unknown_condition_is_refused(bureau, keeper, unchanged):
    checkout(keeper, "BC-1", "C-WANG", checks=PASS, signature_png=None)
    with unchanged(), pytest.raises(InvalidInput):
        checkin(keeper, "BC-1", condition="so-so", signature_png=None)


def test_a_clock_stepped_back_never_makes_a_negative_custody(bureau, acting):
    checkout(acting(NOW), "BC-1", "C-WANG", checks=PASS, signature_png=None)
    row = checkin(acting(NOW - timedelta(minutes=5)), "BC-1", signature_png=None)
    assert row.checked_in_at == NOW


# ----------------------------------------------------------------------------- overdue
def test_overdue_lists_devices_past_their_due_time(bureau, acting):
    checkout(acting(NOW), "BC-1", "C-WANG", checks=PASS, signature_png=None,
             due_at=NOW + timedelta(hours=1))
    checkout(acting(NOW), "AR-1", "C-WANG", checks=PASS, signature_png=None,
             due_at=NOW + timedelta(hours=3))
    checkout(acting(NOW), "BC-2", "C-ZHAO", checks=PASS, signature_png=None,
             due_at=NOW + timedelta(hours=2))
    due = NOW + timedelta(hours=1)
    assert overdue(acting(due)) == []                      # at the due time: not yet
    assert [r.serial for r in overdue(acting(due + timedelta(seconds=1)))] == ["BC-1"]
    later = NOW + timedelta(hours=5)
    assert [r.serial for r in overdue(acting(later))] == ["BC-1", "BC-2", "AR-1"]
    checkin(acting(later), "BC-2", signature_png=None)     # back late: no longer overdue
    rows = overdue(acting(later))
    assert [r.serial for r in rows] == ["BC-1", "AR-1"]
    assert rows[0].is_overdue(later) and rows[0].officer_name == "王五"


# ----------------------------------------------------------------------------- history
def test_custody_history_per_device_and_per_officer(bureau, acting):
    hours = [NOW + timedelta(hours=h) for h in range(6)]
    checkout(acting(hours[0]), "BC-1", "C-WANG", checks=PASS, signature_png=None)
    checkin(acting(hours[1]), "BC-1", signature_png=None)
    checkout(acting(hours[2]), "BC-1", "C-ZHAO", checks=PASS, signature_png=None)
    checkout(acting(hours[3]), "AR-1", "C-WANG", checks=PASS, signature_png=None)
    ctx = acting(hours[5])
    assert [(r.officer_name, r.checked_out_at) for r in custody_history(ctx, "BC-1")] == [
        ("赵六", hours[2]), ("王五", hours[0])]
    assert [r.serial for r in custody_history(ctx, officer_certificate="C-WANG")] == [
        "AR-1", "BC-1"]
    assert [r.serial for r in custody_history(ctx, officer_certificate="C-WANG",
                                              open_only=True)] == ["AR-1"]
    assert [r.serial for r in custody_history(ctx, since=hours[1], until=hours[3])] == ["BC-1"]
    assert len(custody_history(ctx)) == 3
    assert len(custody_history(ctx, limit=1)) == 1
    with pytest.raises(NotFound):
        custody_history(ctx, "NOPE")
    with pytest.raises(NotFound):
        custody_history(ctx, officer_certificate="C-NOPE")
