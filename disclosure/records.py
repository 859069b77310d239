"""Reading disclosure records: the list with deadlines, one record with its original and
masked text side by side, the reviewer's queue, and the counts the dashboard warns with.

Deadlines: a record not yet published is overdue once its deadline has passed; "due
within N" counts N working days from today on the shared calendar (overdue ones are due
too). A published record whose decision was changed must be withdrawn by its
``withdrawal_due`` day.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import Case, DisclosureRecord, DisclosureRule
from disclosure.errors import WITHHELD_REASONS
from disclosure.rules import RuleInfo, labels, rule_info
from workdays import load_calendar

STATUSES = ("drafted", "reviewed", "published", "withdrawn", "expired")
STATUS_LABELS = {"drafted": ("待审核", "drafted"), "reviewed": ("已审核待发布", "approved"),
                 "published": ("已公示", "published"), "withdrawn": ("已撤回", "withdrawn"),
                 "expired": ("已到期下线", "expired")}
PENDING = ("drafted", "reviewed")
SOON_WORKDAYS = 2  # the list shows a deadline this close in amber


def status_label(status: str, language: str = "zh_CN") -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return en if language.startswith("en") else zh


@dataclass(frozen=True)
class DisclosureRow:
    """One record as the list shows it."""

    id: str
    case_number: str
    document_number: str | None
    kind: str                        # the rule's code
    kind_name_zh: str
    kind_name_en: str
    status: str
    decided_on: date
    deadline: date
    calendar_warning: str | None
    withheld: str | None             # minor | secret | privacy: never published
    published_on: date | None
    withdrawal_due: date | None
    withdrawn_on: date | None
    overdue: bool                    # not published and the deadline has passed
    due_soon: bool                   # not published, due within SOON_WORKDAYS working days
    withdrawal_overdue: bool         # the decision changed, not withdrawn, past its due day

    def kind_name(self, language: str = "zh_CN") -> str:
        return self.kind_name_en if language.startswith("en") else self.kind_name_zh

    def status_label(self, language: str = "zh_CN") -> str:
        return status_label(self.status, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        """The shape of `lawdesk disclosure list --json`, exactly."""
        return {"id": self.id, "case": self.case_number,
                "document_number": self.document_number, "kind": self.kind,
                "status": self.status, "decided_on": self.decided_on.isoformat(),
                "deadline": self.deadline.isoformat(),
                "calendar_warning": self.calendar_warning}


@dataclass(frozen=True)
class FieldView:
    key: str
    label: str
    original: str
    masked: str

    @property
    def changed(self) -> bool:
        return self.original != self.masked


@dataclass(frozen=True)
class DisclosureDetail:
    """One record for the reviewer: each field's original and published text side by
    side, what masking took out, and the record's history."""

    row: DisclosureRow
    rule: RuleInfo
    fields: tuple[FieldView, ...]
    masks: tuple[dict, ...]          # {"field", "rule", "count"}
    other_names: tuple[str, ...]     # names the clerk asked to mask
    drafted_at: datetime
    drafted_by: str
    approved_at: datetime | None
    approved_by: str | None
    published_by: str | None
    online_until: date | None
    changed_on: date | None
    withdrawn_by: str | None
    withdrawal_reason: str | None
    expired_on: date | None
    natural_person: bool

    @property
    def id(self) -> str:
        return self.row.id

    def withheld_text(self, language: str = "zh_CN") -> str | None:
        if not self.row.withheld:
            return None
        zh, en, _rule_zh, _rule_en = WITHHELD_REASONS[self.row.withheld]
        return en if language.startswith("en") else zh

    def as_json(self, language: str = "zh_CN") -> dict:
        row = self.row
        return {**row.as_json(language), "kind_name": row.kind_name(language),
                "status_label": row.status_label(language), "withheld": row.withheld,
                "fields": [{"key": f.key, "label": f.label, "original": f.original,
                            "masked": f.masked} for f in self.fields],
                "masks": list(self.masks), "other_names": list(self.other_names),
                "drafted_at": iso_utc(self.drafted_at), "drafted_by": self.drafted_by,
                "approved_at": iso_utc(self.approved_at) if self.approved_at else None,
                "approved_by": self.approved_by,
                "published_on": _iso(row.published_on), "published_by": self.published_by,
                "online_until": _iso(self.online_until), "changed_on": _iso(self.changed_on),
                "withdrawal_due": _iso(row.withdrawal_due),
                "withdrawn_on": _iso(row.withdrawn_on), "withdrawn_by": self.withdrawn_by,
                "withdrawal_reason": self.withdrawal_reason,
                "expired_on": _iso(self.expired_on)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class DisclosureSummary:
    """The counts the dashboard warns with."""

    drafted: int
    reviewed: int
    published: int
    overdue: int
    due_soon: int
    withdrawals_due: int
    withdrawals_overdue: int

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DisclosureFilter:
    status: str | None = None
    overdue: bool = False            # only records past their deadline, not published
    due_within: int | None = None    # only unpublished records due within N working days
    withdrawals_due: bool = False    # only published records whose decision changed
    text: str = ""                   # part of the case number or the document number


# ----------------------------------------------------------------------------- loading
def load_record(session: Session, key: str) -> DisclosureRecord:
    """A record by its id or its document number."""
    key = key.strip()
    record = session.execute(select(DisclosureRecord).where(or_(
        DisclosureRecord.id == key, DisclosureRecord.document_number == key))
        .order_by(DisclosureRecord.drafted_at.desc())).scalars().first()
    if record is None:
        raise NotFound("公示记录", "disclosure record", key)
    return record


def _row(record: DisclosureRecord, case_number: str, rule: DisclosureRule, today: date,
         soon: date) -> DisclosureRow:
    pending = record.status in PENDING and not record.withheld
    return DisclosureRow(
        record.id, case_number, record.document_number, record.rule_code, rule.name_zh,
        rule.name_en, record.status, record.decided_on, record.deadline,
        record.calendar_warning, record.withheld, record.published_on,
        record.withdrawal_due, record.withdrawn_on,
        pending and record.deadline < today, pending and today <= record.deadline <= soon,
        record.status == "published" and record.withdrawal_due is not None
        and record.withdrawal_due < today)


def _soon(session: Session, today: date, workdays: int = SOON_WORKDAYS) -> date:
    return load_calendar(session).add_workdays(today, workdays).date


def row_of(session: Session, record: DisclosureRecord, today: date) -> DisclosureRow:
    case = session.get(Case, record.case_id)
    return _row(record, case.number, session.get(DisclosureRule, record.rule_code), today,
                _soon(session, today))


# ----------------------------------------------------------------------------- services
def list_disclosures(ctx: Context, flt: DisclosureFilter = DisclosureFilter()
                     ) -> list[DisclosureRow]:
    """Records, the nearest deadline first (then the newest decision). Each row carries
    ``overdue`` (red in the window), ``due_soon`` (amber: within 2 working days) and
    ``withdrawal_overdue``; ``flt`` narrows the list (see DisclosureFilter)."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    today = ctx.clock.today()
    query = (select(DisclosureRecord, Case.number, DisclosureRule)
             .join(Case, Case.id == DisclosureRecord.case_id)
             .join(DisclosureRule, DisclosureRule.code == DisclosureRecord.rule_code))
    if flt.status:
        query = query.where(DisclosureRecord.status == flt.status)
    if flt.overdue or flt.due_within is not None:
        query = query.where(DisclosureRecord.status.in_(PENDING),
                            DisclosureRecord.withheld.is_(None))
    if flt.overdue:
        query = query.where(DisclosureRecord.deadline < today)
    if flt.withdrawals_due:
        query = query.where(DisclosureRecord.status == "published",
                            DisclosureRecord.withdrawal_due.is_not(None))
    text = flt.text.strip()
    if text:
        query = query.where(or_(Case.number.contains(text, autoescape=True),
                                DisclosureRecord.document_number.contains(text,
                                                                          autoescape=True)))
    query = query.order_by(DisclosureRecord.deadline, DisclosureRecord.decided_on.desc(),
                           DisclosureRecord.id)
    with ctx.read() as session:
        soon = _soon(session, today)
        if flt.due_within is not None:
            if flt.due_within < 0:
                raise InvalidInput("工作日数不能为负", "the number of working days cannot be "
                                   "negative")
            query = query.where(DisclosureRecord.deadline
                                <= _soon(session, today, flt.due_within))
        return [_row(record, number, rule, today, soon)
                for record, number, rule in session.execute(query).all()]


def pending_review(ctx: Context) -> list[DisclosureRow]:
    """The reviewer's queue: drafts waiting for approval (审核), nearest deadline first.
    Withheld drafts are listed too: the reviewer confirms they stay unpublished."""
    require(ctx.actor, Permission.APPROVE_DISCLOSURE)
    today = ctx.clock.today()
    with ctx.read() as session:
        soon = _soon(session, today)
        rows = session.execute(
            select(DisclosureRecord, Case.number, DisclosureRule)
            .join(Case, Case.id == DisclosureRecord.case_id)
            .join(DisclosureRule, DisclosureRule.code == DisclosureRecord.rule_code)
            .where(DisclosureRecord.status == "drafted")
            .order_by(DisclosureRecord.deadline, DisclosureRecord.id)).all()
        return [_row(record, number, rule, today, soon) for record, number, rule in rows]


def disclosure_detail(ctx: Context, key: str) -> DisclosureDetail:
    """One record (by id or document number): every published field with its original
    and its masked text side by side, what masking took out, and who did what when."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    with ctx.read() as session:
        return detail_of(session, load_record(session, key), ctx.clock.today())


def detail_of(session: Session, record: DisclosureRecord, today: date) -> DisclosureDetail:
    rule = rule_info(session.get(DisclosureRule, record.rule_code))
    original, masked = json.loads(record.original), json.loads(record.masked)
    names = labels()
    masks = json.loads(record.masks)
    views = tuple(FieldView(key, names.get(key, key), original.get(key, ""),
                            masked.get(key, "")) for key in original)
    return DisclosureDetail(
        row_of(session, record, today), rule, views, tuple(masks.get("hits", ())),
        tuple(masks.get("other_names", ())), record.drafted_at, record.drafted_by,
        record.approved_at, record.approved_by, record.published_by, record.online_until,
        record.changed_on, record.withdrawn_by, record.withdrawal_reason, record.expired_on,
        record.natural_person)


def disclosure_summary(ctx: Context) -> DisclosureSummary:
    """How many records wait, are late, are due soon, and how many withdrawals are due or
    late: what the dashboard shows and warns of."""
    rows = list_disclosures(ctx)
    pending = [r for r in rows if r.status in PENDING]
    due = [r for r in rows if r.status == "published" and r.withdrawal_due is not None]
    return DisclosureSummary(
        drafted=sum(r.status == "drafted" for r in rows),
        reviewed=sum(r.status == "reviewed" for r in rows),
        published=sum(r.status == "published" for r in rows),
        overdue=sum(r.overdue for r in pending), due_soon=sum(r.due_soon for r in pending),
        withdrawals_due=len(due), withdrawals_overdue=sum(r.withdrawal_overdue for r in due))
