"""The audit log as a clerk searches it: by text, action, person and day (Beijing time),
any number of entries, page by page, each with the name of the person who acted.

Times are kept in the ledger as hashed UTC text (core.clock.iso_utc); a day chosen in the
window is the bureau's local day (Asia/Shanghai), turned into the UTC text range here.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from audit.log import LogEntry
from audit.people import logins_named, names_for_logins
from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput
from core.name_order import name_sort_key
from core.permissions import Permission, require
from db.models import BenchmarkCircumstance, CaseType, DeviceType, LedgerEntry


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    # Actions whose shown label matches the text (the window translates labels; it passes
    # the matching codes so that typing 领用 finds device.checkout).
    text_actions: tuple[str, ...] = ()
    action: str | None = None
    actor: str | None = None      # a login
    since: date | None = None     # local days, inclusive
    until: date | None = None
    object_type: str | None = None


@dataclass(frozen=True)
class AuditRow(LogEntry):
    """An entry with the name of the person who acted (audit.people)."""

    actor_name: str = ""
    # login → name for the logins the change itself names (created_by, recorded_by, …)
    people: Mapping[str, str] = field(default_factory=dict)
    # (type table, code) → name of the device and case types (audit.labels.TYPE_FIELDS)
    type_names: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {**super().as_json(), "actor_name": self.actor_name}


def _logins_in(change: dict) -> set[str]:
    """The values of a change's "…_by" fields: logins of the people it names."""
    found: set[str] = set()
    for part in (change.get("values", change), change.get("before", {}),
                 change.get("after", {})):
        if isinstance(part, dict):
            found |= {v for k, v in part.items() if k.endswith("_by") and isinstance(v, str)}
    return found


def _day_start(ctx: Context, day: date) -> str:
    return iso_utc(datetime.combine(day, time(0), tzinfo=ctx.clock.zone))


def _filtered(query, ctx: Context, session, flt: AuditFilter):  # noqa: ANN001, ANN202
    if flt.since and flt.until and flt.until < flt.since:
        raise InvalidInput(f"结束日期 {flt.until} 早于开始日期 {flt.since}",
                           f"the end date {flt.until} is before the start date {flt.since}")
    if flt.action:
        query = query.where(LedgerEntry.action == flt.action)
    if flt.actor:
        query = query.where(LedgerEntry.actor == flt.actor)
    if flt.object_type:
        query = query.where(LedgerEntry.object_type == flt.object_type)
    if flt.since:
        query = query.where(LedgerEntry.at >= _day_start(ctx, flt.since))
    if flt.until:
        query = query.where(LedgerEntry.at < _day_start(ctx, flt.until + timedelta(days=1)))
    text = flt.text.strip()
    if text:
        matches = [LedgerEntry.actor.contains(text, autoescape=True),
                   LedgerEntry.object_id.contains(text, autoescape=True),
                   LedgerEntry.change.contains(text, autoescape=True)]
        named = logins_named(session, text)
        if named:
            matches.append(LedgerEntry.actor.in_(named))
        if flt.text_actions:
            matches.append(LedgerEntry.action.in_(flt.text_actions))
        query = query.where(or_(*matches))
    return query


def count_entries(ctx: Context, flt: AuditFilter = AuditFilter()) -> int:
    require(ctx.actor, Permission.VIEW_AUDIT_LOG)
    with ctx.read() as session:
        return session.execute(_filtered(select(func.count(LedgerEntry.seq)), ctx, session,
                                         flt)).scalar_one()


def entry_page(ctx: Context, flt: AuditFilter = AuditFilter(), *, offset: int = 0,
               limit: int = 200, descending: bool = True,
               language: str = "zh_CN") -> list[AuditRow]:
    """Entries newest first (or oldest first), with the acting person's name."""
    require(ctx.actor, Permission.VIEW_AUDIT_LOG)
    order = LedgerEntry.seq.desc() if descending else LedgerEntry.seq.asc()
    with ctx.read() as session:
        query = _filtered(select(LedgerEntry), ctx, session, flt)
        entries = [(e, json.loads(e.change)) for e in session.execute(
            query.order_by(order).offset(offset).limit(limit)).scalars()]
        named = {login for _, change in entries for login in _logins_in(change)}
        names = names_for_logins(session, {e.actor for e, _ in entries} | named, language)
        types = _type_names(session, language)
    return [AuditRow(e.seq, e.at, e.actor, e.action, e.object_type, e.object_id, change,
                     names.get(e.actor, e.actor),
                     {login: names[login] for login in _logins_in(change) if login in names},
                     types)
            for e, change in entries]


def _type_names(session, language: str) -> dict[tuple[str, str], str]:  # noqa: ANN001
    """The names of the device and case types and of the discretion circumstances (a few
    dozen rows in all)."""
    english = language.startswith("en")
    names = {(model.__tablename__, code): (en if english else zh)
             for model in (DeviceType, CaseType)
             for code, zh, en in session.execute(select(model.code, model.name_zh,
                                                        model.name_en))}
    # Discretion circumstances are named in one language, the same in every version.
    names.update({("benchmark_circumstance", code): text for code, text in session.execute(
        select(BenchmarkCircumstance.code, BenchmarkCircumstance.text))})
    return names


def ledger_people(ctx: Context, language: str = "zh_CN") -> list[tuple[str, str]]:
    """(login, name) of everyone who has an entry, for a filter: sorted by name's pinyin."""
    require(ctx.actor, Permission.VIEW_AUDIT_LOG)
    with ctx.read() as session:
        logins = list(session.execute(select(LedgerEntry.actor).distinct()).scalars())
        names = names_for_logins(session, logins, language)
    return sorted(names.items(), key=lambda pair: name_sort_key(pair[1]))


def ledger_actions(ctx: Context) -> list[str]:
    """The actions the ledger holds, for a filter."""
    require(ctx.actor, Permission.VIEW_AUDIT_LOG)
    with ctx.read() as session:
        return sorted(session.execute(select(LedgerEntry.action).distinct()).scalars())
