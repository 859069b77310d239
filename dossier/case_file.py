"""The case file (案卷) of one case as one PDF: what a bureau hands to a review body or a
court, and what it files in its archive.

In the standard order of an administrative case file: the cover (案卷封面), the contents
(卷内文件目录) with the page each document starts on, the case's issued documents in the
order of the procedure, the evidence list (证据目录: every linked file with its SHA-256,
recorder, officer and recording time) and the back cover (卷内备考表). Every part starts on
a right-hand page and every page after the cover is numbered, so it prints double-sided
(``dossier.case_file_assembly``). The issued documents are the PDFs kept when they were
issued, checked against their recorded hashes and put in page for page; with ``originals``
the same files are also copied, unchanged, into a folder.

The PDF is written under a temporary name and renamed into place in the transaction that
records the export in the ledger, so a case file on disk is always a recorded one.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Sequence

from sqlalchemy import select

from audit.recorder import record
from casework.cases import CaseDetail, case_detail, load_case
from casework.documents import DocumentArchive, DocumentSettings
from casework.documents.fields import evidence_rows
from casework.documents.templates import all_templates
from casework.errors import DocumentFileDamaged
from core.context import Context
from core.errors import DomainError
from core.files import atomic_write, fsync_dir, remove_file
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from db.models import IssuedDocument, User
from dossier.case_file_assembly import Layout, Part, assemble, lay_out, page_count
from dossier.case_file_retention import retention_rules
from dossier.case_file_sections import (BackCover, ContentsRow, Cover, back_cover_pdf,
                                        contents_pdf, cover_pdf, evidence_pdf)
from reports import chinese_date

ACTION = "case_file.export"
DOCUMENTS_GROUP = "卷内文书"
EVIDENCE_TITLE = "证据目录（电子数据）"
# The parts are laid out again until their page numbers stop moving: the contents and the
# back cover print numbers that depend on their own length. Two passes settle it unless a
# number's extra digit pushes a table onto another page.
MAX_LAYOUT_PASSES = 4
UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class NoIssuedDocuments(DomainError):
    code = "case_file_empty"
    zh = ("案件 {case} 尚无已出具的文书，无法组卷；请先出具文书（如立案审批表、行政处罚决定书）"
          "再导出案卷")
    en = ("Case {case} has no issued documents, so there is no case file to make; issue its "
          "documents (e.g. the filing approval, the decision) first")


class OutputIsFolder(DomainError):
    code = "case_file_output_is_folder"
    zh = "{path} 是文件夹；请给出案卷 PDF 的文件名，如 {example}"
    en = "{path} is a folder; give the case file's PDF a file name, e.g. {example}"


class OriginalsNotAFolder(DomainError):
    code = "case_file_originals_not_folder"
    zh = "{path} 已存在且不是文件夹，无法在其中保存文书原件"
    en = "{path} exists and is not a folder, so the original documents cannot go there"


class CaseFileNotWritten(DomainError):
    code = "case_file_not_written"
    zh = "无法写入 {path}：{reason}"
    en = "Could not write {path}: {reason}"


@dataclass(frozen=True)
class FiledDocument:
    """One issued document as the case file holds it."""

    number: str
    title: str
    author: str          # 责任者: the body that issued it
    day: str             # issue date as archives write it: 20260615
    sha256: str
    pdf: bytes


@dataclass(frozen=True)
class CaseFileResult:
    case_number: str
    path: Path
    pages: int
    documents: int
    evidence: int
    blank_pages: int
    sha256: str
    originals: tuple[Path, ...]

    def as_json(self) -> dict:
        return {"case": self.case_number, "out": str(self.path), "pages": self.pages,
                "documents": self.documents, "evidence": self.evidence,
                "blank_pages": self.blank_pages, "sha256": self.sha256,
                "originals": [str(p) for p in self.originals]}


@dataclass(frozen=True)
class _Case:
    """What the case file needs of the case, read in one short read."""

    detail: CaseDetail
    records: tuple[tuple[str, str, str, str, str], ...]  # number, title, author, day, sha256
    compiler: str


def export_case_file(ctx: Context, archive: DocumentArchive, case_key: str, out: Path, *,
                     originals: Path | None = None, settings: DocumentSettings | None = None,
                     progress: Progress = no_progress,
                     cancel: CancelToken | None = None) -> CaseFileResult:
    """Write case ``case_key``'s case file to ``out`` (and its issued documents, unchanged,
    into the folder ``originals``); the export is recorded in the ledger."""
    # What is handed to a review body or a court: the evidence package's permission, held
    # by the clerk who compiles the file and by the legal desk that answers the court.
    require(ctx.actor, Permission.EXPORT_EVIDENCE)
    out = Path(out)
    _check_targets(out, originals)
    cancel = cancel or CancelToken()
    settings = settings or DocumentSettings.load(ctx.db)
    case = _read_case(ctx, case_key, settings.bureau)
    if not case.records:
        raise NoIssuedDocuments(case=case.detail.number)
    total = len(case.records) + 3 + (len(case.records) if originals else 0)
    documents = _read_documents(archive, case.records, progress, total, cancel)
    pdf, layout, evidence = _compose(ctx, case, documents, settings)
    progress(len(documents) + 1, total, "案卷已排版 / laid out")
    cancel.raise_if_cancelled()
    copies: list[Path] = []
    try:
        if originals is not None:
            copies = _copy_originals(documents, originals, progress, total, cancel)
        cancel.raise_if_cancelled()
        digest = _publish(ctx, case, out, pdf, layout, documents, evidence, copies)
    except BaseException:
        for path in copies:
            remove_file(path)
        raise
    progress(total, total, str(out.name))
    return CaseFileResult(case.detail.number, out, layout.total, len(documents), evidence,
                          len(layout.blanks), digest, tuple(copies))


# ----------------------------------------------------------------------------- reading
def _check_targets(out: Path, originals: Path | None) -> None:
    if out.is_dir():
        raise OutputIsFolder(path=str(out), example=str(out / "案卷.pdf"))
    if originals is not None and originals.exists() and not originals.is_dir():
        raise OriginalsNotAFolder(path=str(originals))


def _read_case(ctx: Context, case_key: str, bureau: str) -> _Case:
    order = {t.id: t.order for t in all_templates()}
    with ctx.read() as session:
        case = load_case(session, case_key)
        detail = case_detail(session, case, ctx.clock.today())
        rows = session.execute(select(IssuedDocument).where(
            IssuedDocument.case_id == case.id)).scalars().all()
        # The order of the procedure (the templates' order), then of issue.
        rows = sorted(rows, key=lambda d: (order.get(d.kind, 1000), d.issued_at, d.year, d.seq))
        records = tuple((d.number, d.title, _author(d.fields, bureau),
                         ctx.clock.local(d.issued_at).strftime("%Y%m%d"), d.sha256)
                        for d in rows)
        user = session.execute(select(User).where(User.username == ctx.actor.username)
                               ).scalars().first()
        compiler = (user.display_name if user and user.display_name else ctx.actor.username)
    return _Case(detail, records, compiler)


def _author(fields: str, bureau: str) -> str:
    """The body named on the document when it was issued, else the bureau's name now."""
    try:
        named = json.loads(fields or "{}").get("bureau", "")
    except (ValueError, AttributeError):
        named = ""
    return str(named).strip() or bureau


