"""Offloading a recorder's volume into the store: the long work behind `lawdesk ingest` and
the desktop's Offload view.

Four stages run side by side, each on files the stage before it has finished with: the
calling thread copies (one read of the device feeding SHA-256, SM3 and the staging file at
once, through the copier's long-lived lanes, while the copier flushes and reads the staging
file back behind the writer, as the setting ``footage.readback`` says; see copier); a second
thread seals each copied file (waits for its fsync and read-back, compares the hashes), so
file N is sealed while file N+1 is copied; a third links sealed files into the store; a
fourth has new content probed (opencv, in a process of its own, on the read-only store
copy) and records the files as verified, each with its ledger entries, whatever is waiting
in one transaction. Nothing is recorded as verified before its read-back matched. The
queues between the stages are short, so memory stays at a few chunks and a few files'
metadata whatever the card holds.

A full disk ends the copying; any other fault ends only its own file. Files an earlier
offload verified (same path, size, modification time and device) are skipped without
reading, once their content is found in the store.
"""
from __future__ import annotations

import queue
import re
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Sequence

from sqlalchemy.exc import SQLAlchemyError

from config.settings import get_setting
from core import failpoints
from core.context import Context
from core.errors import DomainError, InvalidInput
from core.jobs import CancelToken, Cancelled, Progress, no_progress
from core.permissions import Permission, require
from devices.offload import clock_check, records
from devices.offload.copier import Copied, Copier, Staged
from devices.offload.errors import (
    DeviceGone, Interrupted, NotAttempted, SourceNotFound, StoreFull,
    StoreWriteError, write_error,
)
from devices.offload.fileio import FileSystem
from devices.offload.probe import Probe, kind_of
from devices.offload.probe_worker import WORKER_KINDS, ProbeWorker
from devices.offload.profiles import (
    NameInfo, RecorderProfile, load_profiles, read_name, recognise,
)
from devices.offload.progress import DEVICE_FAILURES, UNREADABLE, Reporter
from devices.offload.readahead import ReadAhead
from devices.offload.results import (
    DUPLICATE, FAILED, RESUMED, STORED, FileOutcome, OffloadResult,
)
from devices.offload.scan import SourceEntry, printable, scan_volume
from evidence.manifest import (
    HASHDEEP_SUFFIX, JSON_SUFFIX, ManifestEntry, hashdeep_text, json_manifest,
)
from evidence.store import FootageStore, StagingRun
from organisation.lookup import certificate_not_found

SERIAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")
# Files copied whose read-back the sealing stage has still to collect: the copier's own
# queues already keep its read-back at most a few rounds behind the copying.
SEAL_BACKLOG = 8
# Files stored and waiting to be probed and recorded: a few hundred bytes each, so the
# copying never waits on the database or opencv unless they fall this far behind.
RECORD_BACKLOG = 64
RECORD_BATCH = 32  # most files recorded in one transaction


@dataclass(frozen=True)
class _Plan:
    index: int                    # 1-based
    entry: SourceEntry
    name: NameInfo | None
    serial: str | None

    @property
    def sighting(self) -> records.Sighting:
        return records.Sighting(self.entry.relative, self.entry.size, self.entry.mtime_ns,
                                self.serial)


def _source_root(source_dir: Path | str) -> Path:
    root = Path(source_dir).expanduser()
    if not root.is_dir():
        raise SourceNotFound(path=root)
    return root.resolve()


def _clean_serial(serial: str | None) -> str | None:
    if serial is None:
        return None
    serial = serial.strip()
    if not SERIAL.match(serial):
        raise InvalidInput("设备编号须为 1 至 60 个字母、数字或 . _ -",
                           "a device serial has 1 to 60 letters, digits, '.', '_' or '-'")
    return serial


