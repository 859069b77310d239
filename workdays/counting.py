"""Counting working days (工作日) on the official calendar.

Where a law counts a period in working days (行政处罚法 art. 85: its periods of two, three,
five and seven days are working days, statutory holidays excluded; 政府信息公开条例 art. 33:
20 working days to answer a request), statutory holidays and the make-up working days (调休)
the General Office of the State Council announces each year decide which days count. A
year's schedule comes from, in this order:
1. a year file an admin imported (table workday_calendar_year, workdays.year_file);
2. the chinese-calendar library (workdays.library);
3. neither: Monday to Friday, and the count says so (``fallback_years``) so the deadline
   is shown with a warning instead of silently wrong.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from db.database import Database
from db.models import WorkdayCalendarYear
from workdays import library

# Far above any statutory period (the longest are a few months); stops a typo from counting
# for minutes.
MAX_WORKDAYS = 10_000

IMPORTED, LIBRARY, FALLBACK = "imported", "library", "fallback"


@dataclass(frozen=True)
class YearSchedule:
    """An imported year: the days off on weekdays and the weekend days worked."""

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    source: str

    @classmethod
    def from_row(cls, row: WorkdayCalendarYear) -> "YearSchedule":
        return cls(row.year, _dates(row.holidays), _dates(row.workdays), row.source)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def _dates(text: str) -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(value) for value in json.loads(text))


def fallback_warning(years: tuple[int, ...], language: str = "zh_CN") -> str | None:
    if not years:
        return None
    if language.startswith("en"):
        return (f"No official holiday schedule for {', '.join(map(str, years))}: working days "
                "were counted Monday to Friday, so the date may be wrong. An administrator "
                "should import that year's State Council holiday notice "
                "(lawdesk calendar import).")
    return (f"{'、'.join(map(str, years))} 年的法定节假日安排尚未导入，已按周一至周五计算工作日，"
            "日期可能不准确；请管理员导入国务院办公厅当年的节假日安排通知"
            "（lawdesk calendar import）。")


@dataclass(frozen=True)
class WorkdayCount:
    """The n-th working day after ``start`` and whether any year was counted Monday–Friday."""

    start: dt.date
    n: int
    date: dt.date
    fallback_years: tuple[int, ...] = ()

    def warning(self, language: str = "zh_CN") -> str | None:
        return fallback_warning(self.fallback_years, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"start": self.start.isoformat(), "workdays": self.n,
                "date": self.date.isoformat(), "fallback_years": list(self.fallback_years),
                "warning": self.warning(language)}


class WorkdayCalendar:
    """The calendar as loaded once: imported years in memory, the library for the rest."""

    def __init__(self, imported: dict[int, YearSchedule] | None = None) -> None:
        self.imported = dict(imported or {})

    def coverage(self, year: int) -> str:
        """Which data decide ``year``: IMPORTED, LIBRARY or FALLBACK."""
        if year in self.imported:
            return IMPORTED
        return LIBRARY if library.covers(year) else FALLBACK

    def source(self, year: int) -> str | None:
        kind = self.coverage(year)
        if kind == IMPORTED:
            return self.imported[year].source
        return library.SOURCE if kind == LIBRARY else None

    def is_workday(self, day: dt.date) -> bool:
        schedule = self.imported.get(day.year)
        if schedule is not None:
            return schedule.is_workday(day)
        if library.covers(day.year):
            return library.is_workday(day)
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> WorkdayCount:
        """The n-th working day after ``start`` (``start`` itself not counted); n == 0: start."""
        if not 0 <= n <= MAX_WORKDAYS:
            raise InvalidInput(f"工作日数须在 0 至 {MAX_WORKDAYS} 之间：{n}",
                               f"the number of working days must be 0 to {MAX_WORKDAYS}: {n}")
        day, counted = start, 0
        while counted < n:
            day += dt.timedelta(days=1)
            counted += self.is_workday(day)
        return WorkdayCount(start, n, day, self.fallback_years(start, day))

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        return sum(self.is_workday(start + dt.timedelta(days=offset))
                   for offset in range(1, (end - start).days + 1))

    def fallback_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """Years of the days after ``start`` up to ``end`` that are counted Monday–Friday."""
        if end <= start:
            return ()
        first = (start + dt.timedelta(days=1)).year
        return tuple(year for year in range(first, end.year + 1)
                     if self.coverage(year) == FALLBACK)


def load_calendar(source: Session | Database) -> WorkdayCalendar:
    """The calendar with the imported years of this database (a session or the database)."""
    if isinstance(source, Database):
        with source.read() as session:
            return load_calendar(session)
    rows = source.execute(select(WorkdayCalendarYear)).scalars()
    return WorkdayCalendar({row.year: YearSchedule.from_row(row) for row in rows})
