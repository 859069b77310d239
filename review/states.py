"""The states of a legal review and what each allows.

    draft ──submit──▶ submitted ──start──▶ in_review ──decide──▶ agreed | supplement
                         └──────────decide──────────┘           | correct | transfer
    supplement | correct | transfer ──disagree (handler)──▶ coordination
    coordination ──coordinate (bureau head)──▶ final (with the head's outcome)
    supplement | correct, or final with either ──submit again──▶ submitted

A change to the penalty once it was submitted (submitted, in review, agreed, coordination,
final and agreed) sends the review back to draft: what was reviewed is no longer what would
be decided. The outcomes are those of 国办发〔2018〕118号 (同意, or problems to put right
before submitting again) and the transfer of a case that is not a matter of enforcement
but of a crime (移送).
"""
from __future__ import annotations

from db.models import CaseReview

NONE = "none"    # no review yet: nothing attached or submitted
DRAFT, SUBMITTED, IN_REVIEW = "draft", "submitted", "in_review"
AGREED, SUPPLEMENT, CORRECT, TRANSFER = "agreed", "supplement", "correct", "transfer"
COORDINATION, FINAL = "coordination", "final"
OUTCOMES = (AGREED, SUPPLEMENT, CORRECT, TRANSFER)

NAMES = {
    NONE: ("未送审", "not submitted"),
    DRAFT: ("准备送审", "being prepared"),
    SUBMITTED: ("已提交待审核", "submitted"),
    IN_REVIEW: ("审核中", "in review"),
    AGREED: ("同意", "agreed"),
    SUPPLEMENT: ("补充调查", "returned for supplementary investigation"),
    CORRECT: ("纠正", "returned for correction"),
    TRANSFER: ("移送", "to be transferred"),
    COORDINATION: ("协调中", "in coordination"),
    FINAL: ("协调决定", "decided in coordination"),
}


def state_name(state: str, language: str = "zh_CN") -> str:
    zh, en = NAMES.get(state, (state, state))
    return en if language.startswith("en") else zh


def outcome_of(review: CaseReview | None) -> str | None:
    """The outcome that stands: the reviewer's, or the head's after coordination."""
    if review is None:
        return None
    if review.state in OUTCOMES:
        return review.state
    return review.outcome if review.state == FINAL else None


def passed(review: CaseReview | None) -> bool:
    """The decision may be made: agreed, by the reviewer or in coordination."""
    return outcome_of(review) == AGREED


def awaiting_handler(review: CaseReview | None) -> bool:
    """Materials may change and the case may be (re)submitted."""
    if review is None or review.state in (DRAFT, SUPPLEMENT, CORRECT):
        return True
    return review.state == FINAL and review.outcome in (SUPPLEMENT, CORRECT)


def under_review(review: CaseReview | None) -> bool:
    return review is not None and review.state in (SUBMITTED, IN_REVIEW)


def penalty_frozen(review: CaseReview | None) -> bool:
    """A change of penalty now sends the review back to draft."""
    if review is None:
        return False
    return review.state in (SUBMITTED, IN_REVIEW, AGREED, COORDINATION) or passed(review)
