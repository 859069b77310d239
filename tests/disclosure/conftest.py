"""A bureau whose decisions are disclosed: the casework fixtures (units, officers, the
example case), a reviewer, and ``decide``: a case decided on a given day, with the clock
of that day, through the real services (the decision document issued, or the step
recorded), so the disclosure drafts itself as it does at the desk.

Test modules import its helpers as ``tests.disclosure.conftest``.
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from casework.inputs import PartyInput
from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from db.models import DisclosureRecord
from tests.casework.conftest import (  # noqa: F401 - fixtures used by this folder's tests
    TODAY, admin_ctx, archive, bureau, case_input, clerk, example_data, example_input,
    pdf_text, uscc,
)

BEIJING = ZoneInfo("Asia/Shanghai")
# A natural person of 40, one of 16 (a minor) on 2026-06-15, and a valid mobile and card.
ADULT_ID = "220122198305120013"
MINOR_ID = "220122201003010016"
PENALTY_FIELDS = {"violated_provision": "《中华人民共和国食品安全法》第三十四条第（十）项",
                  "review_body": "农安县人民政府", "court": "农安县人民法院"}


def context_on(workspace, day: date, *roles: str, username: str):  # noqa: ANN001, ANN201
    """A service context whose clock stands at 10:00 Beijing time on ``day``."""
    instant = datetime.combine(day, time(10), BEIJING)
    return Context(db=workspace.db, actor=Actor(username, frozenset(roles)),
                   clock=fixed_clock(instant))


@pytest.fixture
def reviewer(as_role):
    return as_role("reviewer", username="reviewer")


@pytest.fixture
def person_party():
    """``person_party(id_number=ADULT_ID, **changes)``: a natural person as the party."""
    def make(id_number: str = ADULT_ID, **changes) -> PartyInput:
        values = dict(kind="person", name="李明", id_number=id_number,
                      address="吉林省长春市农安县农安镇兴华路188号3单元502室",
                      phone="13904311234")
        values.update(changes)
        return PartyInput(**values)
    return make


def decide_case(workspace, archive, data, on: date = TODAY, *,  # noqa: ANN001
                fields: dict | None = None, step_note: str | None = None) -> str | None:
    """The case ``data`` opened, investigated, noticed and decided on ``on`` in
    ``workspace`` by its clerk: its 行政处罚决定书 issued that day, or, for a permit,
    compulsory-measure or inspection case, its decision or closing step recorded. Returns
    the disclosure record drafted (or None)."""
    from casework.cases import create_case, record_step
    from casework.documents import issue_document
    ctx = context_on(workspace, on, "clerk", username="clerk")
    if data.type != "administrative_penalty" or fields is not None:
        data = replace(data, fields={**data.fields, **(fields or {})})
    case = create_case(ctx, data)
    steps = ["filing", "investigation", "notice"] if data.procedure == "ordinary" \
        else ["investigation", "notice"]
    for step in steps:
        record_step(ctx, case.number, step, on)
    if data.type == "administrative_penalty":
        issue_document(ctx, archive, case.number, "penalty_decision", PENALTY_FIELDS)
    else:
        record_step(ctx, case.number, "decision", on, note=step_note)
        if data.type == "inspection":
            for step in ("service", "execution", "closing"):
                record_step(ctx, case.number, step, on, note=step_note)
    return record_of(workspace, case.id)


@pytest.fixture
def decide(workspace, bureau, case_input, archive):
    """``decide(on=date, **case_changes)`` -> the record id (or None): the example penalty
    case (or the case as changed) decided on ``on`` (decide_case)."""
    def run(on: date = TODAY, *, fields: dict | None = None, step_note: str | None = None,
            **changes) -> str | None:
        if any(p.kind == "person" for p in changes.get("parties", ())):
            # Below the catalogue's large fine for a person: no legal review needed first.
            changes.setdefault("penalty", "罚款人民币2000.00元。")
            changes.setdefault("penalty_amount", Decimal("2000.00"))
        return decide_case(workspace, archive, case_input(**changes), on, fields=fields,
                           step_note=step_note)
    return run


def record_of(workspace, case_id: str) -> str | None:  # noqa: ANN001
    with workspace.db.read() as session:
        return session.execute(select(DisclosureRecord.id).where(
            DisclosureRecord.case_id == case_id)).scalars().first()


def masked_of(workspace, record_id: str) -> dict:  # noqa: ANN001
    with workspace.db.read() as session:
        return json.loads(session.get(DisclosureRecord, record_id).masked)
