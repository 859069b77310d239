"""Cases: making, editing, listing and reading them, and recording their steps.

Every write checks the actor's permission first, then runs in one unit of work whose
ledger entries the recorder writes; a refusal raises a typed error and changes nothing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Mapping
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from audit.people import names_for_logins
from audit.recorder import hold_ledger
from casework.errors import (FINDING_KINDS, CaseClosed, CaseTypeInactive, InvalidIdNumber,
                             NotEnoughOfficers, OpenRecordingFindings, StepAlreadyRecorded,
                             StepOutOfOrder)
from casework.deadlines import CaseDeadline, ExtensionInfo, case_deadline
from casework.evidence_links import EvidenceInfo, case_evidence
from casework.hooks import BEFORE_CLOSING, CASE_UPDATED, STEP_RECORDED, call_hooks
from casework.identity import Problem, ResidentId, check_uscc, parse_resident_id
from casework.inputs import CaseInput, PartyInput
from casework.numbering import CASE_KIND, take_number
from casework.procedures import Procedure, Step, next_steps, order_problem, procedure
from casework.types import find_case_type
from config.number_patterns import DEFAULT_CASE_PATTERN
from config.settings import get_setting
from core.canonical import canonical_json
from core.clock import BUREAU_ZONE, iso_utc
from core.context import Context
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import (Case, CaseDeadlineExtension, CaseOfficer, CaseParty, CaseStep, CaseType,
                       IssuedDocument, Officer, RecordingFinding, Unit)
from organisation.certification import NotCertified, certification
from organisation.lookup import officer_by_certificate
from organisation.units import find_unit

ID_LABELS = {"resident_id": ("公民身份号码", "resident identity number"),
             "uscc": ("统一社会信用代码", "unified social credit code"),
             "other": ("证件号码", "identity document number")}


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class PartyInfo:
    seq: int
    kind: str
    name: str
    id_type: str
    id_number: str
    address: str | None
    phone: str | None
    legal_representative: str | None
    gender: str | None = None          # from a resident identity number
    birth_date: date | None = None

    def id_label(self, language: str = "zh_CN") -> str:
        zh, en = ID_LABELS[self.id_type]
        return en if language.startswith("en") else zh

    def as_json(self) -> dict:
        return {"seq": self.seq, "kind": self.kind, "name": self.name, "id_type": self.id_type,
                "id_number": self.id_number, "address": self.address, "phone": self.phone,
                "legal_representative": self.legal_representative, "gender": self.gender,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None}


@dataclass(frozen=True)
class CaseOfficerInfo:
    officer_id: str
    name: str
    seq: int                           # 1: the lead (主办)
    assigned_certificate: str          # the number that made them eligible when assigned
    certificate_number: str | None     # the current one today
    certified: bool
    certification_text: str

    def as_json(self) -> dict:
        return {"id": self.officer_id, "name": self.name, "lead": self.seq == 1,
                "certificate": self.certificate_number or self.assigned_certificate,
                "assigned_certificate": self.assigned_certificate,
                "certified": self.certified, "certification_text": self.certification_text}


@dataclass(frozen=True)
class StepInfo:
    code: str
    name_zh: str
    name_en: str
    optional: bool
    done_on: date | None
    note: str | None = None
    recorded_by: str | None = None

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def as_json(self) -> dict:
        return {"code": self.code, "name_zh": self.name_zh, "name_en": self.name_en,
                "optional": self.optional,
                "done_on": self.done_on.isoformat() if self.done_on else None,
                "note": self.note, "recorded_by": self.recorded_by}


@dataclass(frozen=True)
class IssuedDocumentInfo:
    id: str
    kind: str
    title: str
    number: str
    sha256: str
    size: int
    pages: int
    font: str
    issued_at: datetime
    issued_by: str

    def as_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "number": self.number,
                "sha256": self.sha256, "size": self.size, "pages": self.pages,
                "font": self.font, "issued_at": iso_utc(self.issued_at),
                "issued_by": self.issued_by}


@dataclass(frozen=True)
class CaseRow:
    """One case as lists show it."""

    id: str
    number: str
    type_code: str
    type_name_zh: str
    type_name_en: str
    procedure: str
    unit_name: str
    unit_short_name: str
    cause: str
    party_names: tuple[str, ...]
    status: str                        # open | closed
    created_at: datetime
    last_step: str | None              # code of the latest recorded step
    last_step_on: date | None
    deadline: CaseDeadline | None = None   # 办案期限 on the day read (casework.deadlines)

    def type_name(self, language: str = "zh_CN") -> str:
        return self.type_name_en if language.startswith("en") else self.type_name_zh

    def procedure_name(self, language: str = "zh_CN") -> str:
        return procedure(self.procedure).name(language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"id": self.id, "number": self.number, "type": self.type_code,
                "type_name": self.type_name(language), "procedure": self.procedure,
                "procedure_name": self.procedure_name(language), "unit": self.unit_name,
                "unit_short": self.unit_short_name, "cause": self.cause,
                "parties": list(self.party_names), "status": self.status,
                "created_at": iso_utc(self.created_at), "last_step": self.last_step,
                "last_step_on": self.last_step_on.isoformat() if self.last_step_on else None,
                "deadline": self.deadline.as_json() if self.deadline else None}


@dataclass(frozen=True)
class CaseDetail:
    """Everything about one case: what the editor and the documents show."""

    row: CaseRow
    source: str | None
    place: str | None
    occurred_on: date | None
    facts: str | None
    legal_basis: str | None
    penalty: str | None
    penalty_amount: Decimal | None
    parties: tuple[PartyInfo, ...]
    officers: tuple[CaseOfficerInfo, ...]
    steps: tuple[StepInfo, ...]        # every step of the procedure, done or not
    next_steps: tuple[str, ...]        # codes of the steps that may be recorded now
    evidence: tuple[EvidenceInfo, ...]
    documents: tuple[IssuedDocumentInfo, ...]
    fields: Mapping[str, str] = field(default_factory=dict)
    # login → the person's name, for every login the case shows (who recorded a step,
    # linked a file, issued a document, approved an extension): audit.people
    people: Mapping[str, str] = field(default_factory=dict)
    # approved extensions of its 办案期限, oldest first (casework.extensions)
    extensions: tuple[ExtensionInfo, ...] = ()

    def person(self, login: str | None) -> str:
        return self.people.get(login, login) if login else ""

    @property
    def number(self) -> str:
        return self.row.number

    @property
    def id(self) -> str:
        return self.row.id

    def as_json(self, language: str = "zh_CN") -> dict:
        return {
            **self.row.as_json(language),
            "source": self.source, "place": self.place,
            "occurred_on": self.occurred_on.isoformat() if self.occurred_on else None,
            "facts": self.facts, "legal_basis": self.legal_basis, "penalty": self.penalty,
            "penalty_amount": None if self.penalty_amount is None else str(self.penalty_amount),
            "parties": [p.as_json() for p in self.parties],
            "officers": [o.as_json() for o in self.officers],
            "steps": [s.as_json() for s in self.steps],
            "next_steps": list(self.next_steps),
            "evidence": [_evidence_json(e, language) for e in self.evidence],
            "documents": [d.as_json() for d in self.documents],
            "fields": dict(self.fields),
            "extensions": [e.as_json() for e in self.extensions],
        }


def _evidence_json(info: EvidenceInfo, language: str) -> dict:
    file = info.file
    return {"sha256": info.sha256, "step": info.step, "note": info.note,
            "linked_at": iso_utc(info.linked_at), "linked_by": info.linked_by,
            "file": None if file is None else {
                "name": file.original_name, "kind": file.kind, "size": file.size,
                "sm3": file.sm3, "device_serial": file.device_serial,
                "input_device": file.input_device, "device": file.device_label() or None,
                "duration_s": file.duration_s,
                "officer": file.officer_label() or None,
                "recorded_at": iso_utc(file.recorded_at) if file.recorded_at else None}}


@dataclass(frozen=True)
class CaseFilter:
    """Every field narrows the list; None (or "") leaves it open."""

    text: str = ""                  # part of the number, the cause or a party's name
    type_code: str | None = None
    procedure: str | None = None
    unit_id: str | None = None
    status: str | None = None       # open | closed
    year: int | None = None         # the year the case was made (bureau's calendar)


# ----------------------------------------------------------------------------- loading
def load_case(session: Session, key: str) -> Case:
    """A case by its number (or its record id)."""
    key = key.strip()
    case = session.execute(select(Case).where(or_(Case.number == key, Case.id == key))
                           ).scalars().first()
    if case is None:
        raise NotFound("案件", "case", key)
    return case


def _done_steps(session: Session, case_id: str) -> dict[str, CaseStep]:
    steps = session.execute(select(CaseStep).where(CaseStep.case_id == case_id)).scalars()
    return {s.step: s for s in steps}


def load_open_case(session: Session, key: str) -> Case:
    """An open case, for a change: its status, steps and numbers are read under the ledger
    lock, so a concurrent change (on PostgreSQL) cannot slip between check and write."""
    hold_ledger(session)
    case = load_case(session, key)
    if case.status == "closed":
        closing = _done_steps(session, case.id).get("closing")
        raise CaseClosed(case=case.number, on=closing.done_on if closing else "?")
    return case


def procedure_of(case: Case) -> Procedure:
    return procedure(case.procedure)


# ----------------------------------------------------------------------------- checks
def _check_party(party: PartyInput, today: date) -> tuple[str, str, ResidentId | None]:
    """(id_type, normalised number, parsed resident id) or InvalidIdNumber."""
    id_type = party.id_type or ("resident_id" if party.kind == "person" else "uscc")
    zh, en = ID_LABELS[id_type]
    if id_type == "resident_id":
        parsed = parse_resident_id(party.id_number, today=today)
        if isinstance(parsed, Problem):
            raise InvalidIdNumber(party=party.name, what_zh=zh, what_en=en,
                                  number=party.id_number, reason_zh=parsed.zh,
                                  reason_en=parsed.en)
        return id_type, parsed.number, parsed
    if id_type == "uscc":
        checked = check_uscc(party.id_number)
        if isinstance(checked, Problem):
            raise InvalidIdNumber(party=party.name, what_zh=zh, what_en=en,
                                  number=party.id_number, reason_zh=checked.zh,
                                  reason_en=checked.en)
        return id_type, checked, None
    return id_type, party.id_number.strip(), None


def _require_certified(officer: Officer, on: date) -> str:
    """The officer's current certificate number on ``on``, or NotCertified (持证上岗)."""
    result = certification(officer.certificates, on)
    if not result.certified:
        raise NotCertified(name=officer.name, reason_zh=result.message("zh_CN"),
                           reason_en=result.message("en"))
    assert result.certificate_number is not None
    return result.certificate_number


