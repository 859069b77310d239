"""Review's part in casework's transactions (casework.hooks), installed by the composition
root on the write session factory: the hard rule before a decision is numbered
(review.gate), and a review sent back when the penalty it saw changes (review.workflow)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from casework.hooks import BEFORE_NUMBERING, CASE_UPDATED, install as install_hook
from db.models import Case
from review.gate import require_review_passed
from review.workflow import send_back_if_penalty_changed


def _case_updated(session: Session, case: Case, actor: str, now: datetime) -> None:
    send_back_if_penalty_changed(session, case.id, actor, now)


def install(factory: sessionmaker) -> None:
    install_hook(factory, BEFORE_NUMBERING, require_review_passed)
    install_hook(factory, CASE_UPDATED, _case_updated)
