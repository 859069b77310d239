"""Evidence: files of the footage store tied to a case and one of its steps, by SHA-256.

The one place that knows how the footage library records a stored file
(``db.models.Footage``): if that record changes, only ``_stored_query`` and ``_to_file``
here change. Everything else in casework sees :class:`StoredFile`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from casework.errors import EvidenceAlreadyLinked, EvidenceNotInStore
from casework.hooks import EVIDENCE_CHANGED, call_hooks
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import Capture, EvidenceLink, Footage, OffloadSession, Officer, PurgedFile

HEX64 = re.compile(r"^[0-9a-f]{64}$")
KIND_LABELS = {"video": ("视频", "video"), "audio": ("音频", "audio"),
               "photo": ("照片", "photo"), "other": ("其他", "other")}


@dataclass(frozen=True)
class StoredFile:
    """What the footage library knows of one stored file."""

    sha256: str
    sm3: str | None
    size: int
    kind: str                     # video | audio | photo | other
    original_name: str
    device_serial: str | None
    officer_name: str | None
    officer_number: str | None    # the certificate number the file name carried
    recorded_at: datetime | None
    duration_s: float | None
    # Recorded at a workstation (capture/): the input device; device_serial is then the
    # workstation's id.
    input_device: str | None = None
    # The recorder's clock as its offload judged it (devices.offload.clock_check): ok |
    # ahead | behind | unchecked, and the offset found (seconds, + fast).
    clock_check: str | None = None
    clock_offset_s: float | None = None

    def device_label(self, short: bool = False) -> str:
        """The recorder's serial, or "workstation id / input device" for a capture
        (``short``: the id's first 8 characters, for a narrow column)."""
        if self.input_device:
            station = self.device_serial or ""
            return f"{station[:8] if short else station} / {self.input_device}"
        return self.device_serial or ""

    def clock_label(self) -> str:
        """Whether the recording time was checked against the recorder's clock, for the
        evidence list ("" when it was not judged)."""
        seconds = abs(round(self.clock_offset_s or 0))
        return {"ok": "时间已核对",
                "ahead": f"记录仪时钟偏快≥{seconds}秒",
                "behind": f"记录仪时钟偏慢≥{seconds}秒"}.get(self.clock_check or "", "")

    def duration_label(self) -> str:
        """H:MM:SS, or "" when the length is not known."""
        if self.duration_s is None:
            return ""
        whole = int(round(self.duration_s))
        return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"

    def kind_label(self, language: str = "zh_CN") -> str:
        zh, en = KIND_LABELS.get(self.kind, (self.kind, self.kind))
        return en if language.startswith("en") else zh

    def officer_label(self) -> str:
        if self.officer_name and self.officer_number:
            return f"{self.officer_name}（{self.officer_number}）"
        return self.officer_name or self.officer_number or ""


@dataclass(frozen=True)
class EvidenceInfo:
    """One link of a case: the file, the step it supports, who linked it and when."""

    id: str
    sha256: str
    step: str
    note: str | None
    linked_at: datetime
    linked_by: str
    file: StoredFile | None       # None only if the footage record went away


def clean_sha256(text: str) -> str:
    value = text.strip().lower()
    if not HEX64.match(value):
        raise InvalidInput(f"“{text}”不是 64 位十六进制的 SHA-256 值",
                           f"'{text}' is not a SHA-256 value (64 hexadecimal digits)")
    return value


def _stored_query() -> Select:
    return (select(Footage, Officer.name, Capture.input_device, OffloadSession.clock_check,
                   OffloadSession.clock_offset_s)
            .outerjoin(Officer, Officer.id == Footage.officer_id)
            .outerjoin(Capture, Capture.footage_id == Footage.id)
            .outerjoin(OffloadSession, OffloadSession.id == Footage.session_id))


def _to_file(footage: Footage, officer_name: str | None, input_device: str | None = None,
             clock_check: str | None = None, clock_offset_s: float | None = None
             ) -> StoredFile:
    return StoredFile(footage.sha256, footage.sm3, footage.size, footage.kind,
                      footage.original_name, footage.device_serial, officer_name,
                      footage.officer_number, footage.recorded_at, footage.duration_s,
                      input_device, clock_check, clock_offset_s)


def find_stored_file(session: Session, sha256: str) -> StoredFile | None:
    row = session.execute(_stored_query().where(Footage.sha256 == sha256)).first()
    return None if row is None else _to_file(*row)


def stored_files(session: Session, hashes: Iterable[str]) -> dict[str, StoredFile]:
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    rows = session.execute(_stored_query().where(Footage.sha256.in_(wanted))).all()
    return {row[0].sha256: _to_file(*row) for row in rows}


def case_evidence(session: Session, case_id: str) -> list[EvidenceInfo]:
    """A case's links in the order of recording time, then of linking."""
    links = session.execute(select(EvidenceLink).where(EvidenceLink.case_id == case_id)
                            .order_by(EvidenceLink.linked_at, EvidenceLink.id)).scalars().all()
    files = stored_files(session, (link.sha256 for link in links))
    infos = [EvidenceInfo(link.id, link.sha256, link.step, link.note, link.linked_at,
                          link.linked_by, files.get(link.sha256)) for link in links]
    return sorted(infos, key=lambda e: (e.file is None or e.file.recorded_at is None,
                                        e.file.recorded_at if e.file and e.file.recorded_at
                                        else e.linked_at, e.linked_at))


def link_evidence(ctx: Context, case_number: str, sha256: str, step: str | None = None,
                  note: str | None = None) -> EvidenceInfo:
    """Tie a verified file of the store to a step of an open case (default: 调查取证, or the
    procedure's first step)."""
    from casework.cases import load_open_case, procedure_of
    require(ctx.actor, Permission.EDIT_CASES)
    digest = clean_sha256(sha256)
    with ctx.write("case.link") as session:
        case = load_open_case(session, case_number)
        proc = procedure_of(case)
        chosen = proc.step(step) if step else (
            proc.step("investigation") if any(s.code == "investigation" for s in proc.steps)
            else proc.steps[0])
        found = find_stored_file(session, digest)
        if found is None or session.execute(
                select(PurgedFile.id).where(PurgedFile.sha256 == digest)).first():
            raise EvidenceNotInStore(sha256=digest)   # never stored, or removed by rule
        taken = session.execute(select(EvidenceLink.id).where(
            EvidenceLink.case_id == case.id, EvidenceLink.sha256 == digest,
            EvidenceLink.step == chosen.code)).first()
        if taken:
            raise EvidenceAlreadyLinked(sha256=digest, case=case.number,
                                        step_zh=chosen.name_zh, step_en=chosen.name_en)
        link = EvidenceLink(case_id=case.id, sha256=digest, step=chosen.code,
                            note=(note or "").strip()[:500] or None,
                            linked_at=ctx.clock.now(), linked_by=ctx.actor.username)
        session.add(link)
        session.flush()
        call_hooks(session, EVIDENCE_CHANGED, case, ctx.actor.username)
        return EvidenceInfo(link.id, digest, chosen.code, link.note, link.linked_at,
                            link.linked_by, found)


def unlink_evidence(ctx: Context, case_number: str, sha256: str, step: str) -> None:
    """Remove a link made by mistake (the ledger keeps that it existed)."""
    from casework.cases import load_open_case, procedure_of
    require(ctx.actor, Permission.EDIT_CASES)
    digest = clean_sha256(sha256)
    with ctx.write("case.unlink") as session:
        case = load_open_case(session, case_number)
        code = procedure_of(case).step(step).code
        link = session.execute(select(EvidenceLink).where(
            EvidenceLink.case_id == case.id, EvidenceLink.sha256 == digest,
            EvidenceLink.step == code)).scalar_one_or_none()
        if link is None:
            raise NotFound("证据关联", "evidence link", f"{case.number} {digest} {code}")
        session.delete(link)
        session.flush()
        call_hooks(session, EVIDENCE_CHANGED, case, ctx.actor.username)
