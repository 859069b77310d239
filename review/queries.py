"""Reading reviews: the list (with due dates and what is overdue) and one case's review in
full. What the window's Review area and the command line show."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.cases import load_case
from core.clock import iso_utc
from core.context import Context
from core.permissions import Permission, require
from db.models import Case, CaseReview, ReviewStep
from review.deadlines import is_overdue
from review.matching import Match, case_matches
from review.materials import MaterialStatus, checklist
from review.points import POINTS, point_name
from review.records import review_of
from review.states import (COORDINATION, IN_REVIEW, NONE, SUBMITTED, outcome_of, passed,
                           state_name)
from workdays.counting import fallback_warning


@dataclass(frozen=True)
class ReviewRow:
    """One review as lists show it."""

    case_number: str
    cause: str
    state: str
    outcome: str | None
    round: int
    submitted_on: date | None
    due_on: date | None
    extended: bool
    overdue: bool
    reviewer: str | None
    fallback_years: tuple[int, ...]

    def state_name(self, language: str = "zh_CN") -> str:
        return state_name(self.state, language)

    def warning(self, language: str = "zh_CN") -> str | None:
        return fallback_warning(self.fallback_years, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"case": self.case_number, "cause": self.cause, "state": self.state,
                "state_name": self.state_name(language), "outcome": self.outcome,
                "round": self.round,
                "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
                "due_on": self.due_on.isoformat() if self.due_on else None,
                "extended": self.extended, "overdue": self.overdue, "reviewer": self.reviewer,
                "warning": self.warning(language)}


@dataclass(frozen=True)
class StepRow:
    seq: int
    round: int
    action: str
    state: str
    outcome: str | None
    opinion: str | None
    points: dict[str, dict[str, str]] | None
    actor: str
    at: datetime

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"seq": self.seq, "round": self.round, "action": self.action,
                "state": self.state, "state_name": state_name(self.state, language),
                "outcome": self.outcome, "opinion": self.opinion, "points": self.points,
                "actor": self.actor, "at": iso_utc(self.at)}


@dataclass(frozen=True)
class ReviewDetail:
    """Everything about one case's review."""

    row: ReviewRow
    passed: bool
    steps: tuple[StepRow, ...]
    materials: tuple[MaterialStatus, ...]
    points: dict[str, dict[str, str]] | None     # of the latest decision that gave them
    matches: tuple[Match, ...]                   # why the case needs review today
    submitted_matches: tuple[dict[str, Any], ...]  # what it matched when submitted

    @property
    def state(self) -> str:
        return self.row.state

    @property
    def case_number(self) -> str:
        return self.row.case_number

    def as_json(self, language: str = "zh_CN") -> dict:
        points = None if self.points is None else [
            {"point": code, "name": point_name(code, language), **self.points[code]}
            for code, _zh, _en in POINTS if code in self.points]
        return {**self.row.as_json(language), "passed": self.passed,
                "needs_review": bool(self.matches),
                "rules": [m.as_json(language) for m in self.matches],
                "submitted_rules": list(self.submitted_matches),
                "materials": [m.as_json(language) for m in self.materials],
                "points": points, "steps": [s.as_json(language) for s in self.steps]}


def _row(case: Case, review: CaseReview | None, today: date) -> ReviewRow:
    if review is None:
        return ReviewRow(case.number, case.cause, NONE, None, 0, None, None, False, False,
                         None, ())
    return ReviewRow(case.number, case.cause, review.state, outcome_of(review), review.round,
                     review.submitted_on, review.due_on, review.extended,
                     is_overdue(review, today), review.reviewer,
                     tuple(json.loads(review.fallback_years or "[]")))


def _steps(session: Session, review: CaseReview | None) -> tuple[StepRow, ...]:
    if review is None:
        return ()
    rows = session.execute(select(ReviewStep).where(ReviewStep.review_id == review.id)
                           .order_by(ReviewStep.seq)).scalars()
    return tuple(StepRow(s.seq, s.round, s.action, s.state, s.outcome, s.opinion,
                         json.loads(s.points) if s.points else None, s.actor, s.at)
                 for s in rows)


def detail_in(session: Session, case: Case, today: date) -> ReviewDetail:
    review = review_of(session, case.id)
    steps = _steps(session, review)
    points = next((s.points for s in reversed(steps) if s.points), None)
    return ReviewDetail(
        _row(case, review, today), passed(review), steps,
        tuple(checklist(session, case, review)), points,
        tuple(case_matches(session, case, today)),
        tuple(json.loads(review.matched_rules)) if review else ())


def review_detail(ctx: Context, case_key: str) -> ReviewDetail:
    """One case's review: state, steps, materials, points, due date and matched rules."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return detail_in(session, load_case(session, case_key), ctx.clock.today())


def _rows(session: Session, today: date, states: tuple[str, ...] | None = None
          ) -> list[ReviewRow]:
    query = select(Case, CaseReview).join(CaseReview, CaseReview.case_id == Case.id)
    if states:
        query = query.where(CaseReview.state.in_(states))
    rows = [_row(case, review, today) for case, review in session.execute(
        query.order_by(CaseReview.due_on, Case.number))]
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or date.max, r.case_number))


def list_reviews(ctx: Context, *, overdue: bool = False) -> list[ReviewRow]:
    """Every case's review, the soonest due first; ``overdue``: only those past their
    due day and still with the reviewer."""
    require(ctx.actor, Permission.VIEW_CASES)
    today = ctx.clock.today()
    with ctx.read() as session:
        rows = _rows(session, today)
    return [r for r in rows if r.overdue] if overdue else rows


def review_queue(ctx: Context) -> list[ReviewRow]:
    """The reviewers' queue: submitted and in review, the soonest due first."""
    require(ctx.actor, Permission.REVIEW_CASES)
    with ctx.read() as session:
        return _rows(session, ctx.clock.today(), (SUBMITTED, IN_REVIEW))


def disputes(ctx: Context) -> list[ReviewRow]:
    """The bureau head's list: reviews the handler disagreed with, awaiting coordination."""
    require(ctx.actor, Permission.DECIDE_REVIEW_DISPUTE)
    with ctx.read() as session:
        return _rows(session, ctx.clock.today(), (COORDINATION,))