def _read_documents(archive: DocumentArchive, records: Sequence[tuple[str, ...]],
                    progress: Progress, total: int, cancel: CancelToken) -> list[FiledDocument]:
    """The kept PDFs, each checked against the hash recorded when it was issued."""
    documents = []
    for done, (number, title, author, day, sha256) in enumerate(records, start=1):
        cancel.raise_if_cancelled()
        data = archive.read(sha256)
        if data is None:
            raise DocumentFileDamaged(number=number, sha256=sha256)
        documents.append(FiledDocument(number, title, author, day, sha256, data))
        progress(done, total, number)
    return documents


# ----------------------------------------------------------------------------- composing
def _compose(ctx: Context, case: _Case, documents: Sequence[FiledDocument],
             settings: DocumentSettings) -> tuple[bytes, Layout, int]:
    """The case file's PDF, its layout and how many files its evidence list names."""
    detail, font, bureau = case.detail, settings.font, settings.bureau
    rows = evidence_rows(detail, ctx.clock.zone)
    evidence, evidence_pages = evidence_pdf(rows, detail.number, _parties(detail), font, bureau)
    counts = [page_count(d.pdf) for d in documents]
    layout = lay_out([1, 1, *counts, evidence_pages, 1])   # a first guess: one page each
    for _ in range(MAX_LAYOUT_PASSES):
        contents, contents_pages = contents_pdf(
            _contents_rows(documents, layout, bureau, ctx.clock.today()), detail.number, font,
            bureau)
        back, back_pages = back_cover_pdf(
            _back_cover(case, layout, (contents_pages, sum(counts), evidence_pages),
                        [d.sha256 for d in documents], len(rows), ctx.clock.today()),
            detail.number, font, bureau)
        cover, cover_pages = cover_pdf(_cover(case, documents, layout, bureau), font)
        settled = lay_out([cover_pages, contents_pages, *counts, evidence_pages, back_pages])
        if settled == layout:
            break
        layout = settled
    parts = [Part(cover, "案卷封面"), Part(contents, "卷内文件目录"),
             *(Part(d.pdf, f"{i}　{d.title}　{d.number}", DOCUMENTS_GROUP)
               for i, d in enumerate(documents, start=1)),
             Part(evidence, EVIDENCE_TITLE), Part(back, "卷内备考表")]
    pdf = assemble(parts, font, title=_title(detail), author=bureau, subject=detail.number)
    return pdf, layout, len(rows)


