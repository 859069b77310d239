"""The footage library: what is in the store, found by officer, device, date and marks."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, column, func, or_, select
from sqlalchemy import text as sql_text

from core.permissions import Permission, require
from core.clock import iso_utc
from core.context import Context
from core.errors import InvalidInput, NotFound
from db.models import (Certificate, Footage, FootageSighting, LedgerEntry, OffloadSession,
                       Officer)
from db.search_index import MIN_TRIGRAM, NAME_INDEX, match_phrase
from evidence.store import FootageStore


@dataclass(frozen=True)
class FootageFilter:
    """Every field narrows the list; None (or "") leaves it open. Dates are the bureau's
    calendar days, both ends included."""

    officer_id: str | None = None
    # An officer by any certificate they held (renewed ones too): a number that is nobody's
    # matches nothing, so a filter typed at the window never needs a lookup of its own.
    officer_certificate: str | None = None
    device_serial: str | None = None
    recorded_from: date | None = None
    recorded_until: date | None = None
    important: bool | None = None
    unreadable: bool | None = None
    session_id: str | None = None
    kind: str | None = None
    text: str = ""             # part of the file name or of the SHA-256


@dataclass(frozen=True)
class FootageRow:
    id: str
    sha256: str
    sm3: str | None
    size: int
    kind: str
    original_name: str
    device_serial: str | None
    officer_id: str | None
    officer_name: str | None
    officer_number: str | None
    officer_source: str | None
    recorded_at: datetime | None
    recorded_at_source: str | None
    duration_s: float | None
    width: int | None
    height: int | None
    fps: float | None
    codec: str | None
    readable: bool
    important: bool
    thumbnail_sha256: str | None
    session_id: str
    verified_at: datetime

    def as_json(self, store: FootageStore | None = None) -> dict:
        return {
            "id": self.id, "sha256": self.sha256, "sm3": self.sm3, "size": self.size,
            "kind": self.kind, "original_name": self.original_name,
            "device_serial": self.device_serial,
            "officer": None if self.officer_id is None else {
                "id": self.officer_id, "name": self.officer_name},
            "officer_number": self.officer_number, "officer_source": self.officer_source,
            "recorded_at": iso_utc(self.recorded_at) if self.recorded_at else None,
            "recorded_at_source": self.recorded_at_source, "duration_s": self.duration_s,
            "width": self.width, "height": self.height, "fps": self.fps, "codec": self.codec,
            "readable": self.readable, "important": self.important,
            "thumbnail_sha256": self.thumbnail_sha256, "session": self.session_id,
            "verified_at": iso_utc(self.verified_at),
            "store_path": str(store.path_for(self.sha256)) if store else None,
            "thumbnail_path": (str(store.path_for(self.thumbnail_sha256))
                               if store and self.thumbnail_sha256 else None),
        }


@dataclass(frozen=True)
class SightingRow:
    id: str
    session_id: str
    source_path: str
    source_size: int
    device_serial: str | None
    status: str
    at: datetime
    offloaded_by: str
    erased_at: datetime | None


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    change: dict


@dataclass(frozen=True)
class FootageDetail:
    row: FootageRow
    sightings: tuple[SightingRow, ...]
    history: tuple[HistoryEntry, ...]    # ledger entries of the footage and its sightings


@dataclass(frozen=True)
class SessionRow:
    id: str
    started_at: datetime
    finished_at: datetime | None
    username: str
    device_serial: str | None
    profile: str
    source_root: str
    status: str
    files_total: int
    files_stored: int
    files_duplicate: int
    files_failed: int
    bytes_copied: int
    duration_ms: int | None
    manifest_sha256: str | None
    manifest_json_sha256: str | None


_COLUMNS = (Footage.id, Footage.sha256, Footage.sm3, Footage.size, Footage.kind,
            Footage.original_name, Footage.device_serial, Footage.officer_id, Officer.name,
            Footage.officer_number, Footage.officer_source, Footage.recorded_at,
            Footage.recorded_at_source, Footage.duration_s, Footage.width, Footage.height,
            Footage.fps, Footage.codec, Footage.readable, Footage.important,
            Footage.thumbnail_sha256, Footage.session_id, Footage.verified_at)
SORT_KEYS = {"recorded_at": Footage.recorded_at, "verified_at": Footage.verified_at,
             "size": Footage.size, "name": Footage.original_name,
             "device": Footage.device_serial, "officer": Officer.name}


def _day_start(ctx: Context, day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=ctx.clock.zone)


def _filtered(ctx: Context, query: Select, flt: FootageFilter) -> Select:
    if flt.officer_id:
        query = query.where(Footage.officer_id == flt.officer_id)
    number = (flt.officer_certificate or "").strip()
    if number:
        query = query.where(Footage.officer_id.in_(
            select(Certificate.officer_id).where(Certificate.number == number)))
    if flt.device_serial:
        query = query.where(Footage.device_serial == flt.device_serial)
    if flt.recorded_from:
        query = query.where(Footage.recorded_at >= _day_start(ctx, flt.recorded_from))
    if flt.recorded_until:
        query = query.where(Footage.recorded_at
                            < _day_start(ctx, flt.recorded_until + timedelta(days=1)))
    if flt.important is not None:
        query = query.where(Footage.important.is_(flt.important))
    if flt.unreadable is not None:
        query = query.where(Footage.readable.is_(not flt.unreadable))
    if flt.session_id:
        seen = select(FootageSighting.footage_id).where(
            FootageSighting.session_id == flt.session_id)
        query = query.where(Footage.id.in_(seen))
    if flt.kind:
        query = query.where(Footage.kind == flt.kind)
    text = flt.text.strip()
    if text:
        query = query.where(_text_condition(ctx, text))
    return query


HEX = frozenset("0123456789abcdef")
# So many hex digits are a hash pasted from a manifest: when a hash starts with them, only
# hashes are searched. (The name index would look at every name holding "000", which is
# most of a recorder's; a name with 16 hex digits in a row is not what the clerk means.)
HASH_PREFIX_DIGITS = 16


def _text_condition(ctx: Context, text: str):  # noqa: ANN202 - a SQL condition
    """Names containing the text, or hashes starting with it: each from an index (a
    million rows read name by name took half a second)."""
    prefix = text.lower()
    hashes = Footage.sha256.between(prefix, prefix + "g") if set(prefix) <= HEX else None
    if hashes is not None and len(prefix) >= HASH_PREFIX_DIGITS:
        with ctx.read() as session:
            if session.execute(select(Footage.id).where(hashes).limit(1)).first():
                return hashes
    if ctx.db.is_sqlite and len(text) >= MIN_TRIGRAM:
        names = Footage.id.in_(
            sql_text(f"SELECT footage_id FROM {NAME_INDEX} WHERE {NAME_INDEX} MATCH :phrase")
            .bindparams(phrase=match_phrase(text)).columns(column("footage_id")))
    else:
        names = Footage.original_name.contains(text, autoescape=True)
    # A range of the unique index: every hash with this prefix sorts between it and the
    # prefix followed by "g", the character after the hex digits.
    return names if hashes is None else or_(names, hashes)


def count_footage(ctx: Context, flt: FootageFilter = FootageFilter()) -> int:
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    with ctx.read() as session:
        # count(*), not count(id): an index of the filter's columns answers it alone, where
        # counting ids visits every row's table page (a month of 1,000,000 rows: 80 ms).
        return session.execute(_filtered(ctx, select(func.count()).select_from(Footage),
                                         flt)).scalar_one()


def footage_page(ctx: Context, flt: FootageFilter = FootageFilter(), *,
                 sort: str = "recorded_at", descending: bool = True, offset: int = 0,
                 limit: int | None = None) -> list[FootageRow]:
    """Stored footage, newest recording first unless told otherwise."""
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    if sort not in SORT_KEYS:
        raise InvalidInput(f"不能按“{sort}”排序", f"cannot sort by '{sort}'")
    column = SORT_KEYS[sort]
    query = (select(*_COLUMNS).outerjoin(Officer, Officer.id == Footage.officer_id)
             .order_by(column.desc() if descending else column.asc(), Footage.id)
             .offset(offset))
    if limit is not None:
        query = query.limit(limit)
    with ctx.read() as session:
        return [FootageRow(*row) for row in session.execute(_filtered(ctx, query, flt))]


def footage_detail(ctx: Context, footage_id: str) -> FootageDetail:
    """One item with every sighting of it and its ledger history (hashes, who, when)."""
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    with ctx.read() as session:
        row = session.execute(select(*_COLUMNS)
                              .outerjoin(Officer, Officer.id == Footage.officer_id)
                              .where(Footage.id == footage_id)).first()
        if row is None:
            raise NotFound("音视频资料", "footage", footage_id)
        sightings = session.execute(
            select(FootageSighting.id, FootageSighting.session_id, FootageSighting.source_path,
                   FootageSighting.source_size, FootageSighting.device_serial,
                   FootageSighting.status, FootageSighting.at, OffloadSession.username,
                   FootageSighting.source_erased_at)
            .join(OffloadSession, OffloadSession.id == FootageSighting.session_id)
            .where(FootageSighting.footage_id == footage_id)
            .order_by(FootageSighting.at, FootageSighting.id)).all()
        ids = [footage_id, *(s[0] for s in sightings)]
        entries = session.execute(
            select(LedgerEntry).where(
                LedgerEntry.object_type.in_(("footage", "footage_sighting")),
                LedgerEntry.object_id.in_(ids)).order_by(LedgerEntry.seq)).scalars().all()
        history = tuple(HistoryEntry(e.seq, e.at, e.actor, e.action, e.object_type,
                                     json.loads(e.change)) for e in entries)
    return FootageDetail(FootageRow(*row), tuple(SightingRow(*s) for s in sightings), history)


def footage_by_sha256(ctx: Context, sha256: str) -> FootageRow:
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    with ctx.read() as session:
        row = session.execute(select(*_COLUMNS)
                              .outerjoin(Officer, Officer.id == Footage.officer_id)
                              .where(Footage.sha256 == sha256.lower())).first()
    if row is None:
        raise NotFound("音视频资料", "footage", sha256)
    return FootageRow(*row)


def thumbnail_path(store: FootageStore, row: FootageRow) -> Path | None:
    """The JPEG thumbnail of an item, in the store (read-only), if it has one."""
    return store.path_for(row.thumbnail_sha256) if row.thumbnail_sha256 else None


def list_sessions(ctx: Context, *, limit: int = 100, offset: int = 0) -> list[SessionRow]:
    """Offload sessions, newest first."""
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    query = (select(OffloadSession.id, OffloadSession.started_at, OffloadSession.finished_at,
                    OffloadSession.username, OffloadSession.device_serial,
                    OffloadSession.profile, OffloadSession.source_root, OffloadSession.status,
                    OffloadSession.files_total, OffloadSession.files_stored,
                    OffloadSession.files_duplicate, OffloadSession.files_failed,
                    OffloadSession.bytes_copied, OffloadSession.duration_ms,
                    OffloadSession.manifest_sha256, OffloadSession.manifest_json_sha256)
             .order_by(OffloadSession.started_at.desc(), OffloadSession.id)
             .offset(offset).limit(limit))
    with ctx.read() as session:
        return [SessionRow(*row) for row in session.execute(query)]
