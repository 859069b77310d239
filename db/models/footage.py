"""Recorded footage: offload sessions, stored content, and each sighting of a file on a device.

Added by migration 0004. The bytes live in the write-once store (evidence.store); these rows
say what is there, where it came from and that it was verified. Rules live in ``evidence/``
and ``devices/offload/``.
"""
from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import (BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text,
                        event)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

ID = String(32)
SERIAL = String(60)
SHA = String(64)


class OffloadSession(Base):
    """One offload of one volume: who, when, which device, what it found, how long it took.

    ``status`` is running | finished | cancelled | interrupted (the process died; found and
    closed by the next offload)."""

    __tablename__ = "offload_session"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    username: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("user_account.id"))
    # The officer named by the person offloading (--officer), if any.
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))
    device_serial: Mapped[str | None] = mapped_column(SERIAL, index=True)
    profile: Mapped[str] = mapped_column(String(40))
    source_root: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="running")
    files_total: Mapped[int] = mapped_column(Integer, default=0)
    files_stored: Mapped[int] = mapped_column(Integer, default=0)
    files_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    files_failed: Mapped[int] = mapped_column(Integer, default=0)
    bytes_copied: Mapped[int] = mapped_column(BigInteger, default=0)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    # Hashes of the manifests written into the store when the session ended.
    manifest_sha256: Mapped[str | None] = mapped_column(SHA)
    manifest_json_sha256: Mapped[str | None] = mapped_column(SHA)
    # The recorder's clock, judged from its file times (devices.offload.clock_check):
    # ok | ahead | behind | unchecked; the offset found (seconds, + ahead) and the allowance
    # it was held to, counted from the last clock check (checked_since).
    clock_check: Mapped[str | None] = mapped_column(String(12))
    clock_offset_s: Mapped[float | None] = mapped_column(Float)
    clock_allowance_s: Mapped[float | None] = mapped_column(Float)
    clock_checked_since: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Footage(Base):
    """One piece of content in the store, by its SHA-256, verified when the row was written.

    Descriptive fields come from the first sighting; later sightings of the same bytes add
    FootageSighting rows only."""

    __tablename__ = "footage"
    # Migration 0015 (benchmarks/stats_scale.py, 1,000,000 rows): the statistics read a
    # year from one covering index (compliance.statistics), and the library's filters
    # sorted newest first read their own (evidence.library).
    __table_args__ = (
        Index("ix_footage_stats", "recorded_at", "officer_id", "device_serial", "duration_s",
              "offload_delay_h"),
        # Grouped by officer, delay hour and recorder in index order: no sort of the year; and
        # the rows of one officer's delay hour found directly (the exact percentiles).
        Index("ix_footage_stats_groups", "officer_id", "offload_delay_h", "device_serial",
              "recorded_at", "duration_s", "offload_delay_s"),
        Index("ix_footage_officer_id_recorded_at", "officer_id", "recorded_at"),
        Index("ix_footage_device_serial_recorded_at", "device_serial", "recorded_at"),
        Index("ix_footage_important_recorded_at", "important", "recorded_at"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(SHA, unique=True)
    sm3: Mapped[str | None] = mapped_column(SHA)
    size: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10))  # video | audio | photo | other
    original_name: Mapped[str] = mapped_column(String(255))
    device_serial: Mapped[str | None] = mapped_column(SERIAL, index=True)
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), index=True)
    # The officer number as the file name spelt it, kept even when no officer matches.
    officer_number: Mapped[str | None] = mapped_column(String(40))
    # file_name | given | custody | offloader: how the officer was found
    officer_source: Mapped[str | None] = mapped_column(String(16))
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    recorded_at_source: Mapped[str | None] = mapped_column(String(16))  # file_name | file_time
    duration_s: Mapped[float | None] = mapped_column(Float)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    fps: Mapped[float | None] = mapped_column(Float)
    codec: Mapped[str | None] = mapped_column(String(16))
    # False when opencv could not read the file: still stored and verified.
    readable: Mapped[bool] = mapped_column(Boolean, default=True)
    thumbnail_sha256: Mapped[str | None] = mapped_column(SHA)
    important: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("offload_session.id"), index=True)
    verified_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Derived from the three instants above when the row is written (offload_delay): kept
    # so that a year's statistics read the delay from an index rather than computing it
    # for each of half a million rows (compliance.statistics, migration 0015).
    offload_delay_s: Mapped[float | None] = mapped_column(Float)
    offload_delay_h: Mapped[int | None] = mapped_column(Integer)


def offload_delay(recorded_at: datetime | None, duration_s: float | None,
                  verified_at: datetime | None) -> tuple[float | None, int | None]:
    """Seconds from the end of a recording to its verified storing (0 when the recorder's
    clock put the end later), and the hour b with the delay in (b h, (b+1) h] (0 for 0), so
    that b >= N exactly when the delay is more than N hours. None without a recording time."""
    if recorded_at is None or verified_at is None:
        return None, None
    seconds = max(0.0, round((verified_at - recorded_at).total_seconds() - (duration_s or 0), 6))
    return seconds, max(0, math.ceil(seconds / 3600) - 1)


@event.listens_for(Footage, "before_insert")
@event.listens_for(Footage, "before_update")
def _derive_offload_delay(_mapper, _connection, footage: Footage) -> None:  # noqa: ANN001
    footage.offload_delay_s, footage.offload_delay_h = offload_delay(
        footage.recorded_at, footage.duration_s, footage.verified_at)


class FootageSighting(Base):
    """A file seen on a device during an offload, and what became of it.

    ``status``: stored (new content), duplicate (content already in the store), resumed (a
    file an earlier offload verified, skipped without reading), failed (``error`` says why).
    The source path, size and modification time let a later offload skip verified files."""

    __tablename__ = "footage_sighting"
    __table_args__ = (Index("ix_footage_sighting_source", "source_path", "source_size"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("offload_session.id"), index=True)
    footage_id: Mapped[str | None] = mapped_column(ForeignKey("footage.id"), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    source_size: Mapped[int] = mapped_column(BigInteger)
    source_mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    device_serial: Mapped[str | None] = mapped_column(SERIAL)
    status: Mapped[str] = mapped_column(String(12))
    error_code: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    # Set when the admin setting footage.erase_after_offload erased the file on the device.
    source_erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
