"""Points where other packages take part in a case's transactions without casework
importing them (they read cases, so they import casework: a call the other way would make
a cycle).

The composition root (lawdesk.workspace) installs each package's hooks on the write session
factory, as it installs the ledger's and the ownership hooks; a service calls the hooks of a
point inside its own transaction, so a hook sees what the service sees and a refusal it
raises (a DomainError) rolls the whole change back.

BEFORE_NUMBERING  hook(session, case, template_id, title, today, values): before a document
                  takes its number (issue_document); ``values`` are the form's FieldValues.
                  Legal review refuses a decision here until the review passed, or when
                  it would print another penalty than the one reviewed (review.gate).
CASE_UPDATED      hook(session, case, actor, now): after a case's details changed
                  (update_case). Legal review sends a review back when the penalty changed.
DOCUMENT_ISSUED   hook(session, case, document, actor): after a document was numbered and
                  recorded (issue_document). Disclosure drafts the record of a decision.
STEP_RECORDED     hook(session, case, step, actor): after a step was recorded
                  (record_step). Disclosure drafts the record of a permit or compulsory
                  measure decision, or of an inspection's result at its closing.
EVIDENCE_CHANGED  hook(session, case, actor): after a file was linked to or unlinked from a
                  case (link_evidence, unlink_evidence). Recording compliance re-checks the
                  case (compliance.checks.refresh_case).
BEFORE_CLOSING    hook(session, case, on): before the closing step (结案) is recorded on
                  ``on``; afterwards casework refuses to close while the case has an open
                  recording finding (record_step). Recording compliance re-checks the case
                  here, so the refusal sees current findings.
DOCUMENT_CONTEXT  hook(session, case) -> Mapping[str, str]: keys a document template's
                  fields may read (``from``) beyond the case's own, read with the case
                  (document_form, preview_document, issue_document; see ``gather``). Legal
                  review gives the review's outcome, opinion and reviewers
                  (review.document_context); installed on the read sessions too.
"""
from __future__ import annotations

import functools
import importlib
from typing import Any, Callable

from sqlalchemy.orm import Session, sessionmaker

BEFORE_NUMBERING = "casework.before_numbering"
CASE_UPDATED = "casework.case_updated"
DOCUMENT_ISSUED = "casework.document_issued"
STEP_RECORDED = "casework.step_recorded"
DOCUMENT_CONTEXT = "casework.document_context"
EVIDENCE_CHANGED = "casework.evidence_changed"
BEFORE_CLOSING = "casework.before_closing"
POINTS = (BEFORE_NUMBERING, CASE_UPDATED, DOCUMENT_ISSUED, STEP_RECORDED, DOCUMENT_CONTEXT,
          EVIDENCE_CHANGED, BEFORE_CLOSING)


def install(factory: sessionmaker, point: str, hook: Callable[..., Any]) -> None:
    """Call ``hook`` at ``point`` in every session the factory makes from now on."""
    if point not in POINTS:
        raise ValueError(f"no hook point {point!r}")
    info = dict(factory.kw.get("info") or {})  # keep what the ledger put there
    if hook not in info.get(point, ()):
        info[point] = (*info.get(point, ()), hook)
    factory.configure(info=info)


@functools.lru_cache(maxsize=None)
def lazy(module: str, name: str) -> Callable[..., Any]:
    """A hook that imports ``module`` the first time it is called, then calls ``name`` in
    it. Every command opens a workspace, which installs every package's hooks; most
    commands never reach a hook, so the packages behind them (review's workflow,
    disclosure's drafting, compliance's checks, with the PDF stack some of them pull in)
    load only when a transaction needs them. One object per target, so installing twice
    adds nothing."""
    target: list[Callable[..., Any]] = []

    def hook(*args: Any) -> Any:  # noqa: ANN401
        if not target:
            target.append(getattr(importlib.import_module(module), name))
        return target[0](*args)
    hook.__qualname__ = f"lazy({module}.{name})"
    return hook


def call_hooks(session: Session, point: str, *args: Any) -> None:  # noqa: ANN401
    for hook in session.info.get(point, ()):
        hook(session, *args)


def gather(session: Session, point: str, *args: Any) -> dict[str, Any]:  # noqa: ANN401
    """The hooks' answers at ``point``, merged (a later hook's key wins)."""
    merged: dict[str, Any] = {}
    for hook in session.info.get(point, ()):
        merged.update(hook(session, *args))
    return merged