def _check_officer_count(proc: Procedure, have: int) -> None:
    if have < proc.min_officers:
        raise NotEnoughOfficers(procedure_zh=proc.name_zh, procedure_en=proc.name_en,
                                need=proc.min_officers, have=have)


def _assign_officers(session: Session, case: Case, numbers: tuple[str, ...], proc: Procedure,
                     today: date) -> None:
    officers: list[tuple[Officer, str]] = []
    for number in numbers:
        officer = officer_by_certificate(session, number)
        if any(o.id == officer.id for o, _ in officers):
            raise InvalidInput(f"办案人员 {officer.name} 重复列出",
                               f"the officer {officer.name} is listed twice")
        officers.append((officer, _require_certified(officer, today)))
    _check_officer_count(proc, len(officers))
    for old in session.execute(select(CaseOfficer).where(CaseOfficer.case_id == case.id)
                               ).scalars():
        session.delete(old)
    session.flush()
    for seq, (officer, certificate) in enumerate(officers, start=1):
        session.add(CaseOfficer(case_id=case.id, officer_id=officer.id, seq=seq,
                                certificate_number=certificate))


def _set_parties(session: Session, case: Case, parties: tuple[PartyInput, ...],
                 today: date) -> None:
    checked = [(p, *_check_party(p, today)) for p in parties]
    for old in session.execute(select(CaseParty).where(CaseParty.case_id == case.id)
                               ).scalars():
        session.delete(old)
    session.flush()
    for seq, (party, id_type, number, _parsed) in enumerate(checked, start=1):
        session.add(CaseParty(
            case_id=case.id, seq=seq, kind=party.kind, name=party.name, id_type=id_type,
            id_number=number, address=party.address, phone=party.phone,
            legal_representative=party.legal_representative))


