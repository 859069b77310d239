"""The documents of a case: the form to fill, a preview, issuing a numbered document, and
reading an issued one back.

Issuing is one unit of work under SQLite's write lock: the case is read, the fields are
filled and checked, the next number is taken, the PDF is rendered and kept, and the
document is recorded with its hash and number; the ledger entry comes with the record.
Anything that fails rolls the number back, so the series has no gap.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
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
from core.errors import NotFound
from core.permissions import Permission, require
from db.database import Database
from db.models import IssuedDocument
from reports import FontChoice, chinese_date, find_font

PREVIEW_NUMBER = "（预览，未编号）"


@dataclass(frozen=True)
class DocumentSettings:
    """The settings a document needs, read once before the write lock is taken."""

    bureau: str
    font: FontChoice
    number_patterns: Mapping[str, str]
    sm3: bool

    @classmethod
    def load(cls, db: Database) -> "DocumentSettings":
        values = all_settings(db)
        return cls(values["bureau.name"], find_font(values["documents.font_file"] or None),
                   values["documents.number_patterns"] or {}, bool(values["footage.sm3"]))


@dataclass(frozen=True)
class DocumentForm:
    """A template's fields filled from the case and what was typed: what the documents
    panel shows before a preview or an issue."""

    template: Template
    case_number: str
    values: tuple[FieldValue, ...]

    @property
    def missing(self) -> tuple[FieldValue, ...]:
        return tuple(v for v in self.values if v.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_json(self) -> dict:
        return {"template": self.template.id, "title": self.template.title,
                "case": self.case_number,
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


def _form(template: Template, detail: CaseDetail, settings: DocumentSettings, ctx: Context,
          typed: Mapping[str, str] | None, extra: Mapping[str, str]) -> DocumentForm:
    """``extra``: what other packages add to the case's keys (casework.hooks)."""
    context = {**case_context(detail, bureau=settings.bureau, today=ctx.clock.today()),
               **extra}
    values = resolve(template, context, detail.fields, typed)
    return DocumentForm(template, detail.number, tuple(values))


def _values(form: DocumentForm, number: str, ctx: Context) -> dict[str, str]:
    values = {v.spec.key: v.value for v in form.values}
    values.update(number=number, issue_date=chinese_date(ctx.clock.today()),
                  title=form.template.title)
    return values


def document_form(ctx: Context, case_key: str, kind: str,
                  typed: Mapping[str, str] | None = None, *,
                  settings: DocumentSettings | None = None) -> DocumentForm:
    require(ctx.actor, Permission.VIEW_CASES)
    template = find_template(kind)
    settings = settings or DocumentSettings.load(ctx.db)
    with ctx.read() as session:
        case = load_case(session, case_key)
        detail = case_detail(session, case, ctx.clock.today(), latest_documents=True)
        extra = gather(session, DOCUMENT_CONTEXT, case)
    _check_applies(template, detail)
    return _form(template, detail, settings, ctx, typed, extra)


def preview_document(ctx: Context, case_key: str, kind: str,
                     typed: Mapping[str, str] | None = None, *, allow_missing: bool = False,
                     settings: DocumentSettings | None = None) -> bytes:
    """The document as it would be issued, without a number and without keeping it.

    ``allow_missing``: print missing fields blank (a draft to look at while filling)."""
    require(ctx.actor, Permission.VIEW_CASES)
    template = find_template(kind)
    settings = settings or DocumentSettings.load(ctx.db)
    with ctx.read() as session:
        case = load_case(session, case_key)
        detail = case_detail(session, case, ctx.clock.today(), latest_documents=True)
        extra = gather(session, DOCUMENT_CONTEXT, case)
    _check_applies(template, detail)
    form = _form(template, detail, settings, ctx, typed, extra)
    if not allow_missing:
        require_complete(template, form.values)
    pdf, _pages = render_pdf(template, _values(form, PREVIEW_NUMBER, ctx),
                             evidence_rows(detail, ctx.clock.zone), settings.font,
                             sm3=settings.sm3)
    return pdf


def issue_document(ctx: Context, archive: DocumentArchive, case_key: str, kind: str,
                   typed: Mapping[str, str] | None = None, *,
                   settings: DocumentSettings | None = None) -> IssuedDocumentInfo:
    """Number, render, keep and record one document; MissingFields lists what it lacks."""
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
                     gather(session, DOCUMENT_CONTEXT, case))
        require_complete(template, form.values)
        # Other packages' checks (legal review's hard rule: casework.hooks), before the number.
        call_hooks(session, BEFORE_NUMBERING, case, template.id, template.title, today,
                   form.values)
        issued = take_number(session, unit_id=case.unit_id, unit_short=detail.row.unit_short_name,
                             kind=template.id, year=today.year,
                             pattern=number_pattern(template, settings.number_patterns))
        values = _values(form, issued.number, ctx)
        pdf, pages = render_pdf(template, values, evidence_rows(detail, ctx.clock.zone),
                                settings.font, sm3=settings.sm3)
        sha256, _path = archive.put(pdf)
        record = IssuedDocument(
            case_id=case.id, kind=template.id, title=template.title, unit_id=case.unit_id,
            year=issued.year, seq=issued.seq, number=issued.number, sha256=sha256,
            size=len(pdf), pages=pages, font=settings.font.describe()[:200],
            fields=canonical_json({v.spec.key: v.value for v in form.values}),
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
