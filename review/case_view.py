"""What the catalogue needs to know of a case: its own fields, its parties' kinds, whether
a hearing was held, and what review records beside it (review_case_facts)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.cases import load_case as find_case  # noqa: F401 - review.benchmarks' lookup
from casework.cases import load_open_case as find_open_case  # noqa: F401
from core.canonical import canonical_bytes
from casework.procedures import procedure
from core.errors import InvalidInput
from db.models import (Case, CaseOfficer, CaseParty, CaseStep, CaseType, Officer,
                       ReviewCaseFacts)

HEARING = "hearing"


@dataclass(frozen=True)
class CaseFacts:
    """A case as the catalogue looks at it."""

    id: str
    number: str
    type_code: str
    procedure: str
    penalty: str | None
    penalty_amount: Decimal | None
    party_kinds: frozenset[str]          # person, organisation
    hearing_held: bool
    penalty_kinds: tuple[str, ...]
    mitigated: bool
    major_social_impact: bool
    # Names for people reading why a rule matched (the codes above are what rules test).
    type_names: tuple[str, str] = ("", "")          # zh, en
    procedure_names: tuple[str, str] = ("", "")     # zh, en


def handler_officer_ids(session: Session, case_id: str) -> dict[str, str]:
    """The handling officers (办案人员) of a case: officer id -> name."""
    rows = session.execute(select(Officer.id, Officer.name)
                           .join(CaseOfficer, CaseOfficer.officer_id == Officer.id)
                           .where(CaseOfficer.case_id == case_id)).all()
    return {officer_id: name for officer_id, name in rows}


def hearing_held(session: Session, case_id: str) -> bool:
    return session.execute(select(CaseStep.id).where(
        CaseStep.case_id == case_id, CaseStep.step == HEARING)).first() is not None


def stored_facts(session: Session, case_id: str) -> tuple[tuple[str, ...], bool, bool]:
    """(penalty kinds, mitigated, major social impact) as recorded for the case."""
    row = session.get(ReviewCaseFacts, case_id)
    if row is None:
        return (), False, False
    return tuple(json.loads(row.penalty_kinds)), row.mitigated, row.major_social_impact


def case_facts(session: Session, case: Case) -> CaseFacts:
    kinds = frozenset(session.execute(select(CaseParty.kind).where(
        CaseParty.case_id == case.id)).scalars())
    penalty_kinds, mitigated, major = stored_facts(session, case.id)
    kind = session.get(CaseType, case.type_code)
    type_names = (kind.name_zh, kind.name_en) if kind is not None else (case.type_code,) * 2
    try:
        proc = procedure(case.procedure)
        procedure_names = (proc.name("zh_CN"), proc.name("en"))
    except InvalidInput:   # a procedure since removed from the data: show its code
        procedure_names = (case.procedure,) * 2
    return CaseFacts(
        case.id, case.number, case.type_code, case.procedure, case.penalty,
        None if case.penalty_amount is None else Decimal(case.penalty_amount), kinds,
        hearing_held(session, case.id), penalty_kinds, mitigated, major, type_names,
        procedure_names)


def penalty_digest(facts: CaseFacts) -> str:
    """The penalty as reviewed, as one hash: its text, amount, kinds and mitigation."""
    return hashlib.sha256(canonical_bytes({
        "penalty": facts.penalty, "amount": facts.penalty_amount,
        "kinds": sorted(facts.penalty_kinds), "mitigated": facts.mitigated})).hexdigest()
