"""The enforcement personnel list (人员资格清单, measure 5) and the lookup by certificate
number, both generated from the officer and certificate records: never typed twice, so the
list follows every new certificate, expiry, suspension and revocation the day it happens.

The list names the officers certified on the day (organisation.certification's rule, in
SQL: organisation.officers.certified_condition). The lookup answers for any certificate
number ever issued, a revoked or expired one too, since that is what a member of the
public holding an old card wants to know. Both show only what is public: name, unit,
certificate number, category, area and validity; never a phone number or an ID number.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFound
from db.models import Certificate, Officer, Unit
from organisation.certification import current_certificate, judge
from organisation.lookup import certificate_by_number
from organisation.officers import certified_condition, with_current_certificate
from organisation.units import unit_order

# The only fields the lookup answers with; a test holds it to this.
PUBLIC_FIELDS = ("name", "unit", "certificate_number", "category", "area", "valid_from",
                 "valid_until", "status", "status_text", "status_text_en", "certified",
                 "current", "current_certificate_number")


def personnel_rows(session: Session, on: date) -> list[dict[str, str]]:
    """The officers certified on ``on``, by unit and certificate number (code-point order of
    Chinese names is no order a reader knows), with their current certificate:
    rows keyed as resources/lists/columns.toml's personnel columns."""
    query = with_current_certificate(
        select(Officer.name, Unit.name, Certificate.number, Certificate.category,
               Certificate.area, Certificate.valid_from, Certificate.valid_until)
        .join(Unit, Unit.id == Officer.unit_id), on
    ).where(certified_condition(on)).order_by(unit_order(), Certificate.number)
    return [{"name": name, "unit": unit, "certificate_number": number,
             "category": category or "", "area": area or "",
             "valid_from": valid_from.isoformat(), "valid_until": valid_until.isoformat()}
            for name, unit, number, category, area, valid_from, valid_until
            in session.execute(query)]


def lookup(session: Session, certificate_number: str, on: date) -> dict | None:
    """What the public may know about certificate ``certificate_number`` on ``on``: its
    holder's name and unit, its category, area and validity, and whether it allows
    enforcement that day; None when no such certificate was ever issued."""
    try:
        certificate = certificate_by_number(session, certificate_number)
    except NotFound:
        return None
    officer = certificate.officer
    judged = judge(certificate.number, certificate.status, certificate.valid_from,
                   certificate.valid_until, on)
    newest = current_certificate(officer.certificates, on)
    return {"name": officer.name, "unit": officer.unit.name,
            "certificate_number": certificate.number,
            "category": certificate.category or "", "area": certificate.area or "",
            "valid_from": certificate.valid_from.isoformat(),
            "valid_until": certificate.valid_until.isoformat(),
            "status": judged.reason.value, "status_text": judged.message("zh_CN"),
            "status_text_en": judged.message("en"), "certified": judged.certified,
            "current": newest is not None and newest.id == certificate.id,
            # A renewed card: the number that replaced it (itself on the public list).
            "current_certificate_number": newest.number if newest is not None else None}
