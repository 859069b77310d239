"""The workstation's side of sync with HQ (migration 0006).

``SyncLink`` is the enrollment itself: audited, like any record. ``SyncProgress`` is
bookkeeping that changes on every pass (how far the ledger was sent, the last error); it is
not audited, because an entry for "entry N was sent" would itself have to be sent, and the
pass would never end. ``HqReceipt`` is HQ's confirmation that it holds a stored file under
its own hash: audited, since "held at HQ" is a statement about evidence.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime

SHA = String(64)
# SyncLink and SyncProgress each hold at most one row, under this id.
SINGLE_ROW = 1


class SyncLink(Base):
    """This workstation's enrollment at an HQ server: at most one row (id 1)."""

    __tablename__ = "sync_link"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    server_url: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[str] = mapped_column(String(32))
    # HQ's own workstation identity (its ledger id), from the enrollment answer.
    server_id: Mapped[str] = mapped_column(String(32))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime())
    enrolled_by: Mapped[str] = mapped_column(String(50))
    # The last ledger entry written before enrollment: entries up to it may hold local
    # edits of data HQ owns, which HQ keeps as evidence but does not apply.
    enrolled_at_seq: Mapped[int] = mapped_column(Integer, default=0)
    # A CA bundle to trust for an https server with a private certificate.
    ca_file: Mapped[str | None] = mapped_column(Text)


class SyncProgress(Base):
    """How far sync got; one row (id 1), rewritten by every pass."""

    __tablename__ = "sync_progress"
    __audited__ = False
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ledger_sent_seq: Mapped[int] = mapped_column(Integer, default=0)
    reference_digest: Mapped[str | None] = mapped_column(SHA)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    # The JSON summary of the last pass (what `lawdesk sync run --json` printed).
    last_summary: Mapped[str | None] = mapped_column(Text)
    # How far HQ's clock is ahead of this workstation's (seconds; negative: behind), as
    # measured at the last token request (migration 0011), and when.
    clock_offset_s: Mapped[float | None] = mapped_column(Float)
    clock_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HqReceipt(Base):
    """HQ confirmed it holds this store object, having hashed it itself."""

    __tablename__ = "hq_receipt"
    sha256: Mapped[str] = mapped_column(SHA, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    held_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # uploaded | already_held
    how: Mapped[str] = mapped_column(String(16))


class UploadState(Base):
    """A tus upload in progress: where to resume it. Not audited (a cursor, not a record)."""

    __tablename__ = "sync_upload"
    __audited__ = False
    sha256: Mapped[str] = mapped_column(SHA, primary_key=True)
    upload_url: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class HqCountersignature(Base):
    """HQ's signature over one of this workstation's checkpoints (migration 0014;
    hq.countersign says what it proves, sync.countersignatures how it is fetched and
    checked). Not audited: it proves itself, and a ledger entry for each would need
    countersigning in turn."""

    __tablename__ = "hq_countersignature"
    __audited__ = False
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head_hash: Mapped[str] = mapped_column(SHA)
    at: Mapped[str] = mapped_column(String(32))             # the checkpoint's own time
    server_id: Mapped[str] = mapped_column(String(32))
    public_key: Mapped[str] = mapped_column(String(64))     # HQ's Ed25519 key, hex
    signature: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
