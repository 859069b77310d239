"""The bureau-wide disclosure feed HQ keeps: every enrolled workstation's published results
and withdrawal notices, from the disclosure records their ledgers pushed.

Nothing is sent to HQ for the feed but the ledger: the records arrive signed, with the
masked text the workstation's reviewer approved, and HQ renders them with the same code
the workstation exports with (disclosure.feed), so an entry has the same SHA-256 on both
sides. That is how a workstation confirms its push (``held_by``: the digests of its own
entries as HQ holds them). The original, unmasked text also reaches HQ in the record,
but is never read here.

Each entry of the bureau-wide feed also names its unit (the optional ``unit`` field of
docs/disclosure-feed.schema.json). Record ids are random 128-bit values, so two
workstations never mean the same record by one id; should a forged push reuse one, the
record of the workstation that enrolled first is shown and the clash is reported. A
revoked workstation's records stay: they were published while its key was trusted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import get_setting
from core.clock import iso_utc
from core.context import Context
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from db.models import DisclosureRule, HqRecord, HqWorkstation, Unit
from disclosure.feed import FEED_FORMAT, FEED_VERSION, Published, RecordView, published_of
from disclosure.portal import (ExportResult, changes_of, check_target, note_export,
                               write_portal)

RECORD_TYPE = "disclosure_record"


@dataclass(frozen=True)
class _Rule:
    """A rule HQ does not hold (a workstation's own, from before it enrolled): named by
    its code."""

    code: str

    @property
    def name_zh(self) -> str:
        return self.code


@dataclass(frozen=True)
class BureauFeed:
    published: Published
    units: dict[str, str]                      # entry key -> unit name
    clashes: list[str] = field(default_factory=list)  # record ids pushed by two workstations

    def extra(self) -> dict[str, dict]:
        return {key: {"unit": name} for key, name in self.units.items()}


def _rows(session: Session, workstation_id: str | None):  # noqa: ANN202
    query = (select(HqRecord.workstation_id, HqRecord.values, Unit.name)
             .join(Unit, Unit.id == HqRecord.unit_id)
             .join(HqWorkstation, HqWorkstation.id == HqRecord.workstation_id)
             .where(HqRecord.object_type == RECORD_TYPE, HqRecord.deleted.is_(False))
             .order_by(HqWorkstation.enrolled_at, HqRecord.workstation_id))
    if workstation_id is not None:
        query = query.where(HqRecord.workstation_id == workstation_id)
    return session.execute(query).all()


def bureau_feed(session: Session, today: date, *,
                workstation_id: str | None = None) -> BureauFeed:
    """What the bureau's portal shows today (or one workstation's part of it)."""
    rules = {rule.code: rule for rule in session.scalars(select(DisclosureRule))}
    pairs, units, seen, clashes = [], {}, set(), []
    for _workstation, values, unit_name in _rows(session, workstation_id):
        try:
            record = RecordView.of(json.loads(values))
        except (ValueError, KeyError, TypeError):
            continue  # not a disclosure record as this version of LawDesk writes them
        if record.id in seen:
            clashes.append(record.id)
            continue
        seen.add(record.id)
        pairs.append((record, rules.get(record.rule_code) or _Rule(record.rule_code)))
        units[f"record:{record.id}"] = units[f"withdrawal:{record.id}"] = unit_name
    published = published_of(pairs, today)
    shown = published.entries()
    return BureauFeed(published, {k: v for k, v in units.items() if k in shown}, clashes)


def held_by(session: Session, workstation_id: str, today: date) -> dict[str, str]:
    """The caller's own entries in the bureau-wide feed, as key -> SHA-256."""
    return bureau_feed(session, today, workstation_id=workstation_id).published.digests()


def feed_document(feed: BureauFeed, *, enforcement_body: str, generated_at: str,
                  since: date | None) -> dict:
    """The feed as GET {API}/disclosure/feed answers it: the schema's shape, its changes
    counted since a day (or everything, as a first export)."""
    published = feed.published
    changes = changes_of(published, {}, since)
    extra = feed.extra()
    for key, entry in published.entries().items():
        entry.update(extra.get(key, {}))
    return {"format": FEED_FORMAT, "version": FEED_VERSION, "generated_at": generated_at,
            "enforcement_body": enforcement_body, "changes": changes,
            "records": published.records, "withdrawals": published.withdrawals}


@dataclass(frozen=True)
class BureauExport:
    result: ExportResult
    units: int
    clashes: list[str]

    def as_json(self) -> dict:
        return {**self.result.as_json(), "units": self.units, "clashes": self.clashes}


def export_bureau(ctx: Context, out_dir: Path, *, since: date | None = None,
                  progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> BureauExport:
    """HQ's portal export: the static site, feed and state of the whole bureau, written as
    a workstation's export is (disclosure.portal), and noted in HQ's ledger."""
    require(ctx.actor, Permission.MANAGE_HQ)
    out_dir = Path(out_dir)
    check_target(ctx, out_dir, since)
    steps = 4
    progress(0, steps, "读取 / reading")
    with ctx.read() as session:
        feed = bureau_feed(session, ctx.clock.today())
    now = ctx.clock.now()
    written = write_portal(out_dir, feed.published,
                           enforcement_body=get_setting(ctx.db, "bureau.name") or "",
                           generated_at=iso_utc(now), since=since, progress=progress,
                           cancel=cancel, steps=(1, steps), extra=feed.extra())
    note_export(ctx, feed.published, written, now, since)
    progress(steps, steps, "")
    published = feed.published
    result = ExportResult(out_dir, len(published.records), len(published.withdrawals), 0,
                          written.changes, written.feed_sha256)
    return BureauExport(result, len(set(feed.units.values())), feed.clashes)
