"""The review rows of a case: finding or starting one, and recording a step."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Case, CaseReview, ReviewStep
from review.states import DRAFT


def review_of(session: Session, case_id: str) -> CaseReview | None:
    return session.execute(select(CaseReview).where(CaseReview.case_id == case_id)
                           ).scalars().first()


def review_for_change(session: Session, case: Case, now: datetime) -> CaseReview:
    """The case's review, started as a draft when it has none yet."""
    review = review_of(session, case.id)
    if review is None:
        review = CaseReview(case_id=case.id, state=DRAFT, round=0, extended=False,
                            fallback_years="[]", matched_rules="[]", updated_at=now)
        session.add(review)
        session.flush()
    return review


def add_step(session: Session, review: CaseReview, action: str, actor: str, now: datetime,
             *, outcome: str | None = None, opinion: str | None = None,
             points: Mapping[str, Any] | None = None) -> ReviewStep:
    """Record what was done, by whom and when, with the state it led to."""
    last = session.execute(select(func.max(ReviewStep.seq)).where(
        ReviewStep.review_id == review.id)).scalar() or 0
    review.updated_at = now
    step = ReviewStep(review_id=review.id, seq=last + 1, round=review.round, action=action,
                      state=review.state, outcome=outcome, opinion=opinion,
                      points=None if points is None else json.dumps(points, ensure_ascii=False,
                                                                    sort_keys=True),
                      actor=actor, at=now)
    session.add(step)
    session.flush()
    return step