def _apply_details(case: Case, data: CaseInput) -> None:
    case.cause = data.cause
    case.source, case.place, case.occurred_on = data.source, data.place, data.occurred_on
    case.facts, case.legal_basis, case.penalty = data.facts, data.legal_basis, data.penalty
    case.penalty_amount = None if data.penalty_amount is None else str(data.penalty_amount)
    case.fields = canonical_json(dict(data.fields))


def _case_type(session: Session, key: str, current: str | None = None) -> CaseType:
    found = find_case_type(session, key)
    if not found.active and found.code != current:
        raise CaseTypeInactive(name_zh=found.name_zh, name_en=found.name_en)
    return found


# ----------------------------------------------------------------------------- services
def create_case(ctx: Context, data: CaseInput) -> CaseDetail:
    """Open a case: it gets the next number of its unit's series for this year."""
    require(ctx.actor, Permission.EDIT_CASES)
    today = ctx.clock.today()
    proc = procedure(data.procedure)
    for party in data.parties:  # before the write lock: a typo costs no wait
        _check_party(party, today)
    pattern = get_setting(ctx.db, "cases.number_pattern") or DEFAULT_CASE_PATTERN
    with ctx.write("case.new") as session:
        case_type = _case_type(session, data.type)
        unit = find_unit(session, data.unit)
        issued = take_number(session, unit_id=unit.id, unit_short=unit.short_name,
                             kind=CASE_KIND, year=today.year, pattern=pattern)
        if session.execute(select(Case.id).where(Case.number == issued.number)).first():
            raise AlreadyExists("案件编号", "case number", issued.number)
        case = Case(number=issued.number, type_code=case_type.code, procedure=proc.code,
                    unit_id=unit.id, status="open", created_at=ctx.clock.now(),
                    created_by=ctx.actor.username)
        _apply_details(case, data)
        session.add(case)
        session.flush()
        _assign_officers(session, case, data.officers, proc, today)
        _set_parties(session, case, data.parties, today)
        session.flush()
        return case_detail(session, case, today)


