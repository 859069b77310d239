"""The review of one case, step by step (states and their order: review.states).

Each service checks the permission first, then the state, then changes the review and
records the step (who, when, the state it led to, the opinion) in one transaction; the
ledger has every row. A refusal names the state or the rule that stands in the way.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy.orm import Session

from casework.cases import load_open_case
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import Case, CaseReview
from review.case_view import case_facts, penalty_digest
from review.deadlines import extend_due, set_first_due
from review.errors import (ExtensionUsed, MaterialsIncomplete, ReviewTakenByOther,
                           WrongReviewState)
from review.matching import case_matches
from review.materials import missing_items
from review.points import parse_points
from review.queries import ReviewDetail, detail_in
from review.records import add_step, review_for_change, review_of
from review.reviewers import require_reviewer
from review.states import (COORDINATION, CORRECT, DRAFT, FINAL, IN_REVIEW, OUTCOMES,
                           SUBMITTED, SUPPLEMENT, TRANSFER, awaiting_handler, outcome_of,
                           penalty_frozen, state_name)

OPINION_LIMIT = 5000


def _refuse(case: Case, review: CaseReview | None, zh: str, en: str) -> WrongReviewState:
    state = review.state if review else "none"
    return WrongReviewState(case=case.number, state_zh=state_name(state),
                            state_en=state_name(state, "en"), action_zh=zh, action_en=en)


def _text(value: str | None, what_zh: str, what_en: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"须写明{what_zh}", f"{what_en} is required")
    if len(text) > OPINION_LIMIT:
        raise InvalidInput(f"{what_zh}不超过 {OPINION_LIMIT} 字",
                           f"{what_en} has at most {OPINION_LIMIT} characters")
    return text


def _outcome(value: str) -> str:
    if value not in OUTCOMES:
        raise InvalidInput(f"审核结论须为：{', '.join(OUTCOMES)}",
                           f"the outcome must be one of: {', '.join(OUTCOMES)}")
    return value


def _done(session: Session, ctx: Context, case: Case) -> ReviewDetail:
    session.flush()
    return detail_in(session, case, ctx.clock.today())


def submit_review(ctx: Context, case_key: str) -> ReviewDetail:
    """Hand the case in for legal review: refused while a required material is missing.
    Sets the time limit and keeps what the case matched and the penalty as submitted."""
    require(ctx.actor, Permission.SUBMIT_REVIEW)
    today, now = ctx.clock.today(), ctx.clock.now()
    with ctx.write("review.submit") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if not awaiting_handler(review):
            raise _refuse(case, review, "再次提交", "submitted again")
        missing = missing_items(session, case, review)
        if missing:
            raise MaterialsIncomplete(case=case.number,
                                      items_zh="、".join(i.title_zh for i in missing),
                                      items_en=", ".join(i.title_en for i in missing))
        review = review_for_change(session, case, now)
        review.state, review.outcome, review.reviewer = SUBMITTED, None, None
        review.round += 1
        set_first_due(session, review, today)
        review.penalty_digest = penalty_digest(case_facts(session, case))
        review.matched_rules = json.dumps(
            [m.as_json("zh_CN") for m in case_matches(session, case, today)],
            ensure_ascii=False)
        add_step(session, review, "submit", ctx.actor.username, now)
        return _done(session, ctx, case)


def start_review(ctx: Context, case_key: str) -> ReviewDetail:
    """A qualified reviewer takes a submitted case (in review)."""
    require(ctx.actor, Permission.REVIEW_CASES)
    with ctx.write("review.start") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if review is None or review.state != SUBMITTED:
            raise _refuse(case, review, "开始审核", "taken into review")
        require_reviewer(session, ctx.actor, case, ctx.clock.today())
        _take(session, ctx, review)
        return _done(session, ctx, case)


def _take(session: Session, ctx: Context, review: CaseReview) -> None:
    review.state, review.reviewer = IN_REVIEW, ctx.actor.username
    add_step(session, review, "start", ctx.actor.username, ctx.clock.now())


def decide_review(ctx: Context, case_key: str, outcome: str, opinion: str,
                  points: Mapping[str, Any] | None = None) -> ReviewDetail:
    """The reviewer's opinion: agreed (同意), supplement (补充调查), correct (纠正) or
    transfer (移送), with the eight points when given. A submitted case is taken into
    review first, by the same reviewer, in the same transaction."""
    require(ctx.actor, Permission.REVIEW_CASES)
    outcome = _outcome(outcome)
    opinion = _text(opinion, "审核意见", "an opinion")
    checked = None if points is None else parse_points(points)
    with ctx.write("review.decide") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if review is None or review.state not in (SUBMITTED, IN_REVIEW):
            raise _refuse(case, review, "出具审核意见", "decided")
        require_reviewer(session, ctx.actor, case, ctx.clock.today())
        if review.state == IN_REVIEW and review.reviewer != ctx.actor.username:
            raise ReviewTakenByOther(case=case.number, reviewer=review.reviewer)
        if review.state == SUBMITTED:
            _take(session, ctx, review)
        review.state, review.outcome = outcome, outcome
        add_step(session, review, "decide", ctx.actor.username, ctx.clock.now(),
                 outcome=outcome, opinion=opinion, points=checked)
        return _done(session, ctx, case)


def disagree_review(ctx: Context, case_key: str, reason: str) -> ReviewDetail:
    """The handler does not accept a supplement, correct or transfer opinion: the bureau
    head decides in coordination (协调)."""
    require(ctx.actor, Permission.SUBMIT_REVIEW)
    reason = _text(reason, "不同意的理由", "a reason")
    with ctx.write("review.disagree") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if review is None or review.state not in (SUPPLEMENT, CORRECT, TRANSFER):
            raise _refuse(case, review, "提出异议", "disputed")
        review.state = COORDINATION
        add_step(session, review, "disagree", ctx.actor.username, ctx.clock.now(),
                 opinion=reason)
        return _done(session, ctx, case)


def coordinate_review(ctx: Context, case_key: str, outcome: str,
                      opinion: str) -> ReviewDetail:
    """The bureau head's decision on a disputed review: final, with its outcome."""
    require(ctx.actor, Permission.DECIDE_REVIEW_DISPUTE)
    outcome = _outcome(outcome)
    opinion = _text(opinion, "协调意见", "an opinion")
    with ctx.write("review.coordinate") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if review is None or review.state != COORDINATION:
            raise _refuse(case, review, "协调决定", "decided in coordination")
        review.state, review.outcome = FINAL, outcome
        add_step(session, review, "coordinate", ctx.actor.username, ctx.clock.now(),
                 outcome=outcome, opinion=opinion)
        return _done(session, ctx, case)


