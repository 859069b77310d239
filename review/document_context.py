"""The review as document templates read it: the keys ``review.*`` that the 法制审核意见书,
the 集体讨论记录 and the 行政处罚决定审批表 take their fields from
(resources/casework/templates), given to casework's document service through its
DOCUMENT_CONTEXT hook (casework.hooks) in the session that reads the case.

Only what was recorded is given: the outcome that stands (the reviewer's, or the bureau
head's after coordination) with its opinion, points, reviewer and day. A review with no
outcome (not submitted, in review, sent back after a change of penalty) gives no outcome
keys, so a template that requires them is not produced, and one that shows them prints its
default ("未经法制审核").
"""
from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import BUREAU_ZONE
from db.models import Case, Officer, ReviewerQualification, ReviewStep, User
from reports.numerals import chinese_date
from review.points import POINTS
from review.records import review_of
from review.states import FINAL, outcome_of, state_name

RESULTS = {"pass": "通过", "problem": "存在问题"}
DECISIONS = ("decide", "coordinate")


def _day(step: ReviewStep) -> date:
    return step.at.astimezone(ZoneInfo(BUREAU_ZONE)).date()


def _person(session: Session, username: str) -> tuple[str, User | None]:
    """How a document names an account: its officer's name, else its display name."""
    user = session.execute(select(User).where(User.username == username)).scalars().first()
    if user is None:
        return username, None
    officer = session.get(Officer, user.officer_id) if user.officer_id else None
    return (officer.name if officer else user.display_name or username), user


def _qualified(session: Session, name: str, user: User | None) -> str:
    record = session.get(ReviewerQualification, user.id) if user else None
    if record is not None and record.legal_certificate:
        return f"{name}（法律职业资格证书编号：{record.legal_certificate}）"
    if record is not None and record.appointment:
        return f"{name}（{record.appointment}）"
    return name


def review_context(session: Session, case: Case) -> dict[str, str]:
    review = review_of(session, case.id)
    if review is None:
        return {}
    steps = session.execute(select(ReviewStep).where(ReviewStep.review_id == review.id)
                            .order_by(ReviewStep.seq)).scalars().all()
    values: dict[str, str] = {}
    submitted = next((s for s in reversed(steps) if s.action == "submit"), None)
    if submitted is not None and review.submitted_on is not None:
        values["review.submitted_by"] = _person(session, submitted.actor)[0]
        values["review.submitted_on"] = chinese_date(review.submitted_on)
    rules = [r.get("name", "") for r in json.loads(review.matched_rules or "[]")]
    if any(rules):
        values["review.matched_rules"] = "；".join(r for r in rules if r)
    outcome = outcome_of(review)
    if outcome is None:
        return values
    this_round = [s for s in steps if s.round == review.round]
    decided = next((s for s in reversed(this_round) if s.action == "decide"), None)
    standing = next((s for s in reversed(this_round) if s.action in DECISIONS), None)
    if decided is None or standing is None:
        return values
    name, user = _person(session, decided.actor)
    values.update({
        "review.outcome": state_name(outcome) + (
            "（经执法机关负责人协调决定）" if review.state == FINAL else ""),
        "review.opinion": standing.opinion or "",
        "review.reviewers": name,
        "review.reviewers_qualified": _qualified(session, name, user),
        "review.reviewed_on": chinese_date(_day(decided)),
    })
    points = json.loads(decided.points) if decided.points else {}
    for index, (code, zh, _en) in enumerate(POINTS, start=1):
        values[f"review.point{index}.title"] = zh
        if code in points:
            values[f"review.point{index}.result"] = RESULTS[points[code]["result"]]
            values[f"review.point{index}.text"] = points[code].get("text", "")
    return values