def update_case(ctx: Context, key: str, data: CaseInput) -> CaseDetail:
    """Replace an open case's details, parties and officers. The procedure can change only
    before any step is recorded; the number never changes."""
    require(ctx.actor, Permission.EDIT_CASES)
    today = ctx.clock.today()
    proc = procedure(data.procedure)
    with ctx.write("case.update") as session:
        case = load_open_case(session, key)
        if proc.code != case.procedure and _done_steps(session, case.id):
            raise InvalidInput("已记录办案环节的案件不能更改办案程序",
                               "the procedure cannot change once a step is recorded")
        case.type_code = _case_type(session, data.type, case.type_code).code
        case.procedure = proc.code
        case.unit_id = find_unit(session, data.unit).id
        _apply_details(case, data)
        _assign_officers(session, case, data.officers, proc, today)
        _set_parties(session, case, data.parties, today)
        session.flush()
        # Legal review sends a review back when the penalty it saw changed (casework.hooks).
        call_hooks(session, CASE_UPDATED, case, ctx.actor.username, ctx.clock.now())
        return case_detail(session, case, today)


def set_case_fields(ctx: Context, key: str, values: Mapping[str, str], *,
                    replace: bool = False) -> CaseDetail:
    """Keep typed-in document values with the case (merged, or replacing all); an empty
    value removes its key."""
    require(ctx.actor, Permission.EDIT_CASES)
    with ctx.write("case.fields") as session:
        case = load_open_case(session, key)
        merged = {} if replace else dict(json.loads(case.fields or "{}"))
        for name, value in values.items():
            if value is None or not str(value).strip():
                merged.pop(name, None)
            else:
                merged[str(name)] = str(value)
        case.fields = canonical_json(merged)
        session.flush()
        return case_detail(session, case, ctx.clock.today())


def record_step(ctx: Context, key: str, step: str, on: date | None = None,
                note: str | None = None) -> CaseDetail:
    """Record that a step was done on ``on`` (default today), in the procedure's order.

    An enforcement step needs every handling officer certified on that day and, for an
    officer's own account, the officer too (持证上岗)."""
    require(ctx.actor, Permission.EDIT_CASES)
    today = ctx.clock.today()
    day = on or today
    if day > today:
        raise InvalidInput(f"环节日期 {day} 晚于今天", f"the step date {day} is in the future")
    with ctx.write("case.step") as session:
        case = load_open_case(session, key)
        proc = procedure_of(case)
        chosen = proc.step(step)
        done = _done_steps(session, case.id)
        if chosen.code in done:
            raise StepAlreadyRecorded(case=case.number, step_zh=chosen.name_zh,
                                      step_en=chosen.name_en, on=done[chosen.code].done_on)
        problem = order_problem(proc, chosen, {c: s.done_on for c, s in done.items()}, day)
        if problem is not None:
            raise StepOutOfOrder(case=case.number, step_zh=chosen.name_zh,
                                 step_en=chosen.name_en, reason_zh=problem.zh,
                                 reason_en=problem.en)
        if chosen.enforcement:
            _check_enforcement_officers(session, ctx, case, proc, day)
        if chosen.code == "closing":
            _refuse_open_findings(session, case, day)
        recorded = CaseStep(case_id=case.id, step=chosen.code, done_on=day,
                            note=(note or "").strip()[:500] or None,
                            recorded_at=ctx.clock.now(), recorded_by=ctx.actor.username)
        session.add(recorded)
        if chosen.code == "closing":
            case.status = "closed"
        session.flush()
        # A decision or an inspection's closing drafts its disclosure (casework.hooks).
        call_hooks(session, STEP_RECORDED, case, recorded, ctx.actor.username)
        return case_detail(session, case, today)


