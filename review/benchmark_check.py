"""The benchmark's word on whether a case needs legal review: its fine lies outside the range
the discretion benchmark suggested for the offence and circumstances it chose.

The catalogue of major decisions asks this inside its own session; the fine compared is the
case's current penalty_amount, so a fine changed after the choice is caught too.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Case, CaseBenchmarkChoice
from review.benchmarks import case_penalty, outside_reason


def penalty_outside_benchmark(session: Session, case_id: str,
                              language: str = "zh_CN") -> str | None:
    """Why the case's fine is outside its benchmark range (a sentence naming the offence,
    the tier and range, the version, and the reason the handler gave), or None when the
    case chose no benchmark, has no fine yet, or its fine is inside the range."""
    choice = session.get(CaseBenchmarkChoice, case_id)
    case = session.get(Case, case_id)
    if choice is None or case is None:
        return None
    return outside_reason(choice, case_penalty(case), language)
