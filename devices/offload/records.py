"""The offload's records: sessions, footage and sightings, each change in one transaction
with its ledger entries (written by audit.recorder's flush hook)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from sqlalchemy import select

from core.context import Context
from audit.recorder import record
from db.models import Footage, FootageSighting, LedgerEntry, OffloadSession
from devices.offload.results import DUPLICATE, FAILED, RESUMED, STORED
from evidence.hashing import sha256_of_file
from evidence.manifest import HASHDEEP_SUFFIX, JSON_SUFFIX
from evidence.store import FootageStore
from evidence.verify import LEFTOVER_ACTION, orphan_manifests
from organisation import lookup

VERIFIED_STATUSES = (STORED, DUPLICATE, RESUMED)
_IN_BATCH = 500


@dataclass(frozen=True)
class FootageFacts:
    """Everything known about new content when it is recorded."""

    sha256: str
    sm3: str | None
    size: int
    kind: str
    original_name: str
    device_serial: str | None
    officer_id: str | None
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
    thumbnail_sha256: str | None
    important: bool


@dataclass(frozen=True)
class Sighting:
    source_path: str
    source_size: int
    source_mtime_ns: int | None
    device_serial: str | None


@dataclass(frozen=True)
class Verified:
    """A file an earlier offload verified: what it was stored as."""

    footage_id: str
    sha256: str
    sm3: str | None
    size: int


def open_session(ctx: Context, session_id: str, *, source_root: str, profile: str,
                 device_serial: str | None, officer_id: str | None) -> None:
    with ctx.write("offload.start") as session:
        session.add(OffloadSession(
            id=session_id, started_at=ctx.clock.now(), username=ctx.actor.username,
            user_id=ctx.actor.user_id, officer_id=officer_id, device_serial=device_serial,
            profile=profile, source_root=source_root, status="running", files_total=0,
            files_stored=0, files_duplicate=0, files_failed=0, bytes_copied=0))


def close_interrupted(ctx: Context, session_ids: Iterable[str]) -> list[str]:
    """Sessions whose process died (their staging run was found abandoned) are closed."""
    ids = list(session_ids)
    if not ids:
        return []
    closed = []
    with ctx.write("offload.interrupted") as session:
        for row in session.execute(select(OffloadSession).where(
                OffloadSession.id.in_(ids), OffloadSession.status == "running")).scalars():
            row.status = "interrupted"
            closed.append(row.id)
    return closed


def account_for_leftovers(ctx: Context, store: FootageStore,
                          journals: dict[str, list[str]]) -> list[str]:
    """Content that dead runs linked into the store (their journals: ``journals``, read
    before their staging folders were removed) and no record names: each hashed now and
    put in the ledger (LEFTOVER_ACTION), so `verify` expects it. It stays where it is and
    is not footage: offloading that card again records it as such, hashing it first (it is
    not trusted). Returns the SHA-256s accounted for."""
    linked = {sha256: run_id for run_id, shas in journals.items() for sha256 in shas}
    if not linked:
        return []
    with ctx.read() as session:
        known = set(session.scalars(select(Footage.sha256).where(
            Footage.sha256.in_(list(linked)))))
        known |= set(session.scalars(select(Footage.thumbnail_sha256).where(
            Footage.thumbnail_sha256.in_(list(linked)))))
        known |= set(session.scalars(select(LedgerEntry.object_id).where(
            LedgerEntry.action == LEFTOVER_ACTION, LedgerEntry.object_id.in_(list(linked)))))
    found = []
    for sha256 in sorted(set(linked) - known):
        path = store.path_for(sha256)
        try:
            size, digest = sha256_of_file(path)
        except FileNotFoundError:
            continue  # died before the link itself
        if digest == sha256:  # else a damaged leftover: the next copy of it replaces it
            found.append((sha256, size))
    if found:
        with ctx.write(LEFTOVER_ACTION) as session:
            for sha256, size in found:
                record(session, action=LEFTOVER_ACTION, object_type="store_object",
                       object_id=sha256, change={"staging_run": linked[sha256],
                                                 "size": size})
    return [sha256 for sha256, _ in found]


def adopt_orphan_manifests(ctx: Context, store: FootageStore) -> list[str]:
    """Record the manifests that offloads killed between writing them and committing their
    session left in the store (evidence.verify.orphan_manifests), each hashed now, with the
    ledger saying so ("offload.manifests_recovered"). Returns the sessions recorded. The
    session stays "interrupted": its counts were never committed, and a manifest is not
    taken as the word of a record that was never written."""
    orphans = orphan_manifests(ctx.db, store)
    if not orphans:
        return []
    found: dict[str, dict[str, str]] = {}
    for path, session_id in orphans.items():
        found.setdefault(session_id, {})[path.name] = sha256_of_file(path)[1]
    adopted = []
    with ctx.write("offload.manifests_recovered") as session:
        for row in session.execute(select(OffloadSession).where(
                OffloadSession.id.in_(sorted(found)),
                OffloadSession.status.in_(("running", "interrupted")),
                OffloadSession.manifest_sha256.is_(None),
                OffloadSession.manifest_json_sha256.is_(None))).scalars():
            hashes = found[row.id]
            row.status = "interrupted"
            row.manifest_sha256 = hashes.get(f"{row.id}{HASHDEEP_SUFFIX}")
            row.manifest_json_sha256 = hashes.get(f"{row.id}{JSON_SUFFIX}")
            adopted.append(row.id)
    return adopted


def officer_id_by_certificate(ctx: Context, number: str) -> str | None:
    """Any certificate, old ones too: a file name may carry a number since renewed."""
    with ctx.read() as session:
        return lookup.officer_id_by_certificate(session, number)


def verified_sightings(ctx: Context, sightings: Sequence[Sighting]) -> dict[Sighting, Verified]:
    """Which of these source files an earlier offload verified, by path, size, time and
    device serial."""
    wanted = {(s.source_path, s.source_size): s for s in sightings}
    found: dict[Sighting, Verified] = {}
    paths = sorted({s.source_path for s in sightings})
    with ctx.read() as session:
        for start in range(0, len(paths), _IN_BATCH):
            rows = session.execute(
                select(FootageSighting.source_path, FootageSighting.source_size,
                       FootageSighting.source_mtime_ns, FootageSighting.device_serial,
                       Footage.id, Footage.sha256, Footage.sm3, Footage.size)
                .join(Footage, Footage.id == FootageSighting.footage_id)
                .where(FootageSighting.source_path.in_(paths[start:start + _IN_BATCH]),
                       FootageSighting.status.in_(VERIFIED_STATUSES)))
            for path, size, mtime_ns, serial, footage_id, sha256, sm3, footage_size in rows:
                sighting = wanted.get((path, size))
                if (sighting is not None and sighting.source_mtime_ns == mtime_ns
                        and sighting.device_serial == serial and footage_size == size):
                    found[sighting] = Verified(footage_id, sha256, sm3, footage_size)
    return found


def _sighting_row(session_id: str, sighting: Sighting, status: str, at: datetime, *,
                  footage_id: str | None = None, error_code: str | None = None,
                  error: str | None = None) -> FootageSighting:
    return FootageSighting(session_id=session_id, footage_id=footage_id,
                           source_path=sighting.source_path, source_size=sighting.source_size,
                           source_mtime_ns=sighting.source_mtime_ns,
                           device_serial=sighting.device_serial, status=status, at=at,
                           error_code=error_code, error=error)


@dataclass(frozen=True)
class ToRecord:
    """One verified file to record: new content (``facts``), or a sighting of content
    already on record (``known``, its footage id)."""

    sighting: Sighting
    facts: FootageFacts | None = None
    known: str | None = None


def record_verified(ctx: Context, session_id: str,
                    items: Sequence[ToRecord]) -> list[tuple[str, str, str]]:
    """Record verified files in one transaction: each file's rows flushed with its own
    ledger entries ("offload.store" or "offload.duplicate"), all committed together (one
    commit, one signed checkpoint for the lot). New content whose bytes are already on
    record becomes another sighting (checked under the write lock, so two offloads of the
    same file at once agree). Returns (status, footage id, sighting id) per item."""
    results = []
    with ctx.write("offload.store") as session:
        for item in items:
            results.append(_record_one(ctx, session, session_id, item))
    return results


def _record_one(ctx: Context, session, session_id: str,  # noqa: ANN001 - a Session
                item: ToRecord) -> tuple[str, str, str]:
    now = ctx.clock.now()
    footage_id = item.known
    if footage_id is None:
        footage_id = session.execute(select(Footage.id).where(
            Footage.sha256 == item.facts.sha256)).scalar_one_or_none()
    if footage_id is not None:
        session.info["action"] = "offload.duplicate"  # read by the ledger at the flush
        row = _sighting_row(session_id, item.sighting, DUPLICATE, now, footage_id=footage_id)
        session.add(row)
        session.flush()
        return DUPLICATE, footage_id, row.id
    session.info["action"] = "offload.store"
    footage = Footage(session_id=session_id, verified_at=now, **item.facts.__dict__)
    session.add(footage)
    session.flush()
    row = _sighting_row(session_id, item.sighting, STORED, now, footage_id=footage.id)
    session.add(row)
    session.flush()
    return STORED, footage.id, row.id


def record_copy(ctx: Context, session_id: str, sighting: Sighting,
                facts: FootageFacts) -> tuple[str, str, str]:
    """Record verified content on its own (see record_verified)."""
    return record_verified(ctx, session_id, [ToRecord(sighting, facts=facts)])[0]


def known_footage(ctx: Context, sha256: str) -> str | None:
    with ctx.read() as session:
        return session.execute(select(Footage.id).where(
            Footage.sha256 == sha256)).scalar_one_or_none()


def record_duplicate(ctx: Context, session_id: str, sighting: Sighting,
                     footage_id: str) -> str:
    return record_verified(ctx, session_id, [ToRecord(sighting, known=footage_id)])[0][2]


def record_resumed(ctx: Context, session_id: str,
                   items: Sequence[tuple[Sighting, Verified]]) -> dict[Sighting, str]:
    """Files an earlier offload verified, skipped without reading: one transaction."""
    if not items:
        return {}
    now = ctx.clock.now()
    ids = {}
    with ctx.write("offload.resume") as session:
        for sighting, verified in items:
            row = _sighting_row(session_id, sighting, RESUMED, now,
                                footage_id=verified.footage_id)
            session.add(row)
            session.flush()
            ids[sighting] = row.id
    return ids


def record_failure(ctx: Context, session_id: str, sighting: Sighting, code: str,
                   message: str) -> None:
    with ctx.write("offload.fail") as session:
        session.add(_sighting_row(session_id, sighting, FAILED, ctx.clock.now(),
                                  error_code=code, error=message))


def erase_source(ctx: Context, sighting_id: str, remove) -> None:  # noqa: ANN001
    """Erase a verified file from the device, audited. ``remove()`` runs inside the
    transaction: if it fails nothing is recorded; the record commits right after it."""
    with ctx.write("offload.erase_source") as session:
        row = session.get(FootageSighting, sighting_id)
        row.source_erased_at = ctx.clock.now()
        session.flush()
        remove()


def finish_session(ctx: Context, session_id: str, *, status: str, files_total: int,
                   files_stored: int, files_duplicate: int, files_failed: int,
                   bytes_copied: int, duration_ms: int, manifest_sha256: str | None,
                   manifest_json_sha256: str | None, clock=None) -> None:  # noqa: ANN001
    """``clock``: the clock_check verdict, recorded with the rest (and so in the ledger)."""
    with ctx.write("offload.finish") as session:
        row = session.get(OffloadSession, session_id)
        row.status = status
        row.finished_at = ctx.clock.now()
        row.files_total, row.files_stored = files_total, files_stored
        row.files_duplicate, row.files_failed = files_duplicate, files_failed
        row.bytes_copied, row.duration_ms = bytes_copied, duration_ms
        row.manifest_sha256, row.manifest_json_sha256 = manifest_sha256, manifest_json_sha256
        if clock is not None:
            row.clock_check, row.clock_offset_s = clock.status, clock.offset_s
            row.clock_allowance_s, row.clock_checked_since = clock.allowance_s, clock.checked_since