def _refuse_open_findings(session: Session, case: Case, day: date) -> None:
    """No closing (结案) while a recording finding is open: the hooks first bring the
    findings up to date; an acknowledgement (compliance.acknowledgement) turns open findings
    into accepted ones and lets the case close."""
    call_hooks(session, BEFORE_CLOSING, case, day)
    found = session.execute(select(RecordingFinding.kind, func.count()).where(
        RecordingFinding.case_id == case.id, RecordingFinding.status == "open")
        .group_by(RecordingFinding.kind).order_by(RecordingFinding.kind)).all()
    if found:
        raise OpenRecordingFindings(
            case=case.number, count=sum(n for _, n in found),
            kinds_zh="、".join(f"{FINDING_KINDS[k][0]} {n} 项" for k, n in found),
            kinds_en=", ".join(f"{n} {FINDING_KINDS[k][1]}" for k, n in found))


def _check_enforcement_officers(session: Session, ctx: Context, case: Case, proc: Procedure,
                                day: date) -> None:
    rows = session.execute(select(Officer)
                           .join(CaseOfficer, CaseOfficer.officer_id == Officer.id)
                           .where(CaseOfficer.case_id == case.id)
                           .order_by(CaseOfficer.seq)).scalars().all()
    for officer in rows:
        _require_certified(officer, day)
    _check_officer_count(proc, len(rows))
    if ctx.actor.officer_id:
        actor = session.get(Officer, ctx.actor.officer_id)
        if actor is not None:
            _require_certified(actor, day)


def get_case(ctx: Context, key: str) -> CaseDetail:
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return case_detail(session, load_case(session, key), ctx.clock.today())