def _parties(detail: CaseDetail) -> str:
    return "、".join(p.name for p in detail.parties)


def _title(detail: CaseDetail) -> str:
    """案卷题名: the party's full name, what it did, and 案."""
    cause = detail.row.cause.strip()
    return f"{_parties(detail)}{cause}{'' if cause.endswith('案') else '案'}"


def _step_date(detail: CaseDetail, code: str) -> date | None:
    return next((s.done_on for s in detail.steps if s.code == code), None)


def _cover(case: _Case, documents: Sequence[FiledDocument], layout: Layout,
           bureau: str) -> Cover:
    detail = case.detail
    row = detail.row
    filed = _step_date(detail, "filing")
    has_filing = any(s.code == "filing" for s in detail.steps)
    closed = _step_date(detail, "closing")
    decisions = "、".join(d.number for d in documents if d.title.endswith("决定书"))
    return Cover(
        bureau=bureau, kind=f"{row.type_name_zh}案卷", title=_title(detail),
        parties=_parties(detail), case_number=detail.number, decision_numbers=decisions,
        unit=row.unit_name, officers="、".join(o.name for o in detail.officers),
        filed_on=chinese_date(filed) if filed else ("未立案" if has_filing else "不适用"),
        closed_on=chinese_date(closed) if closed else "未结案",
        retention=retention_rules().period(row.type_code, row.procedure, detail.fields),
        items=len(documents) + 1, pages=layout.total)


def _contents_rows(documents: Sequence[FiledDocument], layout: Layout, bureau: str,
                   today: date) -> list[ContentsRow]:
    starts = layout.starts[2:]   # after the cover and the contents
    rows = [ContentsRow(i, d.number, d.author, d.title, d.day, start)
            for i, (d, start) in enumerate(zip(documents, starts), start=1)]
    rows.append(ContentsRow(len(documents) + 1, "", bureau, EVIDENCE_TITLE,
                            today.strftime("%Y%m%d"), starts[len(documents)], "立卷时生成"))
    return rows


