"""What the window offers in each state of a review (review.states has the rules; the
services refuse anyway and say why): the buttons a user may press now, and why not."""
from __future__ import annotations

from review.queries import ReviewRow
from review.states import (COORDINATION, CORRECT, DRAFT, FINAL, IN_REVIEW, NONE, SUBMITTED,
                           SUPPLEMENT, TRANSFER)


def with_handler(row: ReviewRow | None) -> bool:
    """Materials may change and the case may be (re)submitted."""
    if row is None:
        return False
    if row.state in (NONE, DRAFT, SUPPLEMENT, CORRECT):
        return True
    return row.state == FINAL and row.outcome in (SUPPLEMENT, CORRECT)


def with_reviewer(row: ReviewRow | None) -> bool:
    return row is not None and row.state in (SUBMITTED, IN_REVIEW)


def disputable(row: ReviewRow | None) -> bool:
    """The handler may disagree and ask for the bureau head's coordination."""
    return row is not None and row.state in (SUPPLEMENT, CORRECT, TRANSFER)


def in_coordination(row: ReviewRow | None) -> bool:
    return row is not None and row.state == COORDINATION
