from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, UtcDateTime, new_id, utc_now

ID = String(32)


class Unit(Base):
    """A section of the bureau (科室); its short name goes into document numbers."""

    __tablename__ = "unit"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # Added by migration 0022: the name's pinyin order (core.name_order), kept on write.
    name_sort_key: Mapped[str | None] = mapped_column(String(200), index=True)
    short_name: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)

    officers: Mapped[list["Officer"]] = relationship(back_populates="unit")


class Officer(Base):
    __tablename__ = "officer"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(50), index=True)
    # Added by migration 0019: the name's pinyin order (core.name_order), kept on write.
    name_sort_key: Mapped[str | None] = mapped_column(String(200), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"), index=True)
    post: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)

    unit: Mapped[Unit] = relationship(back_populates="officers")
    certificates: Mapped[list["Certificate"]] = relationship(
        back_populates="officer", order_by="Certificate.valid_from"
    )


class Certificate(Base):
    """An enforcement certificate (执法证). An officer keeps old ones when renewed, so file
    names and documents that carry an old number still lead to the right person."""

    __tablename__ = "certificate"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    category: Mapped[str | None] = mapped_column(String(50))
    area: Mapped[str | None] = mapped_column(String(50))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    status_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)

    officer: Mapped[Officer] = relationship(back_populates="certificates")
