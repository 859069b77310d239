"""The portal export: a folder the bureau's web team publishes as it is.

    index.html   the static site (Chinese, no external assets, opens from a file or any web
                 server; its search box works without a server)
    feed.json    everything published now and every withdrawal notice, with what changed
                 (docs/disclosure-feed.schema.json)
    state.json   what this export held (entry -> SHA-256), so the next export to this
                 folder states what changed since
    prior/       the pre-enforcement disclosure (事前公示): lists, flowcharts, personnel
                 lookup, draw results (disclosure.prior_site), linked from index.html

Incremental: by default the changes are against the folder's previous export (its
state.json); with ``since`` they are the entries published, withdrawn or taken down on or
after that day. Each file is written to a temporary name and renamed into place, state.json
last, so an export cut short never leaves a half file and the next one still compares with
the last complete export. Records past their online period are expired first. Each export
is in the ledger (disclosure_export).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from config.settings import get_setting
from core.canonical import canonical_json
from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput
from core.files import atomic_write
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from db.models import DisclosureExport
from disclosure.feed import FEED_FORMAT, FEED_VERSION, Published, published_now
from disclosure.prior_content import PriorContent, prior_content
from disclosure.prior_site import link_from_results, write_prior_site
from disclosure.site import render_site
from disclosure.workflow import expire_due

SITE_NAME, FEED_NAME, STATE_NAME = "index.html", "feed.json", "state.json"


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    records: int
    withdrawals: int
    expired: int                     # records taken off by this export (online period over)
    changes: dict = field(default_factory=dict)
    feed_sha256: str = ""

    def as_json(self) -> dict:
        return {"out": str(self.out_dir), "records": self.records,
                "withdrawals": self.withdrawals, "expired": self.expired,
                "changes": self.changes, "feed_sha256": self.feed_sha256}


def _previous_state(out_dir: Path) -> dict:
    try:
        state = json.loads((out_dir / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("entries"), dict) else {}


def _item(key: str, entry: dict | None) -> dict:
    kind, _, ident = key.partition(":")
    return {"type": kind, "id": ident,
            "document_number": entry.get("document_number") if entry else None}


def changes_of(published: Published, previous: dict, since: date | None,
               digests: dict[str, str] | None = None) -> dict:
    """What changed: since the previous state, or since a day."""
    entries = published.entries()
    if since is not None:
        added = sorted(k for k, day in published.dates.items() if day and day >= since)
        updated: list[str] = []
        removed = sorted(k for k, day in published.removed_since.items()
                         if day and day >= since)
        old = {}
    else:
        old = previous.get("entries", {})
        now = digests if digests is not None else published.digests()
        added = sorted(k for k in now if k not in old)
        updated = sorted(k for k in now if k in old and old[k] != now[k])
        removed = sorted(k for k in old if k not in now)
    return {"since": since.isoformat() if since else None,
            "previous_export": None if since else previous.get("exported_at"),
            "added": [_item(k, entries.get(k)) for k in added],
            "updated": [_item(k, entries.get(k)) for k in updated],
            "removed": [_item(k, entries.get(k)) for k in removed]}


@dataclass(frozen=True)
class Written:
    """What write_portal put in the folder."""

    changes: dict
    feed_sha256: str


def write_portal(out_dir: Path, published: Published, *, enforcement_body: str,
                 generated_at: str, since: date | None, progress: Progress = no_progress,
                 cancel: CancelToken | None = None, steps: tuple[int, int] = (2, 5),
                 extra: dict[str, dict] | None = None,
                 prior: PriorContent | None = None) -> Written:
    """Write the feed, the site and the state of ``published`` into ``out_dir`` (made if
    missing), each to a temporary name first and state.json last. ``extra`` adds fields
    to entries by key (HQ names each entry's unit); digests are taken without them, so a
    workstation's export and HQ's agree on what an entry is. ``prior``: the
    pre-enforcement disclosure (disclosure.prior_site) goes into prior/, linked from the
    site."""
    digests = published.digests()
    changes = changes_of(published, _previous_state(out_dir), since, digests)
    entries = published.entries()
    for key, fields in (extra or {}).items():
        if key in entries:
            entries[key].update(fields)
    feed = {"format": FEED_FORMAT, "version": FEED_VERSION, "generated_at": generated_at,
            "enforcement_body": enforcement_body,
            "changes": changes,
            "records": published.records, "withdrawals": published.withdrawals}
    feed_bytes = json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")
    state = {"exported_at": generated_at, "entries": digests}
    if cancel is not None:
        cancel.raise_if_cancelled()  # nothing written yet
    out_dir.mkdir(parents=True, exist_ok=True)
    first, total = steps
    progress(first, total, FEED_NAME)
    atomic_write(out_dir / FEED_NAME, feed_bytes)
    progress(first + 1, total, SITE_NAME)
    site = render_site(feed)
    if prior is not None:
        write_prior_site(out_dir, prior, enforcement_body=enforcement_body,
                         generated_at=generated_at)
        site = link_from_results(site)
    atomic_write(out_dir / SITE_NAME, site.encode("utf-8"))
    progress(first + 2, total, STATE_NAME)
    atomic_write(out_dir / STATE_NAME, canonical_json(state).encode("utf-8"))
    return Written(feed["changes"], hashlib.sha256(feed_bytes).hexdigest())


def check_target(ctx: Context, out_dir: Path, since: date | None) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"{out_dir} 不是文件夹", f"{out_dir} is not a folder")
    if since is not None and since > ctx.clock.today():
        raise InvalidInput(f"--since 的日期 {since} 晚于今天", f"--since {since} is in the future")


def note_export(ctx: Context, published: Published, written: Written, now: datetime,
                since: date | None) -> None:
    """The export, in the ledger (disclosure_export)."""
    changes = written.changes
    with ctx.write("disclosure.export") as session:
        session.add(DisclosureExport(
            exported_at=now, exported_by=ctx.actor.username, since=since,
            records=len(published.records), withdrawals=len(published.withdrawals),
            added=len(changes["added"]), updated=len(changes["updated"]),
            removed=len(changes["removed"]), feed_sha256=written.feed_sha256))


def export_portal(ctx: Context, out_dir: Path, *, since: date | None = None,
                  progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> ExportResult:
    """Write the static site, the feed and the state into ``out_dir`` (made if missing)."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    out_dir = Path(out_dir)
    check_target(ctx, out_dir, since)
    steps = 5
    progress(0, steps, "到期下线 / expiring")
    expired = expire_due(ctx)
    progress(1, steps, "读取 / reading")
    with ctx.read() as session:
        published = published_now(session)
        prior = prior_content(session, ctx.clock)
    now = ctx.clock.now()
    written = write_portal(out_dir, published,
                           enforcement_body=get_setting(ctx.db, "bureau.name") or "",
                           generated_at=iso_utc(now), since=since, progress=progress,
                           cancel=cancel, prior=prior)
    note_export(ctx, published, written, now, since)
    progress(steps, steps, "")
    return ExportResult(out_dir, len(published.records), len(published.withdrawals),
                        expired, written.changes, written.feed_sha256)
