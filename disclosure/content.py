"""What a disclosure says: the fields of a rule read from the case (and from the decision
document when there is one), and the same fields masked for publication.

The original is what the reviewer compares against; the masked version is what the portal
shows. Both are built once, when the record is drafted or revised, and kept with it, so
what was approved is exactly what is published.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.identity import ResidentId, parse_resident_id
from db.models import Case, CaseParty, CaseType, Setting
from disclosure.masking import Person, mask_address, mask_id_number, mask_text
from disclosure.rules import RuleInfo, case_penalty_kinds, mask_policy, person_fields
from review.penalty_kinds import kind_names

ADULT_AGE = 18
# Case fields (kept typed values) that flag a result as not to be published at all.
WITHHELD_FIELD = "disclosure_withheld"
WITHHELD_CHOICES = ("minor", "secret", "privacy")
# Fields masked by what they are; every other field is free text (mask_text).
STRUCTURED = ("party_code", "party_address", "decided_on", "document_number",
              "penalty_amount", "party_name", "enforcement_body")


@dataclass(frozen=True)
class Content:
    original: dict[str, str]
    masked: dict[str, str]
    masks: list[dict]            # [{"field", "rule", "count"}]
    natural_person: bool
    withheld: str | None         # minor | secret | privacy
    other_names: tuple[str, ...] = ()

    def as_columns(self) -> dict:
        """The record's columns but ``withheld`` (see withheld_after)."""
        return {"original": json.dumps(self.original, ensure_ascii=False),
                "masked": json.dumps(self.masked, ensure_ascii=False),
                "masks": json.dumps({"hits": self.masks,
                                     "other_names": list(self.other_names)},
                                    ensure_ascii=False),
                "natural_person": self.natural_person}

    def withheld_after(self, previous: str | None) -> str | None:
        """Why the record is withheld now: what the case says, else what the clerk set
        before (a secret stays a secret when the text is drafted again)."""
        return self.withheld or (previous if previous in ("secret", "privacy") else None)


@dataclass(frozen=True)
class Source:
    """What drafting reads: the case, its parties and the values the decision said."""

    case: Case
    type_name: str
    parties: tuple[CaseParty, ...]
    values: Mapping[str, str]      # the case's kept fields, overlaid by the document's
    document_number: str | None
    decided_on: date
    kinds: tuple[str, ...] = ()     # kinds of penalty (review.penalty_kinds codes)
    result_note: str | None = None  # the note of the step that drafted it (a conclusion)

    @property
    def penalty(self) -> str:
        return self.values.get("penalty") or self.case.penalty or ""


def read_source(session: Session, case: Case, *, document_values: Mapping[str, str] | None,
                document_number: str | None, decided_on: date,
                result_note: str | None = None) -> Source:
    parties = tuple(session.execute(select(CaseParty).where(CaseParty.case_id == case.id)
                                    .order_by(CaseParty.seq)).scalars())
    case_type = session.get(CaseType, case.type_code)
    values = {k: str(v) for k, v in {**json.loads(case.fields or "{}"),
                                     **(document_values or {})}.items() if v is not None}
    kinds = case_penalty_kinds(session, case.id, values.get("penalty") or case.penalty,
                               values.get("penalty_amount") or case.penalty_amount)
    return Source(case, case_type.name_zh if case_type else case.type_code, parties, values,
                  document_number, decided_on, kinds, result_note)


def _bureau(session: Session) -> str:
    stored = session.get(Setting, "bureau.name")
    return json.loads(stored.value) if stored is not None else ""


def _joined(values) -> str:  # noqa: ANN001
    return "、".join(v for v in values if v)


def original_fields(session: Session, source: Source, rule: RuleInfo) -> dict[str, str]:
    case, values = source.case, source.values
    names = _joined(p.name for p in source.parties)
    kinds = source.kinds
    result = (source.penalty or source.result_note or values.get("inspection_result")
              or values.get("result") or "")
    every = {
        "document_number": source.document_number or "",
        "case_name": f"{names}{case.cause}案" if names else f"{case.cause}案",
        "category": kind_names(kinds) if kinds else source.type_name,
        "cause": case.cause,
        "facts": values.get("facts") or case.facts or "",
        "legal_basis": values.get("legal_basis") or case.legal_basis or "",
        "party_name": names,
        "party_code": _joined(p.id_number for p in source.parties),
        "legal_representative": _joined(p.legal_representative or ""
                                        for p in source.parties if p.kind != "person"),
        "party_address": _joined(p.address or "" for p in source.parties),
        "result": result,
        "penalty_amount": values.get("penalty_amount") or case.penalty_amount or "",
        "enforcement_body": values.get("bureau") or _bureau(session),
        "decided_on": source.decided_on.isoformat(),
    }
    return {key: every.get(key, values.get(key, "")) for key in rule.fields}


