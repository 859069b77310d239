"""Storing a capture: the one pipeline every workstation recording (audio, photo, video)
goes through, and exactly the offload's.

A capture is an offload session of the workstation itself (profile "workstation", device
serial the workstation's id, source the input device): the finished file in the capture area
is copied into a staging run by the offload's copier (one read into SHA-256, SM3 under the
setting, and the staging file; fsynced and read back as ``footage.readback`` says), linked
into the content-addressed store, and recorded in ONE transaction: the Footage row and its
sighting with the ledger entry "offload.store" (as for any offloaded file), the Capture row
(input device, workstation time and zone, markers, pauses, recovered), the evidence link to
the chosen case and step, and the session's end. The session's manifests are written as an
offload's are, so `verify` treats both alike. Only after the commit is the capture area's
copy removed; killed before, the next `capture recover` stores it again (the same bytes are
then found on record and nothing is stored twice).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select

from casework.hooks import EVIDENCE_CHANGED, call_hooks
from config.settings import get_setting
from core import failpoints
from core.context import Context
from core.errors import InvalidInput
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from capture.errors import CaptureFileMissing
from db.models import (
    Capture, EvidenceLink, Footage, FootageSighting, OffloadSession, WorkstationIdentity,
)
from devices.offload import records
from devices.offload.copier import copy_to_staging
from devices.offload.fileio import FileSystem
from devices.offload.results import STORED
from devices.offload.scan import SourceEntry
from evidence.manifest import (
    HASHDEEP_SUFFIX, JSON_SUFFIX, ManifestEntry, hashdeep_text, json_manifest,
)

KINDS = ("audio", "photo", "video")
PROFILE = "workstation"
PREFIX = "capture-"           # the capture area's files: capture-<id>.wav, .jsonl, .lock
STORE_ACTION = "offload.store"  # the same ledger entry kind as offloaded footage
CAPTURE_ACTION = "capture.store"
RECOVER_ACTION = "capture.recover"   # a recording cut off by a crash, repaired and stored
COMPRESS_ACTION = "capture.compress"  # a compressed copy stored beside the original


def capture_area(store) -> Path:  # noqa: ANN001 - evidence.store.FootageStore
    """Where recordings are written while they record: the store's staging folder, as
    loose files named ``capture-…`` (PREFIX). Same disk as the store, never looked at by
    `verify`; and an offload's cleaning of dead staging runs removes run *folders* only, so
    a recording cut off by a crash waits there for `capture recover`."""
    area = Path(store.staging_dir)
    area.mkdir(parents=True, exist_ok=True)
    return area


@dataclass(frozen=True)
class CaptureRecord:
    """A capture as stored: what `capture audio --json` prints."""

    sha256: str
    sm3: str | None
    size: int
    duration_seconds: float | None
    path: Path
    footage_id: str
    capture_id: str
    session_id: str
    kind: str
    case_id: str | None          # the case's number, as the clerk chose it
    step: str | None             # the step's code
    input_device: str
    workstation_id: str
    captured_by: str
    officer_id: str | None
    recorded_at: datetime        # the start, UTC
    ended_at: datetime
    timezone: str                # the workstation's zone then, e.g. Asia/Shanghai
    utc_offset_min: int
    markers: tuple[dict, ...] = ()
    pauses: tuple[dict, ...] = ()
    recovered: bool = False
    extra: dict = field(default_factory=dict)
    compressed_sha256: str | None = None   # the FLAC copy beside it, if any

    def as_json(self) -> dict[str, Any]:
        zone = _zone(self.timezone, self.utc_offset_min)
        return {
            "sha256": self.sha256, "sm3": self.sm3, "size": self.size,
            "duration_seconds": (round(self.duration_seconds, 3)
                                 if self.duration_seconds is not None else None),
            "path": str(self.path), "footage_id": self.footage_id,
            "capture_id": self.capture_id, "session_id": self.session_id, "kind": self.kind,
            "case": self.case_id, "step": self.step, "input_device": self.input_device,
            "workstation_id": self.workstation_id,
            "device": f"{self.workstation_id} / {self.input_device}",
            "captured_by": self.captured_by, "officer_id": self.officer_id,
            "recorded_at": self.recorded_at.astimezone(timezone.utc).isoformat(),
            "recorded_at_local": self.recorded_at.astimezone(zone).isoformat(),
            "ended_at": self.ended_at.astimezone(timezone.utc).isoformat(),
            "timezone": self.timezone, "utc_offset_min": self.utc_offset_min,
            "markers": list(self.markers), "pauses": list(self.pauses),
            "recovered": self.recovered, "extra": self.extra,
            "compressed_sha256": self.compressed_sha256,
        }


def workstation_zone(instant: datetime) -> tuple[str, int]:
    """The zone the workstation's clock is set to (its name where the system says it, else
    "UTC+08:00") and its offset from UTC at ``instant``, in minutes."""
    local = instant.astimezone()
    offset = int(local.utcoffset().total_seconds() // 60)
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.readlink("/etc/localtime")
            name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
        except OSError:
            name = ""
    if not name:
        sign = "+" if offset >= 0 else "-"
        name = f"UTC{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return name, offset


def store_capture(workspace, staged_path: Path | str, *, kind: str,  # noqa: ANN001, PLR0913
                  case_id: str | None, step: str | None, input_device: str,
                  started_at: datetime, ended_at: datetime, duration_s: float | None,
                  ctx: Context, extra: dict | None = None,
                  markers: list[dict] | tuple = (), pauses: list[dict] | tuple = (),
                  recovered: bool = False, captured_by: tuple[str, str | None] | None = None,
                  progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> CaptureRecord:
    """Store a finished capture file (see the module's text) and return the record.

    ``workspace``: the lawdesk Workspace (its store and workstation id); ``ctx``: who acts
    (the logged-in officer). ``case_id`` is the case's number (or record id) and ``step`` a
    step of its procedure (code or Chinese name; default 调查取证), or both None for a capture
    not yet tied to a case. Refuses before copying anything: no permission, an unknown or
    closed case, an unknown step, a missing or empty file. The file at ``staged_path`` is
    removed once the record is committed. ``captured_by``: (username, officer id) of who
    recorded, when not the one storing (a recovery run by the next user); ``recovered``:
    the file was cut off by a crash and repaired (ledger action "capture.recover")."""
    require(ctx.actor, Permission.INGEST_FOOTAGE)
    if case_id:
        require(ctx.actor, Permission.EDIT_CASES)
    if kind not in KINDS:
        raise InvalidInput(f"录制类型须为 {'、'.join(KINDS)}", f"kind is one of {', '.join(KINDS)}")
    if started_at.tzinfo is None or ended_at.tzinfo is None:
        raise ValueError("capture instants must be timezone-aware")
    source = Path(staged_path)
    try:
        st = source.stat()
    except FileNotFoundError:
        raise CaptureFileMissing(path=source) from None
    if not source.is_file() or st.st_size == 0:
        raise CaptureFileMissing(path=source)
    store = workspace.store
    workstation = _workstation_id(ctx, workspace)
    input_device = (input_device or "").strip()[:200] or "?"
    step_code = check_case_step(ctx, case_id, step) if case_id else None
    # Only a recovery can meet a file already stored (killed between the commit and the
    # file's removal); a fresh capture is not read an extra time for it.
    done = _already_stored(ctx, store, source) if recovered else None
    if done is not None:
        _remove(source)
        return done
    progress = progress or no_progress
    started = time.monotonic()
    zone_name, offset = workstation_zone(started_at)
    run = store.begin_run()
    try:
        entry, copied, readback = _copy_in(ctx, store, run, source, st, workstation,
                                           f"workstation:{input_device}", progress, cancel)
        who, officer = captured_by or (ctx.actor.username, ctx.actor.officer_id)
        facts = records.FootageFacts(
            sha256=copied.sha256, sm3=copied.sm3, size=copied.size, kind=kind,
            original_name=source.name[:255], device_serial=workstation,
            officer_id=officer, officer_number=None,
            officer_source="offloader" if officer else None,
            recorded_at=started_at.astimezone(timezone.utc), recorded_at_source="workstation",
            duration_s=duration_s, width=(extra or {}).get("width"),
            height=(extra or {}).get("height"), fps=(extra or {}).get("fps"),
            codec=(extra or {}).get("codec"), readable=True, thumbnail_sha256=None,
            important=False)
        seconds = time.monotonic() - started
        manifests = _manifests(store, run, ctx, workstation, input_device, entry, copied,
                               readback, seconds)
        record = _record(ctx, run.id, store, facts, entry, workstation, CaptureFacts(
            kind, case_id, step_code, input_device, started_at, ended_at, zone_name, offset,
            duration_s, tuple(markers), tuple(pauses), recovered, dict(extra or {}), who),
            manifests, seconds)
    finally:
        run.close()
    # Killed here, the record is committed and the file still in the capture area: the next
    # `capture recover` finds it on record by its hash and only removes it.
    failpoints.reached("capture.recorded")
    _remove(source)
    progress(st.st_size, st.st_size, source.name)
    return record


def _copy_in(ctx: Context, store, run, source: Path, st: os.stat_result,  # noqa: ANN001
             workstation: str, root: str, progress: Progress,
             cancel: CancelToken | None) -> tuple[SourceEntry, Any, str]:
    """Open the session and copy the file into the store as an offload does (hashed,
    fsynced, read back, linked); a failure closes the session as interrupted."""
    records.open_session(ctx, run.id, source_root=root, profile=PROFILE,
                         device_serial=workstation, officer_id=ctx.actor.officer_id)
    readback = get_setting(ctx.db, "footage.readback")
    entry = SourceEntry(source.name, source, st.st_size, st.st_mtime_ns, False)
    try:
        copied = copy_to_staging(
            FileSystem(), entry, run.new_path(), sm3=bool(get_setting(ctx.db, "footage.sm3")),
            readback=readback, cancel=cancel,
            on_bytes=lambda n: progress(n, st.st_size, source.name))
        store.install(copied.staging, copied.sha256, run=run)
    except BaseException:
        records.close_interrupted(ctx, [run.id])
        raise
    return entry, copied, readback


def store_compressed(workspace, record: CaptureRecord, path: Path, *, ctx: Context,  # noqa: ANN001
                     codec: str) -> str:
    """Store a compressed copy (FLAC) of a stored capture beside it, never instead of it:
    the same pipeline, a Footage row of its own (so `verify` expects it; not linked to the
    case: the original is the evidence), and the Capture row's ``compressed_sha256``, in
    one transaction ("capture.compress"). Returns the copy's SHA-256; ``path`` is removed."""
    require(ctx.actor, Permission.INGEST_FOOTAGE)
    store, st = workspace.store, Path(path).stat()
    workstation = _workstation_id(ctx, workspace)
    started = time.monotonic()
    run = store.begin_run()
    try:
        entry, copied, readback = _copy_in(ctx, store, run, Path(path), st, workstation,
                                           f"workstation:{record.input_device}:{codec}",
                                           no_progress, None)
        seconds = time.monotonic() - started
        manifests = _manifests(store, run, ctx, workstation, record.input_device, entry,
                               copied, readback, seconds)
        now = ctx.clock.now()
        with ctx.write(STORE_ACTION) as session:
            session.info["action"] = STORE_ACTION
            footage = Footage(
                session_id=run.id, verified_at=now, sha256=copied.sha256, sm3=copied.sm3,
                size=copied.size, kind=record.kind, original_name=Path(path).name[:255],
                device_serial=workstation, officer_id=record.officer_id,
                officer_source="offloader" if record.officer_id else None,
                recorded_at=record.recorded_at, recorded_at_source="workstation",
                duration_s=record.duration_seconds, codec=codec, readable=True)
            session.add(footage)
            session.flush()
            session.add(FootageSighting(
                session_id=run.id, footage_id=footage.id, source_path=entry.relative,
                source_size=entry.size, source_mtime_ns=entry.mtime_ns,
                device_serial=workstation, status=STORED, at=now))
            session.info["action"] = COMPRESS_ACTION
            session.get(Capture, record.capture_id).compressed_sha256 = copied.sha256
            _finish_session(session, run.id, now, copied.size, seconds, manifests)
    finally:
        run.close()
    _remove(Path(path))
    return copied.sha256


def _finish_session(session, session_id: str, now: datetime, size: int,  # noqa: ANN001
                    seconds: float, manifests: tuple[str, str]) -> None:
    session.info["action"] = "offload.finish"
    run = session.get(OffloadSession, session_id)
    run.status, run.finished_at = "finished", now
    run.files_total = run.files_stored = 1
    run.bytes_copied, run.duration_ms = size, int(seconds * 1000)
    run.manifest_sha256, run.manifest_json_sha256 = manifests
    session.flush()


@dataclass(frozen=True)
class CaptureFacts:
    kind: str
    case_key: str | None
    step: str | None
    input_device: str
    started_at: datetime
    ended_at: datetime
    zone: str
    offset: int
    duration_s: float | None
    markers: tuple
    pauses: tuple
    recovered: bool
    extra: dict
    captured_by: str


def _record(ctx: Context, session_id: str, store, facts: records.FootageFacts,  # noqa: ANN001
            entry: SourceEntry, workstation: str, cap: CaptureFacts,
            manifests: tuple[str, str], seconds: float) -> CaptureRecord:
    """Footage, sighting, capture, evidence link and the session's end: one transaction."""
    from casework.cases import load_open_case
    now = ctx.clock.now()
    with ctx.write(STORE_ACTION) as session:
        session.info["action"] = STORE_ACTION  # read by the ledger at each flush
        footage = Footage(session_id=session_id, verified_at=now, **facts.__dict__)
        session.add(footage)
        session.flush()
        session.add(FootageSighting(
            session_id=session_id, footage_id=footage.id, source_path=entry.relative,
            source_size=entry.size, source_mtime_ns=entry.mtime_ns, device_serial=workstation,
            status=STORED, at=now))
        session.flush()
        case = load_open_case(session, cap.case_key) if cap.case_key else None
        session.info["action"] = RECOVER_ACTION if cap.recovered else CAPTURE_ACTION
        row = Capture(
            footage_id=footage.id, kind=cap.kind, workstation_id=workstation,
            input_device=cap.input_device, case_id=case.id if case else None, step=cap.step,
            captured_by=cap.captured_by, officer_id=facts.officer_id,
            started_at=cap.started_at, ended_at=cap.ended_at, timezone=cap.zone,
            utc_offset_min=cap.offset, duration_s=cap.duration_s,
            markers=json.dumps(list(cap.markers), ensure_ascii=False) if cap.markers else None,
            pauses=json.dumps(list(cap.pauses), ensure_ascii=False) if cap.pauses else None,
            extra=json.dumps(cap.extra, ensure_ascii=False, sort_keys=True) if cap.extra
            else None, recovered=cap.recovered)
        session.add(row)
        session.flush()
        if case is not None:
            session.info["action"] = "case.link"
            session.add(EvidenceLink(case_id=case.id, sha256=facts.sha256, step=cap.step,
                                     note=_link_note(cap), linked_at=now,
                                     linked_by=ctx.actor.username))
            session.flush()
            call_hooks(session, EVIDENCE_CHANGED, case, ctx.actor.username)
        _finish_session(session, session_id, now, facts.size, seconds, manifests)
        capture_id, footage_id = row.id, footage.id
    return CaptureRecord(
        sha256=facts.sha256, sm3=facts.sm3, size=facts.size, duration_seconds=cap.duration_s,
        path=store.path_for(facts.sha256), footage_id=footage_id, capture_id=capture_id,
        session_id=session_id, kind=cap.kind, case_id=case.number if case else None,
        step=cap.step, input_device=cap.input_device, workstation_id=workstation,
        captured_by=cap.captured_by, officer_id=facts.officer_id,
        recorded_at=cap.started_at, ended_at=cap.ended_at, timezone=cap.zone,
        utc_offset_min=cap.offset, markers=cap.markers, pauses=cap.pauses,
        recovered=cap.recovered, extra=cap.extra)


def _link_note(cap: CaptureFacts) -> str:
    what = {"audio": "录音", "photo": "拍照", "video": "录像"}[cap.kind]
    note = f"工作站{what}（{cap.input_device}）"
    return (note + "，异常中断后恢复" if cap.recovered else note)[:500]


def _manifests(store, run, ctx: Context, workstation: str, input_device: str,  # noqa: ANN001
               entry: SourceEntry, copied, readback: str,  # noqa: ANN001
               seconds: float) -> tuple[str, str]:
    """The session's manifests, as an offload writes them."""
    entries = [ManifestEntry(entry.relative, copied.size, entry.mtime_ns, copied.sha256,
                             copied.sm3, STORED, None)]
    root = f"workstation:{input_device}"
    info = {"id": run.id, "workstation": workstation, "source_root": root,
            "profile": PROFILE, "device_serial": workstation,
            "offloaded_by": ctx.actor.username, "officer_id": ctx.actor.officer_id,
            "status": "finished",
            "finished_at": ctx.clock.now().astimezone(timezone.utc).isoformat(),
            "files": 1, "bytes_copied": copied.size, "seconds": round(seconds, 3),
            "counts": {STORED: 1}, "clock": None}
    _, text_hash = store.write_manifest(run, run.id, HASHDEEP_SUFFIX,
                                        hashdeep_text(entries, source_root=root),
                                        readback=readback)
    _, json_hash = store.write_manifest(run, run.id, JSON_SUFFIX,
                                        json_manifest(entries, session=info), readback=readback)
    return text_hash, json_hash


def check_case_step(ctx: Context, case_key: str, step: str | None) -> str:
    """The step's code for an open case, or the refusal, before anything is copied."""
    from casework.cases import load_case, procedure_of
    from casework.errors import CaseClosed
    with ctx.read() as session:
        case = load_case(session, case_key)
        if case.status == "closed":
            raise CaseClosed(case=case.number, on="-")
        proc = procedure_of(case)
        if step:
            return proc.step(step).code
        codes = [s.code for s in proc.steps]
        return "investigation" if "investigation" in codes else codes[0]


def _workstation_id(ctx: Context, workspace) -> str:  # noqa: ANN001
    if getattr(workspace, "workstation_id", None):
        return workspace.workstation_id
    with ctx.read() as session:
        found = session.execute(select(WorkstationIdentity.id)).scalars().first()
    if not found:
        raise InvalidInput("工作站尚未初始化", "the workstation is not set up")
    return found


def _already_stored(ctx: Context, store, source: Path) -> CaptureRecord | None:  # noqa: ANN001
    """A capture committed but not yet removed from the capture area (killed between the
    two): its record, found by the capture file's content, so it is not stored twice."""
    from evidence.hashing import sha256_of_file
    _, digest = sha256_of_file(source)
    with ctx.read() as session:
        row = session.execute(select(Capture, Footage).join(
            Footage, Footage.id == Capture.footage_id).where(
            Footage.sha256 == digest)).first()
        if row is None:
            return None
        return capture_record(session, store, *row)


def capture_record(session, store, row: Capture, footage: Footage) -> CaptureRecord:  # noqa: ANN001
    """The CaptureRecord of a stored capture (for listings and the recorder's answer)."""
    from db.models import Case
    number = session.get(Case, row.case_id).number if row.case_id else None
    return CaptureRecord(
        sha256=footage.sha256, sm3=footage.sm3, size=footage.size,
        duration_seconds=row.duration_s, path=store.path_for(footage.sha256),
        footage_id=footage.id, capture_id=row.id, session_id=footage.session_id,
        kind=row.kind, case_id=number, step=row.step, input_device=row.input_device,
        workstation_id=row.workstation_id, captured_by=row.captured_by,
        officer_id=row.officer_id, recorded_at=row.started_at, ended_at=row.ended_at,
        timezone=row.timezone, utc_offset_min=row.utc_offset_min,
        markers=tuple(json.loads(row.markers or "[]")),
        pauses=tuple(json.loads(row.pauses or "[]")), recovered=row.recovered,
        extra=json.loads(row.extra or "{}"), compressed_sha256=row.compressed_sha256)


def _zone(name: str, offset_min: int):  # noqa: ANN202
    from datetime import timedelta
    from zoneinfo import ZoneInfo
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return timezone(timedelta(minutes=offset_min))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
