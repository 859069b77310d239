"""The materials a case hands in for review (送审材料), checked before it may be submitted.

The checklist is data (resources/review/materials.toml). Each item is a PDF: a file
attached, or a document LawDesk generates (the draft decision: its template's preview,
unnumbered, attached with ``source="generated:<template>"``). The PDF is kept
write-once by its SHA-256 in the same archive as issued documents; the database records
which file stands for which item, and a newer file for an item replaces the older on the
checklist while the older stays on record.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.cases import load_case, load_open_case
from casework.documents import DocumentArchive, preview_document
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import Case, CaseReview, ReviewMaterial
from resources import resource_path
from review.case_view import hearing_held
from review.choices import pick
from review.errors import NotAPdf, WrongReviewState
from review.records import review_for_change, review_of
from review.states import awaiting_handler, state_name

ALWAYS, HEARING = "always", "hearing"
MAX_BYTES = 200 * 1024 * 1024   # a scanned case file of some hundred pages fits easily


@dataclass(frozen=True)
class MaterialItem:
    code: str
    title_zh: str
    title_en: str
    required: str                    # always | hearing
    generate: str | None = None      # a template whose preview may stand for it

    def title(self, language: str = "zh_CN") -> str:
        return self.title_en if language.startswith("en") else self.title_zh


@functools.cache
def material_items() -> tuple[MaterialItem, ...]:
    with resource_path("review", "materials.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(MaterialItem(i["code"], i["title_zh"], i["title_en"], i["required"],
                              i.get("generate")) for i in data["item"])


def material_item(key: str) -> MaterialItem:
    """An item by code or Chinese title; InvalidInput lists the choices."""
    return pick(material_items(), key, lambda i: i.title_zh, "送审材料", "review material")


@dataclass(frozen=True)
class MaterialStatus:
    item: MaterialItem
    required: bool
    sha256: str | None = None
    file_name: str | None = None
    source: str | None = None
    attached_at: datetime | None = None
    attached_by: str | None = None

    @property
    def present(self) -> bool:
        return self.sha256 is not None

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"item": self.item.code, "title": self.item.title(language),
                "required": self.required, "present": self.present}


def checklist(session: Session, case: Case, review: CaseReview | None) -> list[MaterialStatus]:
    """Each item, whether the case needs it and the file that stands for it now."""
    latest: dict[str, ReviewMaterial] = {}
    if review is not None:
        for row in session.execute(select(ReviewMaterial)
                                   .where(ReviewMaterial.review_id == review.id)
                                   .order_by(ReviewMaterial.seq)).scalars():
            latest[row.item] = row
    hearing = hearing_held(session, case.id)
    result = []
    for item in material_items():
        row = latest.get(item.code)
        required = item.required == ALWAYS or (item.required == HEARING and hearing)
        result.append(MaterialStatus(item, required) if row is None else MaterialStatus(
            item, required, row.sha256, row.file_name, row.source, row.attached_at,
            row.attached_by))
    return result


def missing_items(session: Session, case: Case, review: CaseReview | None) -> list[MaterialItem]:
    return [s.item for s in checklist(session, case, review) if s.required and not s.present]


def list_materials(ctx: Context, case_key: str) -> list[MaterialStatus]:
    """The case's checklist of review materials."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        case = load_case(session, case_key)
        return checklist(session, case, review_of(session, case.id))


def _check_pdf(data: bytes, name: str) -> None:
    # The header is how readers recognise a PDF (ISO 32000-1, 7.5.2); a scan saved as
    # an image or a Word file would not open in the reviewer's viewer.
    if not data.lstrip(b"\r\n\t ")[:5] == b"%PDF-" or b"%%EOF" not in data[-2048:]:
        raise NotAPdf(name=name)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{name} 超过 {MAX_BYTES // (1024 * 1024)} MiB",
                           f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MiB")


def attach_material(ctx: Context, archive: DocumentArchive, case_key: str, item_key: str,
                    data: bytes, file_name: str, *, source: str = "file"
                    ) -> list[MaterialStatus]:
    """Keep a PDF as one item of the case's review materials; returns the checklist.

    Only while the case is with its handlers (draft, or returned to supplement or
    correct): what is in review does not change under the reviewer's eyes."""
    require(ctx.actor, Permission.SUBMIT_REVIEW)
    item = material_item(item_key)
    name = Path(file_name).name[:200] or item.code
    _check_pdf(data, name)
    with ctx.write("review.attach") as session:
        case = load_open_case(session, case_key)
        review = review_of(session, case.id)
        if not awaiting_handler(review):
            raise WrongReviewState(case=case.number, state_zh=state_name(review.state),
                                   state_en=state_name(review.state, "en"),
                                   action_zh="更换送审材料", action_en="given new materials")
        review = review_for_change(session, case, ctx.clock.now())
        sha256, _path = archive.put(data)
        seq = (session.execute(select(func.max(ReviewMaterial.seq)).where(
            ReviewMaterial.review_id == review.id)).scalar() or 0) + 1
        session.add(ReviewMaterial(review_id=review.id, seq=seq, item=item.code, sha256=sha256,
                                   size=len(data), file_name=name, source=source[:60],
                                   attached_at=ctx.clock.now(),
                                   attached_by=ctx.actor.username))
        session.flush()
        return checklist(session, case, review)


def attach_generated(ctx: Context, archive: DocumentArchive, case_key: str,
                     item_key: str) -> list[MaterialStatus]:
    """Attach the item LawDesk can make itself: its template's preview (no number taken,
    nothing issued), e.g. the draft decision from the case's data."""
    require(ctx.actor, Permission.SUBMIT_REVIEW)
    item = material_item(item_key)
    if item.generate is None:
        raise InvalidInput(f"“{item.title_zh}”不能自动生成，请附上 PDF 文件",
                           f"'{item.title_en}' cannot be generated; attach a PDF file")
    pdf = preview_document(ctx, case_key, item.generate)
    return attach_material(ctx, archive, case_key, item.code, pdf, f"{item.title_zh}.pdf",
                           source=f"generated:{item.generate}")