def extend_review(ctx: Context, case_key: str, reason: str) -> ReviewDetail:
    """Extend the time limit once, by review.extension_days working days, with a reason."""
    require(ctx.actor, Permission.REVIEW_CASES)
    reason = _text(reason, "延长理由", "a reason")
    with ctx.write("review.extend") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if review is None or review.state not in (SUBMITTED, IN_REVIEW):
            raise _refuse(case, review, "延长审核期限", "extended")
        if review.extended:
            raise ExtensionUsed(case=case.number, due=review.due_on)
        extend_due(session, review)
        add_step(session, review, "extend", ctx.actor.username, ctx.clock.now(),
                 opinion=reason)
        return _done(session, ctx, case)


def send_back_if_penalty_changed(session: Session, case_id: str, actor: str,
                                 now: datetime) -> bool:
    """Called where a case's penalty changes, inside that change's transaction: a review
    that saw another penalty goes back to draft, to be submitted again. True when it did."""
    review = review_of(session, case_id)
    if not penalty_frozen(review):
        return False
    case = session.get(Case, case_id)
    session.flush()  # the changed penalty, as the digest must read it
    if penalty_digest(case_facts(session, case)) == review.penalty_digest:
        return False
    was = outcome_of(review) or review.state
    review.state, review.outcome, review.reviewer = DRAFT, None, None
    review.due_on, review.extended = None, False
    add_step(session, review, "sent_back", actor, now,
             opinion=f"处罚内容在法制审核（{state_name(was)}）后变更，退回重新送审 / the "
                     f"penalty changed after the review ({state_name(was, 'en')}): to be "
                     "submitted again")
    return True
