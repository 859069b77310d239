"""Recording compliance and retention (issue 19); added by migration 0016.

The audio-video item list (音像记录事项清单) as numbered versions, the findings of the per-case
check, the reasons a section head approved for a missing recording, the acknowledgements that
let a case with findings be closed, legal holds, purge runs and the files they removed. The
rules live in ``compliance/`` and ``evidence/retention.py``; these rows say what was decided.

``recording_finding`` is read by the statistics (compliance rate of cases, findings open), so
it is kept current in the transactions that change what it depends on
(compliance.checks.refresh_case) and indexed on (status, case_id).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

__all__ = ["RecordingItemVersion", "RecordingItem", "RecordingFinding", "RecordingReason",
           "RecordingAcknowledgement", "LegalHold", "PurgeRun", "PurgedFile"]

ID = String(32)
SHA = String(64)
STEP = String(20)


class RecordingItemVersion(Base):
    """One version of the audio-video item list. The version in force on a day is the highest
    ``number`` whose ``effective_from`` has come; until one is imported the shipped file
    (resources/recording/items.toml) is in force."""

    __tablename__ = "recording_item_version"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    number: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(50))
    source: Mapped[str] = mapped_column(String(300))        # file name
    sha256: Mapped[str] = mapped_column(SHA)                # of the items, canonical JSON
    item_count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class RecordingItem(Base):
    """One row of a version: a step of a case type and how it must be recorded.

    ``mode``: full (全程不间断记录: required, segment gaps checked), required (必须记录),
    as_needed (根据实际情况记录: published, not checked). ``capture``: JSON list of what must be
    shown (出示证件, 告知权利, 现场情况, 当事人). ``case_type`` "*" is every type."""

    __tablename__ = "recording_item"
    __table_args__ = (UniqueConstraint("version_id", "seq", name="uq_recording_item_version_id_seq"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    version_id: Mapped[str] = mapped_column(ForeignKey("recording_item_version.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    case_type: Mapped[str] = mapped_column(String(30))
    step: Mapped[str] = mapped_column(STEP)
    activity_zh: Mapped[str] = mapped_column(String(100))
    activity_en: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(12))
    capture: Mapped[str] = mapped_column(Text, default="[]")
    source: Mapped[str] = mapped_column(String(300))


class RecordingFinding(Base):
    """A problem the per-case check found. ``kind``: missing_recording | segment_gap |
    late_offload. ``status``: open | excused (a reason approved by a section head) |
    acknowledged (accepted at closing) | resolved (no longer found). ``key`` is the finding's
    identity across re-checks (kind, step and the files concerned)."""

    __tablename__ = "recording_finding"
    __table_args__ = (
        UniqueConstraint("case_id", "key", name="uq_recording_finding_case_id_key"),
        Index("ix_recording_finding_status_case_id", "status", "case_id"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    step_id: Mapped[str | None] = mapped_column(ForeignKey("case_step.id"))
    step: Mapped[str | None] = mapped_column(STEP)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="open")
    detail: Mapped[str] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    # Named by hand: the convention's name would pass PostgreSQL's 63 characters.
    acknowledgement_id: Mapped[str | None] = mapped_column(
        ForeignKey("recording_acknowledgement.id", name="fk_recording_finding_acknowledgement"))


class RecordingReason(Base):
    """Why a step that needed recording has none (e.g. the recorder failed), approved by a
    section head: the step's missing-recording and gap findings become excused."""

    __tablename__ = "recording_reason"
    __table_args__ = (UniqueConstraint("case_id", "step", name="uq_recording_reason_case_id_step"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    step: Mapped[str] = mapped_column(STEP)
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(50))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class RecordingAcknowledgement(Base):
    """Who accepted a case's open findings so that it may be closed, when and why."""

    __tablename__ = "recording_acknowledgement"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    accepted_by: Mapped[str] = mapped_column(String(50))
    accepted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    reason: Mapped[str] = mapped_column(Text)
    findings: Mapped[int] = mapped_column(Integer)


class LegalHold(Base):
    """A legal hold (诉讼保全/复议保全) on a case or on one stored file: nothing it covers is
    purged, whatever the retention rules say, until it is released."""

    __tablename__ = "legal_hold"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    sha256: Mapped[str | None] = mapped_column(SHA, index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(50))
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    released_by: Mapped[str | None] = mapped_column(String(50))
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    release_reason: Mapped[str | None] = mapped_column(Text)


class PurgeRun(Base):
    """A purge of what retention found due: started by one admin (pending, ``items`` the
    JSON list of what was due), carried out only when a different admin approves it
    (four-eyes). ``status``: pending | done | cancelled."""

    __tablename__ = "purge_run"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    created_by: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    items: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(50))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    removed: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[str | None] = mapped_column(Text)  # JSON: what became not due meanwhile


class PurgedFile(Base):
    """A stored file removed by rule: the footage row stays as it was (a tombstone), and
    evidence.verify expects the file gone. ``removed_at`` is set once the file (and its
    thumbnail) left the store; a crash in between is finished by the next purge."""

    __tablename__ = "purged_file"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(SHA, unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    thumbnail_sha256: Mapped[str | None] = mapped_column(SHA)
    retention_class: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    run_id: Mapped[str] = mapped_column(ForeignKey("purge_run.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(50))
    approved_by: Mapped[str] = mapped_column(String(50))
    purged_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
