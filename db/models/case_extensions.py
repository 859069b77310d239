"""Approved extensions (延期) of a case's 办案期限 (issue 14). Added by migration 0021.

The rules (who approves, by when, how many days, how often) live in casework.extensions
and the limits' data in resources/casework/case_types.toml; a row only says what a head
approved. Rows are never changed or deleted: an extension, once approved, stands.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

__all__ = ["CaseDeadlineExtension"]


class CaseDeadlineExtension(Base):
    """One approved extension: ``seq`` 1 is the case's first. The due dates before and after
    are kept so the ledger (and HQ, which rebuilds from it) reads the effect without the
    case's steps."""

    __tablename__ = "case_deadline_extension"
    __table_args__ = (UniqueConstraint("case_id", "seq",
                                       name="uq_case_deadline_extension_case_id_seq"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    old_due_on: Mapped[date] = mapped_column(Date)
    new_due_on: Mapped[date] = mapped_column(Date)
    approved_on: Mapped[date] = mapped_column(Date)       # the bureau's calendar day
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    approved_by: Mapped[str] = mapped_column(String(50))  # a login holding the head role
