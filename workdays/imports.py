"""Importing one year of the official calendar, and what covers each year.

An imported year replaces the chinese-calendar library's data for that year (the notice may
come out before the library's next release, or correct it). The table is HQ's
(sync.protocol.REFERENCE_TABLES): once a workstation is enrolled, only HQ's years apply,
and an import there is refused (sync.ownership); import at HQ and let the sync bring it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.context import Context
from core.permissions import Permission, require
from db.database import Database
from db.models import WorkdayCalendarYear
from workdays import library
from workdays.counting import FALLBACK, IMPORTED, LIBRARY, WorkdayCalendar, load_calendar
from workdays.year_file import YearFile, read_year_file, validate

ACTION = "calendar.import"


@dataclass(frozen=True)
class ImportedYear:
    year: int
    holidays: int
    workdays: int
    replaced: bool           # the year had been imported before

    def as_json(self) -> dict:
        return {"year": self.year, "holidays": self.holidays, "workdays": self.workdays,
                "replaced": self.replaced}


def import_calendar_year(ctx: Context,
                         data: Mapping[str, Any] | str | os.PathLike) -> ImportedYear:
    """Store one year (a year file's mapping, or the file's path); see workdays.year_file."""
    require(ctx.actor, Permission.MANAGE_CALENDAR)
    is_path = isinstance(data, (str, os.PathLike))
    checked: YearFile = validate(read_year_file(data) if is_path else data)
    with ctx.write(ACTION) as session:
        row = session.get(WorkdayCalendarYear, checked.year)
        replaced = row is not None
        if row is None:
            row = WorkdayCalendarYear(year=checked.year)
            session.add(row)
        row.holidays = json.dumps([d.isoformat() for d in checked.holidays])
        row.workdays = json.dumps([d.isoformat() for d in checked.workdays])
        row.source = checked.source
        row.imported_at = ctx.clock.now()
        row.imported_by = ctx.actor.username
    return ImportedYear(checked.year, len(checked.holidays), len(checked.workdays), replaced)


@dataclass(frozen=True)
class YearCoverage:
    year: int
    coverage: str                    # IMPORTED, LIBRARY or FALLBACK
    source: str | None
    imported_at: datetime | None = None
    imported_by: str | None = None

    def as_json(self, language: str = "zh_CN") -> dict:  # noqa: ARG002 - print_rows passes it
        return {"year": self.year, "coverage": self.coverage, "source": self.source,
                "imported_at": self.imported_at.isoformat() if self.imported_at else None,
                "imported_by": self.imported_by}


def calendar_years(source: Session | Database, this_year: int) -> list[YearCoverage]:
    """Every year the library or an import covers, and up to next year (a year not yet
    covered shows as FALLBACK: counted Monday–Friday)."""
    if isinstance(source, Database):
        with source.read() as session:
            return calendar_years(session, this_year)
    calendar: WorkdayCalendar = load_calendar(source)
    rows = {row.year: row for row in source.execute(select(WorkdayCalendarYear)).scalars()}
    covered = set(library.years()) | set(rows)
    years = range(min(covered | {this_year}), max(covered | {this_year + 1}) + 1)
    result = []
    for year in years:
        kind = calendar.coverage(year)
        row = rows.get(year) if kind == IMPORTED else None
        result.append(YearCoverage(year, kind, calendar.source(year),
                                   row.imported_at if row else None,
                                   row.imported_by if row else None))
    return result


__all__ = ["import_calendar_year", "calendar_years", "ImportedYear", "YearCoverage",
           "IMPORTED", "LIBRARY", "FALLBACK"]
