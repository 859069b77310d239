"""The documents of a case: the form to fill, a preview, issuing a numbered document, and
reading an issued one back.

Issuing is one unit of work under SQLite's write lock: the case is read, the fields are
filled and checked, the next number is taken, the PDF is rendered and kept, and the
document is recorded with its hash and number; the ledger entry comes with the record.
Anything that fails rolls the number back, so the series has no gap.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from sqlalchemy import or_, select

from casework.cases import (CaseDetail, IssuedDocumentInfo, case_detail, document_info,
                            issued_order, load_case, load_open_case)
from casework.documents.archive import ArchiveProblem, ArchiveReport, DocumentArchive
from casework.documents.fields import (FieldValue, case_context, evidence_rows, require_complete,
                                       resolve)
from casework.documents.render import render_pdf
from casework.documents.templates import Template, all_templates, find_template, number_pattern
from casework.errors import DocumentFileDamaged, DocumentTooEarly, TemplateNotApplicable
from casework.hooks import (BEFORE_NUMBERING, DOCUMENT_CONTEXT, DOCUMENT_ISSUED, call_hooks,
                            gather)
from casework.numbering import take_number
from casework.procedures import procedure
from config.settings import all_settings
from core.canonical import canonical_json
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.database import Database
from db.models import IssuedDocument
from reports import FontChoice, chinese_date, find_font
from reports.fonts import find_title_font

PREVIEW_NUMBER = "（预览，未编号）"
# How a document addresses the party (市场监督管理行政处罚文书格式范本 2021 writes
# "你（单位）" for the clerk to strike out one of the two; a printed document says one).
ADDRESS = {"person": "你", "organisation": "你单位"}
CHINESE_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class DocumentSettings:
    """The settings a document needs, read once before the write lock is taken."""

    bureau: str
    font: FontChoice
    number_patterns: Mapping[str, str]
    sm3: bool
    title_font: FontChoice | None = None   # a 小标宋 or Song for titles (find_title_font)

    @classmethod
    def load(cls, db: Database) -> "DocumentSettings":
        values = all_settings(db)
        font = find_font(values["documents.font_file"] or None)
        return cls(values["bureau.name"], font, values["documents.number_patterns"] or {},
                   bool(values["footage.sm3"]), find_title_font(font))


@dataclass(frozen=True)
class DocumentForm:
    """A template's fields filled from the case and what was typed: what the documents
    panel shows before a preview or an issue."""

    template: Template
    case_number: str
    values: tuple[FieldValue, ...]
    address: str = ADDRESS["organisation"]   # {you}: 你单位 or 你, by the party's kind
    date: date | None = None                 # the document's date: its step's, or as chosen

    @property
    def missing(self) -> tuple[FieldValue, ...]:
        return tuple(v for v in self.values if v.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_json(self) -> dict:
        return {"template": self.template.id, "title": self.template.title,
                "case": self.case_number,
                "date": self.date.isoformat() if self.date else None,
                "fields": [{"key": v.spec.key, "label": v.spec.label, "value": v.value,
                            "origin": v.origin, "required": v.spec.required,
                            "input": v.spec.input, "missing": v.missing} for v in self.values]}


def list_templates() -> tuple[Template, ...]:
    """Every document template (id, title, fields): shipped data, readable by anyone."""
    return all_templates()


def _check_applies(template: Template, detail: CaseDetail) -> None:
    proc = procedure(detail.row.procedure)
    if proc.code not in template.procedures:
        raise TemplateNotApplicable(title=template.title, procedure_zh=proc.name_zh,
                                    procedure_en=proc.name_en)


def _check_steps(template: Template, detail: CaseDetail) -> None:
    """Issued only once the steps it follows are recorded (a draft may come earlier)."""
    proc = procedure(detail.row.procedure)
    done = {s.code for s in detail.steps if s.done_on is not None}
    for code in template.requires:
        if code not in done and any(s.code == code for s in proc.steps):
            step = proc.step(code)
            raise DocumentTooEarly(title=template.title, step_zh=step.name_zh,
                                   step_en=step.name_en, case=detail.number)


def document_date(template: Template, detail: CaseDetail, today: date,
                  chosen: date | None = None) -> date:
    """The date a document bears: ``chosen``, else the day its step was recorded (a notice
    given on 6-8 and issued later still says 6-8), else today. Never a day to come."""
    if chosen is not None:
        if chosen > today:
            raise InvalidInput(
                f"文书日期 {chosen.isoformat()} 晚于今天（{today.isoformat()}）",
                f"the document's date {chosen.isoformat()} is after today ({today.isoformat()})")
        return chosen
    step = next((s.done_on for s in detail.steps
                 if s.code == template.step and s.done_on is not None), None)
    return step if step is not None and step <= today else today


def _party_address(detail: CaseDetail) -> str:
    kind = detail.parties[0].kind if detail.parties else "organisation"
    return ADDRESS.get(kind, ADDRESS["organisation"])


def _form(template: Template, detail: CaseDetail, settings: DocumentSettings, ctx: Context,
          typed: Mapping[str, str] | None, extra: Mapping[str, str],
          chosen: date | None = None) -> DocumentForm:
    """``extra``: what other packages add to the case's keys (casework.hooks)."""
    today = ctx.clock.today()
    context = {**case_context(detail, bureau=settings.bureau, today=today), **extra}
    values = resolve(template, context, detail.fields, typed)
    return DocumentForm(template, detail.number, tuple(values), _party_address(detail),
                        document_date(template, detail, today, chosen))


