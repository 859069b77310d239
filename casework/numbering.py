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

import string
from dataclasses import dataclass

from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from casework.errors import InvalidNumberPattern
from db.models import DocumentCounter

PLACEHOLDERS = ("unit_short", "year", "n")
CASE_KIND = "case"  # the counter of case numbers; documents count under their template id
DEFAULT_CASE_PATTERN = "{unit_short}案〔{year}〕{n}号"


@dataclass(frozen=True)
class Issued:
    seq: int
    year: int
    number: str


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that could not number a series: each placeholder exactly as
    needed, {n} once (a number per unit and year needs all three)."""
    if not isinstance(pattern, str) or not pattern.strip() or len(pattern) > 60:
        raise InvalidNumberPattern(pattern=pattern, reason_zh="须为 1 至 60 个字符的文字",
                                   reason_en="it must be text of 1 to 60 characters")
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(pattern)
                  if name is not None]
    except ValueError as error:
        raise InvalidNumberPattern(pattern=pattern, reason_zh=f"花括号不成对（{error}）",
                                   reason_en=f"unbalanced braces ({error})") from None
    names = [name for name, _ in fields]
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        raise InvalidNumberPattern(
            pattern=pattern, reason_zh=f"未知占位符 {{{unknown[0]}}}，只能使用 "
            "{unit_short}、{year}、{n}",
            reason_en=f"unknown placeholder {{{unknown[0]}}}; use only {{unit_short}}, "
            "{year} and {n}")
    for needed in PLACEHOLDERS:
        if needed not in names:
            raise InvalidNumberPattern(
                pattern=pattern, reason_zh=f"缺少 {{{needed}}}（编号按科室、年度分别连续编排）",
                reason_en=f"{{{needed}}} is missing (numbers run per unit and year)")
    try:
        format_number(pattern, "某", 2026, 1)
    except (ValueError, TypeError) as error:
        raise InvalidNumberPattern(pattern=pattern, reason_zh=f"格式说明有误（{error}）",
                                   reason_en=f"a format specification is wrong ({error})"
                                   ) from None


def format_number(pattern: str, unit_short: str, year: int, n: int) -> str:
    return pattern.format(unit_short=unit_short, year=year, n=n)


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
