"""Recordings cut off by a crash (kill -9, a power cut), found and stored on the next start.

`lawdesk capture recover` runs this, and the window runs it when it starts. A recording in
the capture area whose lock nobody holds is dead (capture.audio writes ``capture-<id>.wav``,
its journal and its lock): its WAV is repaired (capture.wav_writer.repair: the header set to
every whole frame on disk, which is at least everything up to the last flush), and stored
through capture.storing like any capture, attributed to whoever recorded it, for the case
and step its journal names, with the markers and pauses the journal kept; the Capture row
says ``recovered`` and its ledger entry is "capture.recover" (with what the header said
and what was found). A case closed or gone meanwhile: stored without the link, and the
record says which case it was. Dead staging runs are dealt with as an offload does first.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from audit.recorder import record as ledger_record
from core.clock import parse_iso_utc
from core.context import Context
from core.errors import DomainError
from core.permissions import Permission, require
from capture.storing import PREFIX, CaptureRecord, capture_area, store_capture
from capture.wav_writer import Journal, markers_and_pauses, read_header, repair
from db.models import User
from devices.offload import records
from evidence.locks import try_lock

EMPTY_ACTION = "capture.recover_empty"


@dataclass(frozen=True)
class Recovered:
    capture_id: str
    record: CaptureRecord | None     # None: nothing to store (empty), or it failed
    header_bytes: int                # what the cut-off header counted
    data_bytes: int                  # what was found on disk (whole frames)
    error: str | None = None

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"capture_id": self.capture_id, "header_bytes": self.header_bytes,
                "data_bytes": self.data_bytes, "error": self.error,
                "record": self.record.as_json() if self.record else None}


def recover_captures(workspace, ctx: Context, *, progress=None) -> list[Recovered]:  # noqa: ANN001
    """Repair and store every dead recording of the capture area; live ones are left."""
    require(ctx.actor, Permission.INGEST_FOOTAGE)
    store = workspace.store
    area = capture_area(store)
    leftovers = store.dead_run_journals()
    records.account_for_leftovers(ctx, store, leftovers)
    records.close_interrupted(ctx, leftovers)  # before the folders go (offload does too)
    store.clean_staging(leftovers)
    records.adopt_orphan_manifests(ctx, store)
    found = []
    for journal in sorted(area.glob(f"{PREFIX}*.jsonl")):
        lock = try_lock(journal.with_suffix(".lock"))
        if lock is None:
            continue  # still recording
        try:
            found.append(_recover_one(workspace, ctx, journal, progress))
        finally:
            lock.release()
    return found


def _recover_one(workspace, ctx: Context, journal: Path, progress) -> Recovered:  # noqa: ANN001
    wav = journal.with_suffix(".wav")
    entries = Journal.read(journal)
    meta = entries[0] if entries and entries[0].get("event") == "meta" else {}
    capture_id = meta.get("id") or journal.stem.removeprefix(PREFIX)
    rate, channels = int(meta.get("samplerate") or 0), int(meta.get("channels") or 1)
    if not wav.exists() or not rate:
        _record_empty(ctx, capture_id, meta, 0, "no recording file")
        _remove(journal, journal.with_suffix(".lock"), wav)
        return Recovered(capture_id, None, 0, 0, "no recording file")
    header = read_header(wav)
    if header is not None:
        rate, channels = header[0], header[1]
    said, data = repair(wav, samplerate=rate, channels=channels)
    if data == 0:
        _record_empty(ctx, capture_id, meta, said, "no audio")
        _remove(journal, journal.with_suffix(".lock"), wav)
        return Recovered(capture_id, None, said, 0, "no audio")
    duration = data / (rate * channels * 2)
    markers, pauses = markers_and_pauses(entries, duration)
    stops = [e for e in entries if e.get("event") == "stop"]
    started = parse_iso_utc(meta["started_at"]) if meta.get("started_at") else ctx.clock.now()
    ended = parse_iso_utc(stops[-1]["at"]) if stops else _last_instant(entries, started,
                                                                        duration)
    extra = {"samplerate": rate, "channels": channels, "header_bytes": said,
             "recovered_bytes": data, "ended_by": "recovered"}
    try:
        stored = store_recovered(workspace, wav, ctx, meta, extra=extra, kind="audio",
                                 started_at=started, ended_at=ended, duration_s=duration,
                                 markers=markers, pauses=pauses, progress=progress)
    except DomainError as error:
        return Recovered(capture_id, None, said, data, error.message("zh_CN"))
    _remove(journal, journal.with_suffix(".lock"))
    return Recovered(capture_id, stored, said, data)


def _last_instant(entries: list[dict], started, duration: float):  # noqa: ANN001, ANN202
    """No stop in the journal: the start plus the audio and any pauses before the cut."""
    from datetime import timedelta
    paused = 0.0
    for entry in entries:
        if entry.get("event") == "pause":
            since = parse_iso_utc(entry["at"])
        elif entry.get("event") == "resume":
            paused += (parse_iso_utc(entry["at"]) - since).total_seconds()
    return started + timedelta(seconds=duration + paused)


def store_recovered(workspace, path: Path, ctx: Context, meta: dict, *, extra: dict,  # noqa: ANN001
                    **kwargs) -> CaptureRecord:
    """``store_capture`` for a recording or clip a crash left behind (``meta``: what was
    written down when it started), attributed to whoever recorded it. A case closed or
    gone meanwhile: stored all the same, unlinked, and the record says which case."""
    user = meta.get("user") or ctx.actor.username
    with ctx.read() as session:
        officer = session.execute(select(User.officer_id).where(
            User.username == user)).scalar_one_or_none()
    kwargs.update(input_device=meta.get("input_device") or "?", ctx=ctx, recovered=True,
                  captured_by=(user, officer))
    case = meta.get("case")
    try:
        return store_capture(workspace, path, case_id=case, step=meta.get("step"),
                             extra=extra, **kwargs)
    except DomainError as error:
        if not case or error.code not in ("case_closed", "not_found"):
            raise
        extra["case_not_linked"] = {"case": case, "reason": error.message("en")}
        return store_capture(workspace, path, case_id=None, step=None, extra=extra, **kwargs)


def _record_empty(ctx: Context, capture_id: str, meta: dict, said: int, why: str) -> None:
    """A recording that died before any audio reached the disk: nothing to store, but the
    ledger says it was found and what it was for."""
    with ctx.write(EMPTY_ACTION) as session:
        ledger_record(session, action=EMPTY_ACTION, object_type="capture",
                      object_id=capture_id,
                      change={"case": meta.get("case"), "step": meta.get("step"),
                              "user": meta.get("user"), "header_bytes": said,
                              "reason": why})


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
