"""Certified enforcement only (持证上岗): who may do enforcement work on a given day.

The fixed clock stands at 2026-06-15 10:00 in Beijing, so "today" is 2026-06-15.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest

from core.clock import fixed_clock
from core.errors import AlreadyExists, InvalidInput, NotFound
from organisation.certification import NotCertified, Reason, require_certified
from organisation.officers import (
    CertificateInput, add_officer, officer_by_certificate, renew_certificate,
    set_certificate_status,
)
from organisation.units import add_unit

TODAY = date(2026, 6, 15)
DAY = timedelta(days=1)


@pytest.fixture
def manager(workspace, as_role):
    ctx = as_role("admin")
    add_unit(ctx, "综合科", "综合")
    assert ctx.clock.today() == TODAY
    return ctx


def officer(ctx, until: date, *, since: date | None = None, number: str = "22010000001"):
    return add_officer(ctx, "王五", "综合", CertificateInput(number, until, since))


@pytest.mark.parametrize("until,since,reason", [
    (TODAY, None, Reason.CERTIFIED),                      # expires today: still works today
    (TODAY + DAY, None, Reason.CERTIFIED),                # expires tomorrow
    (TODAY - DAY, TODAY - 400 * DAY, Reason.EXPIRED),     # expired yesterday
    (TODAY + 365 * DAY, TODAY + DAY, Reason.NOT_YET_VALID),
    (TODAY + 365 * DAY, TODAY, Reason.CERTIFIED),         # valid from today
], ids=["expires-today", "expires-tomorrow", "expired-yesterday", "starts-tomorrow",
        "starts-today"])
def test_validity_on_the_edges(manager, until, since, reason):
    row = officer(manager, until, since=since)
    assert row.certification.reason is reason
    assert row.certification.certified is (reason is Reason.CERTIFIED)
    assert row.certification.valid_until == until


def test_expired_says_when(manager):
    row = officer(manager, TODAY - DAY, since=TODAY - 400 * DAY)
    assert row.certification.message("en") == "certificate 22010000001 expired on 2026-06-14"
    assert "2026-06-14" in row.certification.message("zh_CN")


@pytest.mark.parametrize("status,reason", [("suspended", Reason.SUSPENDED),
                                           ("revoked", Reason.REVOKED)])
def test_suspended_and_revoked_certificates_do_not_certify(manager, status, reason):
    officer(manager, TODAY + 365 * DAY)
    row = set_certificate_status(manager, "22010000001", status, "违纪")
    assert row.certification.reason is reason
    assert not row.certification.certified


def test_an_officer_without_a_certificate_is_not_certified(manager):
    row = add_officer(manager, "赵六", "综合", None)
    assert row.certificate_number is None
    assert row.certification.reason is Reason.NO_CERTIFICATE


def test_a_suspended_certificate_can_be_reinstated(manager):
    officer(manager, TODAY + 365 * DAY)
    set_certificate_status(manager, "22010000001", "suspended")
    assert set_certificate_status(manager, "22010000001", "active").certification.certified


@pytest.mark.parametrize("status", ["active", "suspended"])
def test_a_revoked_certificate_cannot_be_reinstated(manager, ledger_length, status):
    officer(manager, TODAY + 365 * DAY)
    set_certificate_status(manager, "22010000001", "revoked")
    length = ledger_length()
    with pytest.raises(InvalidInput):
        set_certificate_status(manager, "22010000001", status)
    assert ledger_length() == length
    assert officer_by_certificate(manager, "22010000001").certification.reason is Reason.REVOKED


def test_unknown_status_and_number_are_refused(manager):
    officer(manager, TODAY + 365 * DAY)
    with pytest.raises(InvalidInput):
        set_certificate_status(manager, "22010000001", "lost")
    with pytest.raises(NotFound):
        set_certificate_status(manager, "99999999999", "suspended")


def test_a_renewed_certificate_becomes_current(manager):
    old = officer(manager, TODAY - DAY, since=TODAY - 3 * 365 * DAY)
    assert not old.certification.certified
    row = renew_certificate(manager, old.id,
                            CertificateInput("22010000002", TODAY + 3 * 365 * DAY))
    assert row.id == old.id
    assert row.certificate_number == "22010000002"
    assert row.valid_from == TODAY  # defaults to today
    assert row.certification.certified


def test_an_early_renewal_does_not_interrupt_the_running_certificate(manager):
    """A renewal issued now but starting next month leaves the old certificate current
    until then, in the list and in the rule alike."""
    old = officer(manager, TODAY + 20 * DAY, since=TODAY - 3 * 365 * DAY)
    row = renew_certificate(manager, old.id, CertificateInput(
        "22010000002", TODAY + 5 * 365 * DAY, valid_from=TODAY + 21 * DAY))
    assert row.certificate_number == "22010000001"
    assert row.certification.certified
    later = dataclasses.replace(manager, clock=fixed_clock(
        datetime(2026, 7, 6, 2, 0, tzinfo=timezone.utc)))  # 2026-07-06, the new one's first day
    moved = officer_by_certificate(later, "22010000001")
    assert (moved.certificate_number, moved.certification.certified) == ("22010000002", True)


def test_an_old_number_still_finds_the_officer(manager):
    old = officer(manager, TODAY + 10 * DAY, since=TODAY - 365 * DAY)
    renew_certificate(manager, old.id, CertificateInput("22010000002", TODAY + 3 * 365 * DAY))
    by_old = officer_by_certificate(manager, " 22010000001 ")
    by_new = officer_by_certificate(manager, "22010000002")
    assert by_old.id == by_new.id == old.id
    assert by_old.certificate_number == "22010000002"  # shows the current certificate
    with pytest.raises(NotFound):
        officer_by_certificate(manager, "22010000003")


def test_renewing_after_a_revocation_certifies_again(manager):
    old = officer(manager, TODAY + 365 * DAY, since=TODAY - 365 * DAY)
    set_certificate_status(manager, "22010000001", "revoked")
    row = renew_certificate(manager, old.id, CertificateInput("22010000002", TODAY + 365 * DAY))
    assert row.certification.certified


def test_a_renewal_cannot_reuse_a_number(manager):
    old = officer(manager, TODAY + 365 * DAY)
    with pytest.raises(AlreadyExists):
        renew_certificate(manager, old.id, CertificateInput("22010000001", TODAY + 900 * DAY))


def test_today_is_the_date_in_beijing(manager):
    """At 01:00 on 16 June in Beijing it is still 15 June in UTC; a certificate valid until
    the 15th has expired for the bureau."""
    row = officer(manager, TODAY, since=TODAY - 365 * DAY)
    late = dataclasses.replace(
        manager, clock=fixed_clock(datetime(2026, 6, 15, 17, 0, tzinfo=timezone.utc)))
    assert late.clock.now().date() == TODAY
    late_row = officer_by_certificate(late, row.certificate_number)
    assert late_row.certification.reason is Reason.EXPIRED
    just_before_midnight = dataclasses.replace(
        manager, clock=fixed_clock(datetime(2026, 6, 15, 15, 59, 59, tzinfo=timezone.utc)))
    assert officer_by_certificate(just_before_midnight, row.certificate_number
                                  ).certification.certified


# ------------------------------------------------------------------- require_certified
def test_require_certified_passes_a_certified_officer(workspace, manager):
    row = officer(manager, TODAY)
    with workspace.db.read() as session:
        result = require_certified(session, row.id, TODAY)
    assert result.certified and result.certificate_number == "22010000001"


def test_require_certified_names_the_reason(workspace, manager):
    row = officer(manager, TODAY - DAY, since=TODAY - 365 * DAY)
    with workspace.db.read() as session:
        with pytest.raises(NotCertified) as refused:
            require_certified(session, row.id, TODAY)
    assert "王五" in str(refused.value)
    assert "2026-06-14" in str(refused.value)
    assert refused.value.message("en") == (
        "王五 may not do enforcement work: certificate 22010000001 expired on 2026-06-14 "
        "(certified enforcement only)")


@pytest.mark.parametrize("status,words", [("suspended", "is suspended"),
                                          ("revoked", "is revoked")])
def test_require_certified_names_suspension_and_revocation(workspace, manager, status, words):
    row = officer(manager, TODAY + 365 * DAY)
    set_certificate_status(manager, "22010000001", status)
    with workspace.db.read() as session:
        with pytest.raises(NotCertified) as refused:
            require_certified(session, row.id, TODAY)
    assert words in refused.value.message("en")


def test_require_certified_without_certificate_or_officer(workspace, manager):
    row = add_officer(manager, "赵六", "综合", None)
    with workspace.db.read() as session:
        with pytest.raises(NotCertified) as refused:
            require_certified(session, row.id, TODAY)
        assert "has no enforcement certificate" in refused.value.message("en")
        with pytest.raises(NotCertified) as unknown:
            require_certified(session, "0" * 32, TODAY)
        assert "no such officer" in unknown.value.message("en")
