"""Record capture at the workstation (issue 18): what a capture adds to its Footage row.

Added by migration 0017. The bytes and their verification are the footage store's and the
``footage`` row's, exactly as for offloaded footage; this row says how the capture was made:
which input device of which workstation, by whom, for which case and step, the workstation's
time and zone, the markers and pauses spoken during it, and whether it was recovered after
a crash. Rules live in ``capture/``.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id

__all__ = ["Capture"]


class Capture(Base):
    __tablename__ = "capture"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    footage_id: Mapped[str] = mapped_column(ForeignKey("footage.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(10))            # audio | photo | video
    workstation_id: Mapped[str] = mapped_column(String(32))
    input_device: Mapped[str] = mapped_column(String(200))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    step: Mapped[str | None] = mapped_column(String(20))
    captured_by: Mapped[str] = mapped_column(String(50))
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))
    # The workstation's own clock: instants in UTC, and the zone (and its UTC offset then)
    # the workstation was set to, so a later reader knows what the clerk saw.
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime] = mapped_column(UtcDateTime())
    timezone: Mapped[str] = mapped_column(String(64))
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    # JSON: [{"at_s": 12.5, "label": "..."}] and [{"from_s": 3.0, "to_s": 9.0}]
    markers: Mapped[str | None] = mapped_column(Text)
    pauses: Mapped[str | None] = mapped_column(Text)
    # JSON: whatever else the kind records (sample rate, channels, camera, ...).
    extra: Mapped[str | None] = mapped_column(Text)
    # Cut off by a crash and repaired on the next start (capture.recover).
    recovered: Mapped[bool] = mapped_column(Boolean, default=False)
    # A compressed copy (FLAC) stored beside the original, never instead of it.
    compressed_sha256: Mapped[str | None] = mapped_column(String(64))
