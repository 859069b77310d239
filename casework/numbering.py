"""Numbers for cases and documents: per unit, kind and year, after a pattern.

A pattern such as ``{unit_short}罚决字〔{year}〕{n}号`` names the unit's short name, the
year and the sequence number (``{n:03d}`` pads it). The sequence comes from a counter row
read and raised inside the caller's write transaction, which SQLite runs under BEGIN
IMMEDIATE (PostgreSQL: under the ledger lock, see audit.recorder.hold_ledger): two processes
issuing at the same moment queue for the lock, each sees the other's committed counter, and
a transaction that fails (a missing field, a font without a glyph) rolls its number back
with it. So a number is never reused and never skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from config.number_patterns import check_pattern, format_number
from db.models import DocumentCounter

CASE_KIND = "case"  # the counter of case numbers; documents count under their template id


@dataclass(frozen=True)
class Issued:
    seq: int
    year: int
    number: str


def take_number(session: Session, *, unit_id: str, unit_short: str, kind: str, year: int,
                pattern: str) -> Issued:
    """The next number of the series, counted inside ``session``'s write transaction."""
    check_pattern(pattern)
    # PostgreSQL: read the counter only once no other transaction can raise it before we
    # commit (and none can be first to create it), as SQLite's write lock guarantees.
    hold_ledger(session)
    counter = session.get(DocumentCounter, (unit_id, kind, year))
    if counter is None:
        counter = DocumentCounter(unit_id=unit_id, kind=kind, year=year, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return Issued(counter.last, year, format_number(pattern, unit_short, year, counter.last))
