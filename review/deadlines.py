"""The time limit of a review, in working days (调休 included) on the official calendar.

A submission is due ``review.time_limit_days`` working days after the day it was made
(default 7, the bureau's rule: no national statute sets it); the reviewer may extend it
once, by ``review.extension_days`` (default 3) counted from the due date, with a reason.
Days are counted with ``workdays``; where it has no data for a year it counts Monday to
Friday and says so, and that warning stays with the review.
"""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from db.models import CaseReview
from review.settings import EXTENSION_DAYS, TIME_LIMIT_DAYS, review_setting
from review.states import under_review
from workdays import WorkdayCount, load_calendar


def _count(session: Session, start: date, days: int) -> WorkdayCount:
    return load_calendar(session).add_workdays(start, days)


def _keep(review: CaseReview, count: WorkdayCount) -> None:
    review.due_on = count.date
    years = sorted(set(json.loads(review.fallback_years or "[]")) | set(count.fallback_years))
    review.fallback_years = json.dumps(years)


def set_first_due(session: Session, review: CaseReview, submitted_on: date) -> None:
    review.submitted_on, review.extended, review.fallback_years = submitted_on, False, "[]"
    _keep(review, _count(session, submitted_on,
                         int(review_setting(session, TIME_LIMIT_DAYS))))


def extend_due(session: Session, review: CaseReview) -> None:
    assert review.due_on is not None
    _keep(review, _count(session, review.due_on, int(review_setting(session, EXTENSION_DAYS))))
    review.extended = True


def is_overdue(review: CaseReview | None, today: date) -> bool:
    """Still with the reviewer after its due day."""
    return under_review(review) and review.due_on is not None and today > review.due_on