def people_of(source: Source) -> list[Person]:
    """The natural persons the case knows: its parties who are persons, and the persons
    its typed fields name (the person questioned, a witness)."""
    people = [Person(p.name, p.id_number if p.id_type == "resident_id" else "",
                     p.address or "", p.phone or "", party=True)
              for p in source.parties if p.kind == "person"]
    others: dict[str, str] = {}
    for key, what in person_fields().items():
        value = source.values.get(key, "").strip()
        if value:
            others[what] = value
    # The person questioned is often the party or its legal representative, whose names
    # are published: only their identity number, address and phone are masked then.
    public = {p.name for p in source.parties} | {
        p.legal_representative for p in source.parties if p.legal_representative}
    if others.get("name") in public:
        others.pop("name")
    if others:
        people.append(Person(others.get("name", ""), others.get("id_number", ""),
                             others.get("address", ""), others.get("phone", "")))
    return people


def _is_minor(party: CaseParty, on: date) -> bool:
    if party.kind != "person" or party.id_type != "resident_id":
        return False
    parsed = parse_resident_id(party.id_number)
    return isinstance(parsed, ResidentId) and parsed.age_on(on) < ADULT_AGE


def withheld_reason(source: Source) -> str | None:
    """Why the result is not published at all: a minor among the parties on the decision
    date (by the birth date in the identity number), or the case flagged secret/privacy."""
    if any(_is_minor(p, source.decided_on) for p in source.parties):
        return "minor"
    flagged = source.values.get(WITHHELD_FIELD, "").strip()
    return flagged if flagged in WITHHELD_CHOICES else None


def build_content(session: Session, source: Source, rule: RuleInfo, *,
                  extra_names: tuple[str, ...] = (),
                  edits: Mapping[str, str] | None = None) -> Content:
    """The record's original and masked fields. ``extra_names``: other natural persons the
    clerk named, masked wherever they appear; ``edits``: the clerk's corrections of the
    original text, masked like the rest."""
    original = original_fields(session, source, rule)
    for key, value in (edits or {}).items():
        if key in original:
            original[key] = value
    policy = mask_policy(rule)
    people = people_of(source) + [Person(name) for name in extra_names if name.strip()]
    persons = {p.name for p in source.parties if p.kind == "person"}
    keep = frozenset(p.id_number for p in source.parties if p.kind != "person") | {
        source.document_number or ""}
    hits: dict[str, Counter] = {}
    masked: dict[str, str] = {}
    for key, value in original.items():
        masked[key], hits[key] = _mask_field(key, value, source, people, policy, keep)
    masks = [{"field": key, "rule": rule_code, "count": count}
             for key, counter in hits.items() for rule_code, count in sorted(counter.items())]
    return Content(original, masked, masks, bool(persons), withheld_reason(source),
                   tuple(name.strip() for name in extra_names if name.strip()))


def _mask_field(key: str, value: str, source: Source, people, policy,  # noqa: ANN001
                keep: frozenset[str]) -> tuple[str, Counter]:
    hits: Counter = Counter()
    if key == "party_code":
        parts = []
        for party in source.parties:
            if party.kind == "person":
                parts.append(mask_id_number(party.id_number, policy.id_number))
                hits["resident_id"] += 1
            else:
                parts.append(party.id_number)
        return _joined(parts), hits
    if key == "party_address":
        parts = []
        for party in source.parties:
            address = party.address or ""
            if party.kind == "person" and address:
                parts.append(mask_address(address))
                hits["address"] += 1
            else:
                parts.append(address)
        return _joined(parts), hits
    if key in STRUCTURED:
        return value, hits
    done = mask_text(value, people, policy, keep=keep)
    return done.text, done.hits