def list_cases(ctx: Context, flt: CaseFilter = CaseFilter(), *, offset: int = 0,
               limit: int | None = None) -> list[CaseRow]:
    """Cases newest first."""
    require(ctx.actor, Permission.VIEW_CASES)
    query = _filtered(select(Case, CaseType, Unit).join(CaseType).join(Unit), flt, ctx)
    query = query.order_by(Case.created_at.desc(), Case.number.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with ctx.read() as session:
        rows = session.execute(query).all()
        ids = [case.id for case, _, _ in rows]
        names = _party_names(session, ids)
        last = _last_steps(session, ids)
        marks = _deadline_steps(session, ids)
        extended = _extended_days(session, ids)
        today = ctx.clock.today()
        return [_row(case, case_type, unit, names.get(case.id, ()), last.get(case.id),
                     _deadline(case, marks.get(case.id, {}), today, ctx.clock.zone,
                               extended.get(case.id, 0)))
                for case, case_type, unit in rows]


def count_cases(ctx: Context, flt: CaseFilter = CaseFilter()) -> int:
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return session.execute(_filtered(select(func.count(Case.id)), flt, ctx)).scalar_one()


def _filtered(query, flt: CaseFilter, ctx: Context):  # noqa: ANN001, ANN202
    if flt.type_code:
        query = query.where(Case.type_code == flt.type_code)
    if flt.procedure:
        query = query.where(Case.procedure == procedure(flt.procedure).code)
    if flt.unit_id:
        query = query.where(Case.unit_id == flt.unit_id)
    if flt.status:
        query = query.where(Case.status == flt.status)
    if flt.year:
        start = datetime(flt.year, 1, 1, tzinfo=ctx.clock.zone)
        end = datetime(flt.year + 1, 1, 1, tzinfo=ctx.clock.zone)
        query = query.where(Case.created_at >= start, Case.created_at < end)
    text = flt.text.strip()
    if text:
        by_party = select(CaseParty.case_id).where(CaseParty.name.contains(text, autoescape=True))
        query = query.where(or_(Case.number.contains(text, autoescape=True),
                                Case.cause.contains(text, autoescape=True),
                                Case.id.in_(by_party)))
    return query


def _party_names(session: Session, ids: list[str]) -> dict[str, tuple[str, ...]]:
    result: dict[str, list[str]] = {}
    if ids:
        for case_id, name in session.execute(
                select(CaseParty.case_id, CaseParty.name).where(CaseParty.case_id.in_(ids))
                .order_by(CaseParty.case_id, CaseParty.seq)):
            result.setdefault(case_id, []).append(name)
    return {k: tuple(v) for k, v in result.items()}


def _last_steps(session: Session, ids: list[str]) -> dict[str, tuple[str, date]]:
    result: dict[str, tuple[str, date]] = {}
    if ids:
        for case_id, step, done_on, _recorded_at in session.execute(
                select(CaseStep.case_id, CaseStep.step, CaseStep.done_on, CaseStep.recorded_at)
                .where(CaseStep.case_id.in_(ids))
                .order_by(CaseStep.done_on, CaseStep.recorded_at)):
            result[case_id] = (step, done_on)
    return result


def _deadline_steps(session: Session, ids: list[str]) -> dict[str, dict[str, date]]:
    """Each case's filing and decision dates, where recorded."""
    result: dict[str, dict[str, date]] = {}
    if ids:
        for case_id, step, done_on in session.execute(
                select(CaseStep.case_id, CaseStep.step, CaseStep.done_on)
                .where(CaseStep.case_id.in_(ids), CaseStep.step.in_(("filing", "decision")))):
            result.setdefault(case_id, {})[step] = done_on
    return result


def _extended_days(session: Session, ids: list[str]) -> dict[str, int]:
    """Each case's days added by approved extensions (casework.extensions), where any."""
    if not ids:
        return {}
    return {case_id: int(days) for case_id, days in session.execute(
        select(CaseDeadlineExtension.case_id, func.sum(CaseDeadlineExtension.days))
        .where(CaseDeadlineExtension.case_id.in_(ids))
        .group_by(CaseDeadlineExtension.case_id))}


def current_deadline(session: Session, case: Case, today: date, zone: tzinfo
                     ) -> tuple[CaseDeadline | None, date | None]:
    """The case's 办案期限 on ``today`` with its approved extensions counted, and its
    filing (立案) date, None when not recorded."""
    marks = _deadline_steps(session, [case.id]).get(case.id, {})
    extended = _extended_days(session, [case.id]).get(case.id, 0)
    return _deadline(case, marks, today, zone, extended), marks.get("filing")


def case_extensions(session: Session, case_id: str) -> tuple[ExtensionInfo, ...]:
    rows = session.execute(select(CaseDeadlineExtension)
                           .where(CaseDeadlineExtension.case_id == case_id)
                           .order_by(CaseDeadlineExtension.seq)).scalars()
    return tuple(ExtensionInfo(r.seq, r.days, r.reason, r.approved_by, r.approved_on,
                               r.new_due_on) for r in rows)


def _deadline(case: Case, marks: Mapping[str, date], today: date,
              zone: tzinfo = ZoneInfo(BUREAU_ZONE), extended_days: int = 0
              ) -> CaseDeadline | None:
    """The case's 办案期限: from its filing (立案) step, else the day it was opened, plus
    the days its approved extensions added."""
    started = marks.get("filing") or case.created_at.astimezone(zone).date()
    return case_deadline(case.type_code, case.procedure, started, today,
                         decided="decision" in marks or case.status == "closed",
                         extended_days=extended_days)


def _row(case: Case, case_type: CaseType, unit: Unit, parties: tuple[str, ...],
         last: tuple[str, date] | None, deadline: CaseDeadline | None = None) -> CaseRow:
    return CaseRow(case.id, case.number, case.type_code, case_type.name_zh, case_type.name_en,
                   case.procedure, unit.name, unit.short_name, case.cause, parties, case.status,
                   case.created_at, last[0] if last else None, last[1] if last else None,
                   deadline)


def _party_info(party: CaseParty) -> PartyInfo:
    gender = birth = None
    if party.id_type == "resident_id":
        parsed = parse_resident_id(party.id_number)
        if isinstance(parsed, ResidentId):
            gender, birth = parsed.gender, parsed.birth_date
    return PartyInfo(party.seq, party.kind, party.name, party.id_type, party.id_number,
                     party.address, party.phone, party.legal_representative, gender, birth)


def _officer_infos(session: Session, case_id: str, today: date) -> tuple[CaseOfficerInfo, ...]:
    rows = session.execute(select(CaseOfficer, Officer)
                           .join(Officer, Officer.id == CaseOfficer.officer_id)
                           .where(CaseOfficer.case_id == case_id)
                           .order_by(CaseOfficer.seq)).all()
    infos = []
    for link, officer in rows:
        result = certification(officer.certificates, today)
        infos.append(CaseOfficerInfo(officer.id, officer.name, link.seq, link.certificate_number,
                                     result.certificate_number, result.certified,
                                     result.message("zh_CN")))
    return tuple(infos)


def issued_order(document: IssuedDocument) -> tuple:
    """Issue time, then the order of a case file (documents issued in one instant), then
    the number's place in its series."""
    from casework.documents.templates import all_templates
    order = {t.id: t.order for t in all_templates()}
    return (document.issued_at, order.get(document.kind, 1000), document.year, document.seq)


def _documents(session: Session, case_id: str, latest_only: bool) -> tuple[
        IssuedDocumentInfo, ...]:
    query = select(IssuedDocument).where(IssuedDocument.case_id == case_id)
    if latest_only:
        newest = (select(IssuedDocument.id, func.row_number().over(
            partition_by=IssuedDocument.kind,
            order_by=(IssuedDocument.issued_at.desc(), IssuedDocument.year.desc(),
                      IssuedDocument.seq.desc())).label("rank"))
            .where(IssuedDocument.case_id == case_id).subquery())
        query = query.where(IssuedDocument.id.in_(
            select(newest.c.id).where(newest.c.rank == 1)))
    rows = session.execute(query).scalars().all()
    return tuple(document_info(d) for d in sorted(rows, key=issued_order))


def document_info(d: IssuedDocument) -> IssuedDocumentInfo:
    return IssuedDocumentInfo(d.id, d.kind, d.title, d.number, d.sha256, d.size, d.pages,
                              d.font, d.issued_at, d.issued_by)


def case_detail(session: Session, case: Case, today: date, *,
                latest_documents: bool = False) -> CaseDetail:
    """Everything about ``case``. ``latest_documents``: only the newest document of each
    kind (all a document's fields need; a case may hold many re-issued documents)."""
    case_type = session.get(CaseType, case.type_code)
    unit = session.get(Unit, case.unit_id)
    parties = session.execute(select(CaseParty).where(CaseParty.case_id == case.id)
                              .order_by(CaseParty.seq)).scalars().all()
    done = _done_steps(session, case.id)
    proc = procedure_of(case)
    steps = tuple(StepInfo(s.code, s.name_zh, s.name_en, s.optional,
                           done[s.code].done_on if s.code in done else None,
                           done[s.code].note if s.code in done else None,
                           done[s.code].recorded_by if s.code in done else None)
                  for s in proc.steps)
    recorded = [s for s in steps if s.done_on is not None]
    last = (recorded[-1].code, recorded[-1].done_on) if recorded else None
    upcoming = () if case.status == "closed" else tuple(
        s.code for s in next_steps(proc, {c: s.done_on for c, s in done.items()}))
    extensions = case_extensions(session, case.id)
    deadline = _deadline(case, {c: s.done_on for c, s in done.items()}, today,
                         extended_days=sum(e.days for e in extensions))
    row = _row(case, case_type, unit, tuple(p.name for p in parties), last, deadline)
    evidence = tuple(case_evidence(session, case.id))
    documents = _documents(session, case.id, latest_documents)
    people = names_for_logins(session, {case.created_by, *(s.recorded_by for s in steps),
                                        *(e.linked_by for e in evidence),
                                        *(d.issued_by for d in documents),
                                        *(e.approved_by for e in extensions)})
    return CaseDetail(
        row, case.source, case.place, case.occurred_on, case.facts, case.legal_basis,
        case.penalty, None if case.penalty_amount is None else Decimal(case.penalty_amount),
        tuple(_party_info(p) for p in parties), _officer_infos(session, case.id, today), steps,
        upcoming, evidence, documents, json.loads(case.fields or "{}"), people, extensions)


def step_of(case: CaseDetail, code: str) -> Step:
    return procedure(case.row.procedure).step(code)
