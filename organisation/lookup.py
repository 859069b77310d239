"""The one lookup of an officer by a certificate number (执法证号), and the one rule for what
counts as the same number.

Numbers arrive typed in a form, pasted from a spreadsheet, scanned, read from a recorder's
file name or given on the command line. The rule: surrounding whitespace is dropped, as
Python's ``str.strip()`` drops it, which covers the full-width space (U+3000) a Chinese
input method types, the no-break space (U+00A0) a copied cell brings, and a scanner's
trailing tab or CR. Nothing inside the number changes: stored numbers keep their inner
spaces and full-width characters as issued, so removing or folding them on lookup alone
would find nothing, and could one day find a different certificate. Stored numbers are
cleaned by this same rule (organisation.officers), so what is stored is what is found.

Any number an officer ever held finds them: a file name or a document may carry a number
since renewed.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFound
from db.models import Certificate, Officer


def clean_certificate_number(number: str | None) -> str:
    """A certificate number as stored and looked up; "" for none."""
    return (number or "").strip()


def certificate_not_found(number: str | None) -> NotFound:
    return NotFound("执法证号", "certificate number", clean_certificate_number(number))


def officer_id_by_certificate(session: Session, number: str | None) -> str | None:
    """The id of the officer who holds or held ``number``; None when nobody did."""
    key = clean_certificate_number(number)
    return session.execute(select(Certificate.officer_id)
                           .where(Certificate.number == key)).scalar_one_or_none()


def certificate_by_number(session: Session, number: str | None) -> Certificate:
    key = clean_certificate_number(number)
    certificate = session.execute(
        select(Certificate).where(Certificate.number == key)).scalar_one_or_none()
    if certificate is None:
        raise certificate_not_found(number)
    return certificate


def officer_by_certificate(session: Session, number: str | None) -> Officer:
    """The officer who holds or held ``number``, or NotFound naming the number looked for."""
    officer_id = officer_id_by_certificate(session, number)
    if officer_id is None:
        raise certificate_not_found(number)
    return session.get(Officer, officer_id)
