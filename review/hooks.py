"""Review's part in casework's transactions (casework.hooks), installed by the composition
root: the hard rule before a decision is numbered (review.gate), a review sent back when the
penalty it saw changes (review.workflow), and the review's keys for document templates
(review.document_context, on the read sessions too). The hooks load their modules when
first called (casework.hooks.lazy), so opening a workspace does not import them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from casework.hooks import BEFORE_NUMBERING, CASE_UPDATED, DOCUMENT_CONTEXT, lazy
from casework.hooks import install as install_hook


def case_updated(session: Session, case, actor: str, now: datetime) -> None:  # noqa: ANN001
    from review.workflow import send_back_if_penalty_changed
    send_back_if_penalty_changed(session, case.id, actor, now)


def install(factory: sessionmaker) -> None:
    install_hook(factory, BEFORE_NUMBERING, lazy("review.gate", "require_review_passed"))
    install_hook(factory, CASE_UPDATED, case_updated)


def install_document_context(*factories: sessionmaker) -> None:
    """Give the review's keys to documents read or issued through these session factories."""
    for factory in factories:
        install_hook(factory, DOCUMENT_CONTEXT, lazy("review.document_context",
                                                     "review_context"))
