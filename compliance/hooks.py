"""Keeping findings current inside casework's transactions (casework.hooks): a file linked
or unlinked, a step recorded, and just before closing, each re-check the case."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session, sessionmaker

from casework.hooks import BEFORE_CLOSING, EVIDENCE_CHANGED, STEP_RECORDED
from casework.hooks import install as install_hook


def install(factory: sessionmaker, now: Callable[[], datetime]) -> None:
    """``now``: the workspace clock's, for the findings' times. The checks load when a
    transaction first calls a hook, so opening a workspace does not import them."""
    def refresh(session: Session, case) -> None:  # noqa: ANN001
        from compliance.checks import refresh_case
        refresh_case(session, case.id, now=now())

    def on_evidence(session: Session, case, _actor) -> None:  # noqa: ANN001
        refresh(session, case)

    def on_step(session: Session, case, _step, _actor) -> None:  # noqa: ANN001
        refresh(session, case)

    def before_closing(session: Session, case, _on) -> None:  # noqa: ANN001
        refresh(session, case)

    install_hook(factory, EVIDENCE_CHANGED, on_evidence)
    install_hook(factory, STEP_RECORDED, on_step)
    install_hook(factory, BEFORE_CLOSING, before_closing)