def _day(text: str) -> date | None:
    found = CHINESE_DAY.match(text.strip())
    return date(*map(int, found.groups())) if found else None


def check_dates(form: DocumentForm) -> None:
    """A field marked ``not_before = "issue_date"`` (a rectification deadline) may not fall
    before the document's own date: an order to correct by a day already past."""
    for value in form.values:
        if value.spec.not_before != "issue_date" or form.date is None:
            continue
        day = _day(value.value)
        if day is not None and day < form.date:
            raise InvalidInput(
                f"“{value.spec.label}”{day.isoformat()}早于文书日期{form.date.isoformat()}",
                f"'{value.spec.key}' ({day.isoformat()}) is before the document's date "
                f"({form.date.isoformat()})")


def _values(form: DocumentForm, number: str, ctx: Context) -> dict[str, str]:
    values = {v.spec.key: v.value for v in form.values}
    values.update(number=number, issue_date=chinese_date(form.date or ctx.clock.today()),
                  title=form.template.title, you=form.address)
    return values


def document_form(ctx: Context, case_key: str, kind: str,
                  typed: Mapping[str, str] | None = None, *,
                  settings: DocumentSettings | None = None,
                  date: date | None = None) -> DocumentForm:
    require(ctx.actor, Permission.VIEW_CASES)
    template = find_template(kind)
    settings = settings or DocumentSettings.load(ctx.db)
    with ctx.read() as session:
        case = load_case(session, case_key)
        detail = case_detail(session, case, ctx.clock.today(), latest_documents=True)
        extra = gather(session, DOCUMENT_CONTEXT, case)
    _check_applies(template, detail)
    return _form(template, detail, settings, ctx, typed, extra, date)


def preview_document(ctx: Context, case_key: str, kind: str,
                     typed: Mapping[str, str] | None = None, *, allow_missing: bool = False,
                     settings: DocumentSettings | None = None,
                     date: date | None = None) -> bytes:
    """The document as it would be issued, without a number and without keeping it.

    ``allow_missing``: print missing fields blank (a draft to look at while filling).
    ``date``: the document's date (see ``document_date``)."""
    require(ctx.actor, Permission.VIEW_CASES)
    template = find_template(kind)
    settings = settings or DocumentSettings.load(ctx.db)
    with ctx.read() as session:
        case = load_case(session, case_key)
        detail = case_detail(session, case, ctx.clock.today(), latest_documents=True)
        extra = gather(session, DOCUMENT_CONTEXT, case)
    _check_applies(template, detail)
    form = _form(template, detail, settings, ctx, typed, extra, date)
    if not allow_missing:
        require_complete(template, form.values)
        check_dates(form)
    pdf, _pages = render_pdf(template, _values(form, PREVIEW_NUMBER, ctx),
                             evidence_rows(detail, ctx.clock.zone), settings.font,
                             sm3=settings.sm3, title_font=settings.title_font)
    return pdf


