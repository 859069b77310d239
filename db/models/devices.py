"""Recording devices: types, the registry, status history, custody, signatures, ratio standards.

Added by migration 0003. Rules live in ``devices/``; these are only the tables.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

ID = String(32)
SERIAL = String(60)
SHA256 = String(64)


class DeviceType(Base):
    """A kind of device (执法记录仪, 录音笔 …). Deactivated rather than deleted, so old
    devices and standards keep their meaning."""

    __tablename__ = "device_type"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Device(Base):
    __tablename__ = "device"
    # Covers the ratio report's count of devices in service per unit and type.
    __table_args__ = (Index("ix_device_unit_type_status", "unit_id", "type_code", "status"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    serial: Mapped[str] = mapped_column(SERIAL, unique=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("device_type.code"))
    model: Mapped[str | None] = mapped_column(String(100))
    vendor: Mapped[str | None] = mapped_column(String(100))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    purchase_date: Mapped[date | None] = mapped_column(Date)
    # in_store | checked_out | in_repair | lost | retired (devices.status)
    status: Mapped[str] = mapped_column(String(16), default="in_store")
    notes: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class DeviceEvent(Base):
    """One step of a device's status history. ``seq`` numbers a device's events in order:
    several events may share one instant (a check-in and the next checkout)."""

    __tablename__ = "device_event"
    __table_args__ = (UniqueConstraint("device_id", "seq", name="uq_device_event_device_id_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))  # the device's status after the event
    actor: Mapped[str] = mapped_column(String(50))
    custody_id: Mapped[str | None] = mapped_column(ForeignKey("custody.id"))
    notes: Mapped[str | None] = mapped_column(String(500))


class SignatureImage(Base):
    """A signature drawn on the pad, stored once by its SHA-256. The ledger records only the
    digest (see audit.recorder): the image itself is not worth re-hashing on every verify."""

    __tablename__ = "signature_image"
    sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary, info={"audit": "digest"})


class Custody(Base):
    """One checkout of a device to an officer and, once back, its check-in.

    The custody covers the half-open interval [checked_out_at, checked_in_at): see
    devices.holder."""

    __tablename__ = "custody"
    __table_args__ = (
        Index("ix_custody_device_id_checked_out_at", "device_id", "checked_out_at"),
        Index("ix_custody_officer_id_checked_out_at", "officer_id", "checked_out_at"),
        # The overdue list: open custodies (checked_in_at IS NULL) by due time.
        Index("ix_custody_checked_in_at_due_at", "checked_in_at", "due_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"))
    # The certificate that made the officer eligible at checkout; later renewals do not
    # rewrite who was issued the device under which number.
    certificate_number: Mapped[str] = mapped_column(String(40))
    checked_out_at: Mapped[datetime] = mapped_column(UtcDateTime())
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    checked_out_by: Mapped[str] = mapped_column(String(50))
    battery_ok: Mapped[bool] = mapped_column(Boolean)
    storage_ok: Mapped[bool] = mapped_column(Boolean)
    clock_ok: Mapped[bool] = mapped_column(Boolean)
    undamaged: Mapped[bool] = mapped_column(Boolean)
    checkout_notes: Mapped[str | None] = mapped_column(String(500))
    # NULL: no signature pad was used (recorded as unsigned, never faked).
    checkout_signature_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("signature_image.sha256"))
    checked_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    checked_in_by: Mapped[str | None] = mapped_column(String(50))
    checkin_condition: Mapped[str | None] = mapped_column(String(16))  # good | damaged | lost
    checkin_notes: Mapped[str | None] = mapped_column(String(500))
    checkin_signature_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("signature_image.sha256"))


class RatioStandard(Base):
    """How many devices of a type a unit must have (配备比例). ``unit_id`` NULL: the default
    for every unit without its own standard for that type."""

    __tablename__ = "ratio_standard"
    __table_args__ = (
        UniqueConstraint("unit_id", "device_type", name="uq_ratio_standard_unit_id_device_type"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    device_type: Mapped[str] = mapped_column(ForeignKey("device_type.code"))
    officers_per_device: Mapped[int | None] = mapped_column(Integer)
    minimum: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
