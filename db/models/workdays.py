"""Tables of workdays (see the migration of the same name)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime

__all__ = ["WorkdayCalendarYear"]


class WorkdayCalendarYear(Base):
    """One year of the official calendar as an admin imported it (or HQ sent it down); it
    replaces the chinese-calendar library's data for that year. Added by migration 0007."""

    __tablename__ = "workday_calendar_year"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # JSON arrays of ISO dates, sorted: a year has a few dozen, always read together.
    holidays: Mapped[str] = mapped_column(Text)      # days off that would be working days
    workdays: Mapped[str] = mapped_column(Text)      # make-up working days (调休) on weekends
    source: Mapped[str] = mapped_column(String(200))  # e.g. 国办发明电〔2025〕7号
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    imported_by: Mapped[str] = mapped_column(String(50))
