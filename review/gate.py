"""The hard rule, asked by the document service before it numbers a document (inside the
same transaction): a case the catalogue matches gets no number on a decision until its
legal review passed (《中华人民共和国行政处罚法》第五十八条第一款: 未经法制审核或者审核未通过
的，不得作出决定), and then only printing the penalty the review saw.

Which templates carry a decision is review's data (resources/review/decision_documents
.toml), not a key of each template: the rule and the list of what it guards stay together.
"""
from __future__ import annotations

import functools
import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

from sqlalchemy.orm import Session

from db.models import Case
from resources import resource_path
from review.case_view import case_facts, penalty_digest
from review.errors import PenaltyNotAsReviewed, ReviewRequired
from review.matching import case_matches
from review.records import review_of
from review.states import NONE, passed, state_name


# The case's own penalty as the templates name it (casework.documents.fields.case_context).
PENALTY, AMOUNT = "case.penalty", "case.penalty_amount"


@functools.cache
def decision_templates() -> frozenset[str]:
    with resource_path("review", "decision_documents.toml").open("rb") as handle:
        return frozenset(tomllib.load(handle)["templates"])


def require_review_passed(session: Session, case: Case, template_id: str, title: str,
                          today: date, values: Sequence[Any] = ()) -> None:
    """Refuse to number decision ``template_id`` of ``case`` before its review passed,
    naming the rules the case matched; or when its ``values`` (the form's FieldValues)
    print a penalty other than the case's, the one the review saw."""
    if template_id not in decision_templates():
        return
    matches = case_matches(session, case, today)
    if not matches:
        return
    review = review_of(session, case.id)
    if passed(review) and review.penalty_digest == penalty_digest(case_facts(session, case)):
        _require_penalty_as_reviewed(case, title, values)
        return
    state = review.state if review else NONE
    if passed(review):  # agreed on another penalty: the change did not send it back
        state_zh, state_en = "已同意，但处罚内容已变更", "was agreed on another penalty"
    else:
        state_zh = f"尚未通过（{state_name(state)}）"
        state_en = f"has not passed (it is {state_name(state, 'en')})"
    raise ReviewRequired(case=case.number, title=title,
                         rules_zh="；".join(m.name_zh for m in matches),
                         rules_en="; ".join(m.name_en for m in matches),
                         state_zh=state_zh, state_en=state_en)


def _same(printed: str, held: str | None, amount: bool) -> bool:
    if not amount:
        return printed.strip() == (held or "").strip()
    try:
        return held is not None and Decimal(printed.replace(",", "")) == Decimal(held)
    except InvalidOperation:
        return False


def _require_penalty_as_reviewed(case: Case, title: str, values: Sequence[Any]) -> None:
    """A value typed for the document, or kept with the case's document values, stands in
    for the case's own penalty when printed: it must say what the review saw."""
    held = {PENALTY: case.penalty, AMOUNT: case.penalty_amount}
    for value in values:
        source = value.spec.source
        if source in held and value.origin in ("typed", "case_fields") \
                and not _same(value.value, held[source], source == AMOUNT):
            raise PenaltyNotAsReviewed(title=title, field=value.spec.label, value=value.value,
                                       case=case.number)
