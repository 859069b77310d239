"""The disclosure list's rows (desktop.models.paged.RowSource): the records matching the
page's filter, each with how many working days are left before its deadline (or how many
it is late by), counted on the shared working-day calendar. Runs on a worker thread, so
the calendar is read there, never on the UI thread.

A bureau drafts a few hundred records a year: the service lists them all and the page is
cut here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.context import Context
from disclosure.records import (PENDING, SOON_WORKDAYS, STATUSES, DisclosureFilter,
                                DisclosureRow, list_disclosures)
from workdays import load_calendar


@dataclass(frozen=True)
class DeadlineRow:
    """A listed record and its distance in working days to the day that matters now: the
    deadline to publish by while it waits, the day to withdraw by once a published
    decision has changed. ``workdays_left`` is positive while there is time, 0 on the day
    itself, negative when late, None when nothing is due (published and unchanged,
    withdrawn, expired, withheld)."""

    record: DisclosureRow
    workdays_left: int | None

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def late(self) -> bool:
        return self.record.overdue or self.record.withdrawal_overdue

    @property
    def due_soon(self) -> bool:
        """Within SOON_WORKDAYS working days (amber in the list)."""
        if self.record.due_soon:
            return True
        left = self.workdays_left
        return (self.record.status == "published" and left is not None
                and 0 <= left <= SOON_WORKDAYS)


def _sort_keys(language: str) -> dict[str, Callable[[DisclosureRow], Any]]:
    return {
        "deadline": lambda r: r.deadline,
        "decided": lambda r: r.decided_on,
        "document": lambda r: r.document_number or "",
        "case": lambda r: r.case_number,
        "kind": lambda r: r.kind_name(language),
        "status": lambda r: STATUSES.index(r.status) if r.status in STATUSES else len(STATUSES),
    }


def due_day(row: DisclosureRow) -> date | None:
    """What the record must meet next: its deadline to publish, or its withdrawal day."""
    if row.withheld:
        return None
    if row.status in PENDING:
        return row.deadline
    if row.status == "published":
        return row.withdrawal_due
    return None


def with_distance(rows: list[DisclosureRow], ctx: Context) -> list[DeadlineRow]:
    if not any(due_day(r) for r in rows):
        return [DeadlineRow(r, None) for r in rows]
    calendar, today = load_calendar(ctx.db), ctx.clock.today()

    def distance(row: DisclosureRow) -> int | None:
        due = due_day(row)
        if due is None:
            return None
        if due >= today:
            return calendar.workdays_between(today, due)
        return -calendar.workdays_between(due, today)
    return [DeadlineRow(r, distance(r)) for r in rows]


@dataclass(frozen=True)
class DisclosureSource:
    ctx: Context
    flt: DisclosureFilter
    language: str

    def count(self) -> int:
        return len(list_disclosures(self.ctx, self.flt))

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[DeadlineRow]:
        keys = _sort_keys(self.language)
        key = keys.get(sort, keys["deadline"])
        rows = sorted(list_disclosures(self.ctx, self.flt), key=lambda r: (key(r), r.id),
                      reverse=descending)
        return with_distance(rows[offset:offset + limit], self.ctx)