def issue_document(ctx: Context, archive: DocumentArchive, case_key: str, kind: str,
                   typed: Mapping[str, str] | None = None, *,
                   settings: DocumentSettings | None = None,
                   date: date | None = None) -> IssuedDocumentInfo:
    """Number, render, keep and record one document; MissingFields lists what it lacks.

    ``date``: the date the document bears, by default its step's (``document_date``). It
    is kept with the fields ("document_date"), so the ledger's entry for the record says
    it beside the moment of issue (issued_at) whenever the two differ."""
    require(ctx.actor, Permission.ISSUE_DOCUMENTS)
    template = find_template(kind)
    settings = settings or DocumentSettings.load(ctx.db)
    today = ctx.clock.today()
    with ctx.write("document.issue") as session:
        case = load_open_case(session, case_key)
        detail = case_detail(session, case, today, latest_documents=True)
        _check_applies(template, detail)
        _check_steps(template, detail)
        form = _form(template, detail, settings, ctx, typed,
                     gather(session, DOCUMENT_CONTEXT, case), date)
        require_complete(template, form.values)
        check_dates(form)
        # Other packages' checks (legal review's hard rule: casework.hooks), before the number.
        call_hooks(session, BEFORE_NUMBERING, case, template.id, template.title, today,
                   form.values)
        issued = take_number(session, unit_id=case.unit_id, unit_short=detail.row.unit_short_name,
                             kind=template.id, year=today.year,
                             pattern=number_pattern(template, settings.number_patterns))
        values = _values(form, issued.number, ctx)
        pdf, pages = render_pdf(template, values, evidence_rows(detail, ctx.clock.zone),
                                settings.font, sm3=settings.sm3,
                                title_font=settings.title_font)
        sha256, _path = archive.put(pdf)
        record = IssuedDocument(
            case_id=case.id, kind=template.id, title=template.title, unit_id=case.unit_id,
            year=issued.year, seq=issued.seq, number=issued.number, sha256=sha256,
            size=len(pdf), pages=pages, font=settings.font.describe()[:200],
            fields=canonical_json({**{v.spec.key: v.value for v in form.values},
                                   "document_date": form.date.isoformat()}),
            issued_at=ctx.clock.now(), issued_by=ctx.actor.username)
        session.add(record)
        session.flush()
        # A decision drafts its disclosure in this transaction (casework.hooks).
        call_hooks(session, DOCUMENT_ISSUED, case, record, ctx.actor.username)
        return document_info(record)


def _find_issued(session, key: str) -> IssuedDocument:  # noqa: ANN001
    found = session.execute(select(IssuedDocument).where(
        or_(IssuedDocument.id == key, IssuedDocument.number == key))).scalars().first()
    if found is None:
        raise NotFound("已出具文书", "issued document", key)
    return found


def issued_document(ctx: Context, key: str) -> tuple[IssuedDocumentInfo, dict[str, Any]]:
    """An issued document by id or number, with the values it was filled with."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        record = _find_issued(session, key)
        return document_info(record), json.loads(record.fields)


def document_pdf(ctx: Context, archive: DocumentArchive, key: str) -> bytes:
    """The kept PDF of an issued document (to show, print or save again), checked against
    the hash recorded when it was issued."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        record = _find_issued(session, key)
        number, sha256 = record.number, record.sha256
    data = archive.read(sha256)
    if data is None:
        raise DocumentFileDamaged(number=number, sha256=sha256)
    return data


def list_issued(ctx: Context, case_key: str | None = None) -> list[IssuedDocumentInfo]:
    require(ctx.actor, Permission.VIEW_CASES)
    query = select(IssuedDocument)
    with ctx.read() as session:
        if case_key is not None:
            query = query.where(IssuedDocument.case_id == load_case(session, case_key).id)
        rows = session.execute(query).scalars().all()
        return [document_info(d) for d in sorted(rows, key=issued_order)]


def verify_documents(db: Database, archive: DocumentArchive) -> ArchiveReport:
    """Re-hash every issued document's kept file against its record."""
    report = ArchiveReport()
    with db.read() as session:
        rows = session.execute(select(IssuedDocument.number, IssuedDocument.sha256)
                               .order_by(IssuedDocument.issued_at)).all()
    for number, sha256 in rows:
        path = archive.path_for(sha256)
        if not path.is_file():
            report.problems.append(ArchiveProblem("missing", number, path))
        elif archive.read(sha256) is None:
            report.problems.append(ArchiveProblem("changed", number, path))
        else:
            report.files += 1
    return report
