"""What a case records for the catalogue beyond its own fields: the kinds of penalty its
decision imposes, whether the penalty is mitigated (减轻), and whether the case is of major
social impact. Handlers set them; a change of kinds or mitigation after submission sends
the review back, as a change of the penalty's text or amount does (casework.cases)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

from casework.cases import load_case, load_open_case
from core.context import Context
from core.permissions import Permission, require
from db.models import ReviewCaseFacts
from review.case_view import stored_facts
from review.penalty_kinds import clean_kinds, kind_names
from review.workflow import send_back_if_penalty_changed


@dataclass(frozen=True)
class DecisionFacts:
    case_number: str
    penalty_kinds: tuple[str, ...]
    mitigated: bool
    major_social_impact: bool
    sent_back: bool = False      # this change sent the case's review back to draft

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"case": self.case_number, "penalty_kinds": list(self.penalty_kinds),
                "penalty_kind_names": kind_names(self.penalty_kinds, language),
                "mitigated": self.mitigated, "major_social_impact": self.major_social_impact,
                "review_sent_back": self.sent_back}


def decision_facts(ctx: Context, case_key: str) -> DecisionFacts:
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        case = load_case(session, case_key)
        return DecisionFacts(case.number, *stored_facts(session, case.id))


def set_decision_facts(ctx: Context, case_key: str, *,
                       penalty_kinds: Iterable[str] | None = None,
                       mitigated: bool | None = None,
                       major_social_impact: bool | None = None) -> DecisionFacts:
    """Change what is given (None: leave as it is)."""
    require(ctx.actor, Permission.EDIT_CASES)
    kinds = None if penalty_kinds is None else clean_kinds(penalty_kinds)
    with ctx.write("review.facts") as session:
        case = load_open_case(session, case_key)
        row = session.get(ReviewCaseFacts, case.id)
        if row is None:
            row = ReviewCaseFacts(case_id=case.id, penalty_kinds="[]", mitigated=False,
                                  major_social_impact=False)
            session.add(row)
        if kinds is not None:
            row.penalty_kinds = json.dumps(list(kinds))
        if mitigated is not None:
            row.mitigated = mitigated
        if major_social_impact is not None:
            row.major_social_impact = major_social_impact
        row.updated_at, row.updated_by = ctx.clock.now(), ctx.actor.username
        session.flush()
        sent_back = send_back_if_penalty_changed(session, case.id, ctx.actor.username,
                                                 ctx.clock.now())
        return DecisionFacts(case.number, *stored_facts(session, case.id), sent_back)