def offload(ctx: Context, store: FootageStore, source_dir: Path | str, *,
            device_serial: str | None = None, officer_certificate: str | None = None,
            progress: Progress = no_progress, cancel: CancelToken | None = None,
            fs: FileSystem | None = None,
            profiles: Sequence[RecorderProfile] | None = None,
            readahead: ReadAhead | None = None) -> OffloadResult:
    """Copy every media file of ``source_dir`` into ``store``, verified, and record it.

    ``device_serial`` names the device when neither its file names nor an id file do;
    ``officer_certificate`` names the officer for files whose name and custody do not.
    Cancelling ends the offload after the file in hand (its copy is discarded); the result
    says ``cancelled`` and lists the files done so far. Raises only for a refusal before
    any copying starts (permission, a missing folder, an unknown certificate number).
    ``readahead``: the entry point's reading of the same volume, started before LawDesk
    loaded (see readahead); told what this offload reads, it keeps a little ahead of it."""
    require(ctx.actor, Permission.INGEST_FOOTAGE)
    root = _source_root(source_dir)
    serial_given = _clean_serial(device_serial)
    given_officer = None
    if officer_certificate:
        given_officer = records.officer_id_by_certificate(ctx, officer_certificate)
        if given_officer is None:
            raise certificate_not_found(officer_certificate)
    all_profiles = tuple(profiles or load_profiles())
    recognition = recognise(root, all_profiles)
    scan = scan_volume(root, recognition.profile)
    volume_serial = serial_given or recognition.device_serial
    plans = []
    for index, entry in enumerate(scan.files, start=1):
        name = read_name(entry.name, recognition.profile, all_profiles)
        serial = (name.serial if name and name.serial else None) or volume_serial
        plans.append(_Plan(index, entry, name, serial))
    serials = {p.serial for p in plans}
    session_serial = volume_serial or (serials.pop() if len(serials) == 1 else None)

    started = time.monotonic()
    run = store.begin_run()
    try:
        # What dead runs stored without recording it goes into the ledger, and their
        # sessions are closed, before their folders (and journals) go: killed in between,
        # the next run finds the folders again. (Closed after the folders went, a kill in
        # between left a session "running" for ever: test_offload_kill caught it.)
        leftovers = store.dead_run_journals()
        records.account_for_leftovers(ctx, store, leftovers)
        records.close_interrupted(ctx, leftovers)
        store.clean_staging(leftovers)
        # Before this session opens: a session of its own is never an orphan.
        records.adopt_orphan_manifests(ctx, store)
        records.open_session(ctx, run.id, source_root=str(root),
                             profile=recognition.profile.name, device_serial=session_serial,
                             officer_id=given_officer)
        job = _Offload(ctx, store, run, fs or FileSystem(), root, plans,
                       cancel or CancelToken(), progress, given_officer,
                       sm3=bool(get_setting(ctx.db, "footage.sm3")),
                       erase=bool(get_setting(ctx.db, "footage.erase_after_offload")),
                       readback=get_setting(ctx.db, "footage.readback"),
                       readahead=readahead)
        try:
            outcomes = job.run()
        except BaseException:
            records.close_interrupted(ctx, [run.id])  # not left "running" for ever
            raise
        seconds = time.monotonic() - started
        manifest, manifest_json, clock = _finish(ctx, store, run, root, recognition.profile.name,
                                          session_serial, outcomes, job, seconds)
    finally:
        run.close()
    return OffloadResult(
        session_id=run.id, source_root=root, profile=recognition.profile.name,
        recognised=recognition.recognised, device_serial=session_serial,
        files=tuple(outcomes), bytes_copied=job.bytes_copied, bytes_read=job.bytes_read,
        seconds=seconds, cancelled=job.cancelled, links_skipped=scan.links,
        manifest_path=manifest, manifest_json_path=manifest_json,
        clock=clock.as_json() if clock else None)


def _finish(ctx: Context, store: FootageStore, run: StagingRun, root: Path, profile: str,
            serial: str | None, outcomes: list[FileOutcome], job: "_Offload",
            seconds: float) -> tuple[Path, Path, "clock_check.ClockVerdict | None"]:
    entries = [ManifestEntry(o.source, o.size, o.mtime_ns, o.sha256, o.sm3, o.status,
                             o.error_text("en")) for o in outcomes]
    counts = {s: sum(1 for o in outcomes if o.status == s)
              for s in (STORED, DUPLICATE, RESUMED, FAILED)}
    status = "cancelled" if job.cancelled else "finished"
    clock = clock_check.judge(ctx, run.id, serial)
    session_info = {
        "id": run.id, "workstation": _workstation(ctx), "source_root": str(root),
        "profile": profile, "device_serial": serial, "offloaded_by": ctx.actor.username,
        "officer_id": job.given_officer, "status": status,
        "finished_at": ctx.clock.now().astimezone(timezone.utc).isoformat(),
        "files": len(outcomes), "bytes_copied": job.bytes_copied,
        "seconds": round(seconds, 3), "counts": counts,
        "clock": clock.as_json() if clock else None,
    }
    text_path, text_hash = store.write_manifest(
        run, run.id, HASHDEEP_SUFFIX, hashdeep_text(entries, source_root=str(root)),
        readback=job.readback)
    json_path, json_hash = store.write_manifest(
        run, run.id, JSON_SUFFIX, json_manifest(entries, session=session_info),
        readback=job.readback)
    # Killed here, the manifests are in the store and no record names them yet: `verify`
    # notes them as this interrupted session's, and the next offload records them.
    failpoints.reached("offload.manifests_written")
    records.finish_session(
        ctx, run.id, status=status, files_total=len(outcomes), files_stored=counts[STORED],
        files_duplicate=counts[DUPLICATE] + counts[RESUMED], files_failed=counts[FAILED],
        bytes_copied=job.bytes_copied, duration_ms=int(seconds * 1000),
        manifest_sha256=text_hash, manifest_json_sha256=json_hash, clock=clock)
    job.reporter.finish(status)
    return text_path, json_path, clock