def _back_cover(case: _Case, layout: Layout, pages: tuple[int, int, int],
                hashes: Sequence[str], evidence: int, today: date) -> BackCover:
    """``pages``: of the contents, of the documents and of the evidence list."""
    contents_pages, document_pages, evidence_pages = pages
    back_pages = layout.total - (layout.starts[-1] - 1)
    blanks = len(layout.blanks)
    summary = (f"本卷共{layout.total}页：封面1页，卷内文件目录{contents_pages}页，"
               f"文书{len(hashes)}件{document_pages}页，证据目录{evidence_pages}页，"
               f"备考表{back_pages}页")
    if blanks:
        summary += f"，另有空白页{blanks}页（标“本页空白”，使各部分双面打印时从正面开始）"
    lines = [summary + "。",
             "页号为立卷时所加，在每页外侧上角（正面右上角、背面左上角），封面不编页号。",
             "卷内文书为本机关出具时存档的电子文件，按办案程序排列，原样收入，未作改动。"
             "各件的SHA-256如下（序号同卷内文件目录），可用以核对文书的电子原件："]
    lines += [f"{i}. {sha256}" for i, sha256 in enumerate(hashes, start=1)]
    lines.append(f"本案关联电子数据{evidence}个，原件保存于本机关执法音像记录存储系统，"
                 "各文件的SHA-256见证据目录。" if evidence else "本案未关联电子数据。")
    if case.detail.row.status != "closed":
        lines.append("立卷时本案尚未结案。")
    return BackCover(tuple(lines), case.compiler, chinese_date(today))


# ----------------------------------------------------------------------------- writing
def _copy_originals(documents: Sequence[FiledDocument], folder: Path, progress: Progress,
                    total: int, cancel: CancelToken) -> list[Path]:
    """Each issued document's kept PDF, byte for byte, named by its place in the file."""
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for i, document in enumerate(documents, start=1):
            cancel.raise_if_cancelled()
            name = UNSAFE_NAME.sub("_", f"{i:02d} {document.title} {document.number}.pdf")
            path = folder / name
            atomic_write(path, document.pdf)
            written.append(path)
            progress(len(documents) + 1 + i, total, name)
    except OSError as error:
        for path in written:
            remove_file(path)
        raise CaseFileNotWritten(path=str(error.filename or folder),
                                 reason=error.strerror or str(error)) from error
    except BaseException:
        for path in written:
            remove_file(path)
        raise
    return written


def _publish(ctx: Context, case: _Case, out: Path, pdf: bytes, layout: Layout,
             documents: Sequence[FiledDocument], evidence: int, copies: Sequence[Path]) -> str:
    """Write the PDF and record the export; the rename happens inside the recording
    transaction, so a refused record leaves no file and a failed rename no record."""
    digest = hashlib.sha256(pdf).hexdigest()
    temp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    change = {"case": case.detail.number, "file": out.name, "sha256": digest,
              "pages": layout.total,
              "documents": [{"number": d.number, "sha256": d.sha256} for d in documents],
              "evidence": [e.sha256 for e in case.detail.evidence],
              "originals": len(copies)}
    renamed = False
    try:
        _write_temp(temp, pdf)
        with ctx.write(ACTION) as session:
            record(session, action=ACTION, object_type="case_file",
                   object_id=case.detail.id, change=change)
            os.replace(temp, out)
            renamed = True
    except OSError as error:
        raise CaseFileNotWritten(path=str(out), reason=error.strerror or str(error)) from error
    except BaseException:
        if renamed:
            remove_file(out)   # written but not recorded: not a case file of ours
        raise
    finally:
        remove_file(temp)
    fsync_dir(out.parent)
    return digest


def _write_temp(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