def _workstation(ctx: Context) -> str | None:
    from sqlalchemy import select
    from db.models import WorkstationIdentity
    with ctx.read() as session:
        return session.execute(select(WorkstationIdentity.id)).scalars().first()


class _Offload:
    """The state of one offload while it runs (four stages; see the module's text)."""

    def __init__(self, ctx: Context, store: FootageStore, run: StagingRun, fs: FileSystem,
                 root: Path, plans: list[_Plan], cancel: CancelToken, progress: Progress,
                 given_officer: str | None, *, sm3: bool, erase: bool,
                 readback: str, readahead: ReadAhead | None = None) -> None:
        self.ctx, self.store, self.staging, self.fs, self.root = ctx, store, run, fs, root
        self.plans, self.cancel, self.given_officer = plans, cancel, given_officer
        self.sm3, self.erase, self.readback = sm3, erase, readback
        self.readahead = readahead
        self.reporter = Reporter(progress, sum(p.entry.size for p in plans), len(plans))
        self.outcomes: dict[int, FileOutcome] = {}
        self.bytes_copied = self.bytes_read = 0
        self.cancelled = False
        self.disk_full = False
        self._to_seal: queue.Queue = queue.Queue(maxsize=SEAL_BACKLOG)
        self._to_install: queue.Queue = queue.Queue(maxsize=2)
        self._to_record: queue.Queue = queue.Queue(maxsize=RECORD_BACKLOG)
        self._crash: BaseException | None = None
        self._officers: dict[str, str | None] = {}
        self._unregistered: set[str] = set()

    # ------------------------------------------------------------------ driving
    def run(self) -> list[FileOutcome]:
        pending = self._resume()
        if self.readahead is not None:
            self.readahead.expect(plan.entry.relative for plan in pending)
        copier = Copier(self.fs, sm3=self.sm3, readback=self.readback)
        workers = [
            threading.Thread(target=self._stage, name="lawdesk-offload-seal", daemon=True,
                             args=(self._to_seal, lambda plan, staged: self._seal(
                                 copier, plan, staged), self._to_install)),
            threading.Thread(target=self._stage, name="lawdesk-offload-install", daemon=True,
                             args=(self._to_install, self._install, self._to_record)),
            threading.Thread(target=self._records, name="lawdesk-offload-record",
                             daemon=True, args=(pending,)),
        ]
        for worker in workers:
            worker.start()
        try:
            for plan in pending:
                if self._crash is not None:
                    break
                if self.cancel.cancelled:
                    self.cancelled = True
                    break
                if self.disk_full:
                    self._fail(plan, NotAttempted(path=plan.entry.relative))
                    continue
                staged = self._copy(copier, plan)
                if staged is not None:
                    self._to_seal.put((plan, staged))
        finally:
            self._to_seal.put(None)
            for worker in workers:
                worker.join()
            copier.close()
        if self._crash is not None:
            raise self._crash
        return [self.outcomes[i] for i in sorted(self.outcomes)]

    def _resume(self) -> list[_Plan]:
        """Skip files an earlier offload verified whose content is still in the store."""
        verified = records.verified_sightings(self.ctx, [p.sighting for p in self.plans])
        done, pending = [], []
        for plan in self.plans:
            hit = verified.get(plan.sighting)
            if hit is not None and self.store.has(hit.sha256, hit.size):
                done.append((plan, hit))
            else:
                pending.append(plan)
        ids = records.record_resumed(self.ctx, self.staging.id,
                                     [(p.sighting, hit) for p, hit in done])
        for plan, hit in done:
            outcome = FileOutcome(plan.entry.relative, plan.entry.size, RESUMED, hit.sha256,
                                  hit.sm3, self.store.path_for(hit.sha256), hit.footage_id,
                                  mtime_ns=plan.entry.mtime_ns)
            outcome = self._maybe_erase(plan, outcome, ids[plan.sighting], plan.entry.size,
                                        plan.entry.mtime_ns)
            self.outcomes[plan.index] = outcome
            self.reporter.advance(plan.entry.size)
            self._report(plan, RESUMED, plan.entry.size)
        return pending

    # ------------------------------------------------------------------ copying
    def _copy(self, copier: Copier, plan: _Plan) -> Staged | None:
        entry = plan.entry
        seen = [0]

        def on_bytes(total: int) -> None:
            self.reporter.advance(total - seen[0])
            seen[0] = total
            if self.readahead is not None:
                self.readahead.consumed(entry.relative, total)
            self.reporter.file("copy", plan.index, total, entry.size, entry.relative)

        self._report(plan, "copy", 0)
        try:
            staged = copier.copy(entry, self.staging.new_path(), cancel=self.cancel,
                                 on_bytes=on_bytes)
        except Cancelled:
            self.cancelled = True
            self._fail(plan, Interrupted(path=entry.relative))
            return None
        except DomainError as error:
            self.reporter.advance(max(0, entry.size - seen[0]))
            if isinstance(error, StoreFull):
                self.disk_full = True
            self._fail(plan, self._device_gone(plan) or error)
            return None
        except OSError as error:  # the store's side (its staging folder): not the device's
            self.reporter.advance(max(0, entry.size - seen[0]))
            failure = write_error(entry.relative, error)
            self.disk_full = self.disk_full or isinstance(failure, StoreFull)
            self._fail(plan, failure)
            return None
        finally:
            if self.readahead is not None:  # done with the file, whatever came of it
                self.readahead.consumed(entry.relative, entry.size)
        self.reporter.advance(max(0, entry.size - seen[0]))
        self.bytes_read += staged.size
        return staged

    def _device_gone(self, plan: _Plan) -> DomainError | None:
        if self.root.exists():
            return None
        return DeviceGone(path=plan.entry.relative)

    # ---------------------------------------------------------------- finishing
    def _stage(self, inbox: queue.Queue, work, outbox: queue.Queue | None) -> None:  # noqa: ANN001
        """Run ``work`` on each item until the end marker, which goes on down the line."""
        while True:
            item = inbox.get()
            if item is None:
                if outbox is not None:
                    outbox.put(None)
                return
            file = item[1]
            done = False
            try:
                if self._crash is None:
                    work(*item)
                    done = True
            except BaseException as error:  # noqa: BLE001 - a bug: stop, raise it in run()
                self._crash = error
            finally:
                if isinstance(file, Staged):
                    if not done:  # sealed, it went on to be installed; else it goes
                        file.discard()
                else:
                    _drop(file.staging)  # gone already unless something failed

    def _seal(self, copier: Copier, plan: _Plan, staged: Staged) -> None:
        """Wait for the staging file's fsync and read-back (while the next file is being
        copied); only a copy that read back exactly as hashed goes on to the store."""
        try:
            copied = copier.seal(staged)
        except DomainError as error:  # the staging file is gone already
            self.disk_full = self.disk_full or isinstance(error, StoreFull)
            self._fail(plan, error)
            return
        self._to_install.put((plan, copied))

    def _install(self, plan: _Plan, copied: Copied) -> None:
        """Link the verified staging file into the store; content the store already holds
        on record is not linked again (its staging copy is dropped)."""
        try:
            known = records.known_footage(self.ctx, copied.sha256)
            if known is not None and self.store.has(copied.sha256, copied.size):
                self._to_record.put((plan, copied, known))
                return
            self.store.install(copied.staging, copied.sha256, run=self.staging)
            failpoints.reached("offload.content_linked")  # in the store, not recorded
        except Exception as error:  # noqa: BLE001 - sorted out by _failed
            self._failed(plan, error)
            return
        self._to_record.put((plan, copied, None))

    def _records(self, pending: list[_Plan]) -> None:
        """The last stage: whatever stored files are waiting are recorded together (one
        transaction; see _record), so a database commit and its signed checkpoint are paid
        per batch, not per file, whenever the copying runs ahead."""
        with ProbeWorker() as prober:
            if any(kind_of(plan.entry.name) in WORKER_KINDS for plan in pending):
                prober.start()  # its imports overlap the first file's copy
            end = False
            while not end:
                batch, end = self._next_batch()
                try:
                    if batch and self._crash is None:
                        self._record(batch, prober)
                except BaseException as error:  # noqa: BLE001 - a bug: raise it in run()
                    self._crash = error
                finally:
                    for _, copied, _ in batch:
                        _drop(copied.staging)  # gone already (linked, or dropped)

    def _next_batch(self) -> tuple[list[tuple[_Plan, Copied, str | None]], bool]:
        """Wait for a stored file, then take whatever else is waiting (up to RECORD_BATCH);
        and whether the end marker came with them."""
        item = self._to_record.get()
        batch, end = [], item is None
        if not end:
            batch.append(item)
        while not end and len(batch) < RECORD_BATCH:
            try:
                item = self._to_record.get_nowait()
            except queue.Empty:
                break
            if item is None:
                end = True
            else:
                batch.append(item)
        return batch, end

    def _record(self, batch: list[tuple[_Plan, Copied, str | None]],
                prober: ProbeWorker) -> None:
        """Probe new content (opencv in its own process, on the store's read-only copy; see
        probe_worker) and store its thumbnail, then record the batch as verified. Should the
        batch's transaction fail, each file is recorded on its own, so only the file at fault
        fails."""
        ready = []
        for plan, copied, known in batch:
            try:
                if known is not None:
                    ready.append((plan, copied, records.ToRecord(plan.sighting, known=known)))
                    continue
                found = prober.probe(self.store.path_for(copied.sha256), plan.entry.name)
                thumbnail = (self.store.put_bytes(self.staging, found.thumbnail_jpeg,
                                                  readback=self.readback).sha256
                             if found.thumbnail_jpeg else None)
                facts = self._facts(plan, copied, found, thumbnail)
                ready.append((plan, copied, records.ToRecord(plan.sighting, facts=facts)))
            except Exception as error:  # noqa: BLE001 - sorted out by _failed
                self._failed(plan, error)
        if not ready:
            return
        try:
            done = records.record_verified(self.ctx, self.staging.id,
                                           [item for _, _, item in ready])
        except Exception as error:  # noqa: BLE001 - sorted out one by one below
            if len(ready) == 1:
                self._failed(ready[0][0], error)
                return
            done = []
            for _, _, item in ready:
                try:
                    done.extend(records.record_verified(self.ctx, self.staging.id, [item]))
                except Exception as one:  # noqa: BLE001 - sorted out by _failed below
                    done.append(one)
        for (plan, copied, _), result in zip(ready, done, strict=True):
            if isinstance(result, Exception):
                self._failed(plan, result)
            else:
                self._recorded(plan, copied, *result)

    def _recorded(self, plan: _Plan, copied: Copied, status: str, footage_id: str,
                  sighting_id: str) -> None:
        if status == STORED:
            self.bytes_copied += copied.size
        outcome = FileOutcome(plan.entry.relative, copied.size, status, copied.sha256,
                              copied.sm3, self.store.path_for(copied.sha256), footage_id,
                              mtime_ns=copied.mtime_ns)
        self.outcomes[plan.index] = self._maybe_erase(plan, outcome, sighting_id, copied.size,
                                                      copied.mtime_ns)
        self._report(plan, status, copied.size)

    def _failed(self, plan: _Plan, error: Exception) -> None:
        """A file's failure after its copy: a user's error, or a bug raised again."""
        relative = plan.entry.relative
        if isinstance(error, DomainError):
            self._fail(plan, error)
        elif isinstance(error, OSError):
            failure = write_error(relative, error)
            self.disk_full = self.disk_full or isinstance(failure, StoreFull)
            self._fail(plan, failure)
        elif isinstance(error, SQLAlchemyError):
            self._fail(plan, StoreWriteError(path=relative, detail=str(error)))
        else:
            raise error

    # ---------------------------------------------------------------- metadata
    def _facts(self, plan: _Plan, copied: Copied, found: Probe,
               thumbnail: str | None) -> records.FootageFacts:
        name = plan.name
        if name is not None and name.start is not None:
            recorded_at, recorded_source = name.start, "file_name"
        else:
            # Recorders stamp a file when they close it: the start is that less its length.
            end = datetime.fromtimestamp(copied.mtime_ns / 1e9, timezone.utc)
            recorded_at = end - timedelta(seconds=found.duration_s or 0)
            recorded_source = "file_time"
        officer_id, officer_source = self._officer(plan, recorded_at)
        return records.FootageFacts(
            sha256=copied.sha256, sm3=copied.sm3, size=copied.size, kind=found.kind,
            original_name=printable(plan.entry.name)[:255], device_serial=plan.serial,
            officer_id=officer_id, officer_number=name.officer if name else None,
            officer_source=officer_source, recorded_at=recorded_at,
            recorded_at_source=recorded_source, duration_s=found.duration_s,
            width=found.width, height=found.height, fps=found.fps, codec=found.codec,
            readable=found.readable, thumbnail_sha256=thumbnail,
            important=bool((name and name.important) or plan.entry.in_important_folder))

    def _officer(self, plan: _Plan, recorded_at: datetime) -> tuple[str | None, str | None]:
        """The file name's officer number; else who held the device then (custody); else
        the officer named by the person offloading; else that person's own officer."""
        number = plan.name.officer if plan.name else None
        if number:
            if number not in self._officers:
                self._officers[number] = records.officer_id_by_certificate(self.ctx, number)
            if self._officers[number]:
                return self._officers[number], "file_name"
        if plan.serial and plan.serial not in self._unregistered:
            holder = _holder_at(self.ctx, plan.serial, recorded_at)
            if holder is _UNREGISTERED:
                self._unregistered.add(plan.serial)  # asked once per offload, not per file
            elif holder:
                return holder, "custody"
        if self.given_officer:
            return self.given_officer, "given"
        if self.ctx.actor.officer_id:
            return self.ctx.actor.officer_id, "offloader"
        return None, None

    # ------------------------------------------------------------------ helpers
    def _maybe_erase(self, plan: _Plan, outcome: FileOutcome, sighting_id: str, size: int,
                     mtime_ns: int) -> FileOutcome:
        """Under the admin setting only: erase a verified file from the device, if it is
        still exactly what was verified, and audit the erase."""
        if not self.erase:
            return outcome
        try:
            now = self.fs.lstat(plan.entry.path)
            if now.st_size != size or now.st_mtime_ns != mtime_ns:
                return outcome
            records.erase_source(self.ctx, sighting_id,
                                 lambda: self.fs.remove_source(plan.entry.path))
        except (OSError, SQLAlchemyError, DomainError):
            return outcome  # left on the device; the footage itself is safe in the store
        return replace(outcome, erased=True)

    def _fail(self, plan: _Plan, error: DomainError) -> FileOutcome:
        outcome = FileOutcome(plan.entry.relative, plan.entry.size, FAILED, error=error,
                              mtime_ns=plan.entry.mtime_ns)
        try:
            records.record_failure(self.ctx, self.staging.id, plan.sighting, error.code,
                                   error.message("zh_CN"))
        except SQLAlchemyError:
            pass  # the failure is still reported; the database may be what failed
        self.outcomes[plan.index] = outcome
        self._report(plan, UNREADABLE if error.code in DEVICE_FAILURES else FAILED, 0)
        return outcome

    def _report(self, plan: _Plan, phase: str, done: int) -> None:
        self.reporter.file(phase, plan.index, done, plan.entry.size, plan.entry.relative,
                           force=True)


_UNREGISTERED = object()


def _holder_at(ctx: Context, serial: str, instant: datetime) -> object:
    """The officer id custody says held ``serial`` at ``instant`` (devices.holder), None
    when nobody did, or _UNREGISTERED for a device the registry does not know."""
    try:
        from devices.holder import holder_at
    except ImportError:
        return _UNREGISTERED
    try:
        holder = holder_at(ctx, serial, instant)
    except DomainError:
        return _UNREGISTERED  # not in the registry: nobody is known to have held it
    return getattr(holder, "officer_id", None) if holder else None


def _drop(path: Path) -> None:
    """Remove a staging name. Never chmod it first: after a link it shares its inode with
    the read-only store file."""
    try:
        path.unlink()
    except OSError:
        pass
