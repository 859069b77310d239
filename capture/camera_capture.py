"""Camera captures as services: a still or a clip, taken, written into the capture area and
stored (capture.storing: hashed, verified, recorded with its ledger entry, linked to the
case) in one go. The CLI calls these with a source to open; the window calls the ``store_*``
halves with the frame or clip its preview already has."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from capture.camera import (
    CLIP_FOURCC, CLIP_SUFFIX, CameraSource, ClipNotWritten, ClipRecorder, capture_path,
    open_camera, record_frames, stage_still, still_extra, still_format,
)
from capture.storing import CaptureRecord, check_case_step, capture_area, store_capture
from core.clock import iso_utc, parse_iso_utc
from core.context import Context
from core.files import atomic_write
from core.errors import InvalidInput
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from evidence.locks import try_lock

MAX_CLIP_SECONDS = 4 * 3600.0


@dataclass(frozen=True)
class StillTaken:
    record: CaptureRecord
    width: int
    height: int

    def as_json(self) -> dict:
        return {**self.record.as_json(), "width": self.width, "height": self.height}


def _check_may_capture(ctx: Context, case: str | None) -> None:
    """Refuse before a device is opened (storing checks again, in its transaction)."""
    require(ctx.actor, Permission.INGEST_FOOTAGE)
    if case:
        require(ctx.actor, Permission.EDIT_CASES)


def store_still(workspace, ctx: Context, frame: np.ndarray, source: CameraSource, *,  # noqa: ANN001
                case: str | None, step: str | None, fmt: str = "jpeg",
                taken_at: datetime | None = None) -> StillTaken:
    """Store ``frame`` (full size, untouched) as a photo of ``case``/``step``."""
    _check_may_capture(ctx, case)
    fmt = still_format(fmt)
    at = taken_at or ctx.clock.now()
    staged = stage_still(frame, capture_area(workspace.store), fmt, at)
    extra = still_extra(frame, fmt, source)
    try:
        record = store_capture(workspace, staged, kind="photo", case_id=case, step=step,
                               input_device=source.label, started_at=at, ended_at=at,
                               duration_s=None, ctx=ctx, extra=extra)
    finally:
        staged.unlink(missing_ok=True)   # stored (storing removed it) or refused: not kept
    return StillTaken(record, extra["width"], extra["height"])


def take_still(workspace, ctx: Context, source: str | int | None, *, case: str | None,  # noqa: ANN001
               step: str | None, fmt: str = "jpeg") -> StillTaken:
    """Open ``source``, take one full-resolution frame and store it."""
    _check_may_capture(ctx, case)
    fmt = still_format(fmt)
    with open_camera(source) as camera:
        camera.warm_up()
        frame = camera.read()
        at = ctx.clock.now()
        chosen = camera.source
    return store_still(workspace, ctx, frame, chosen, case=case, step=step, fmt=fmt,
                       taken_at=at)


class Clip:
    """A clip being recorded: its recorder, and beside its MP4 in the capture area a
    description (``.json``: case, step, who, source, start) and a lock held while it
    records, so that `capture recover` stores a clip cut off by a crash or a forced close,
    and leaves a live one alone."""

    def __init__(self, workspace, ctx: Context, source: CameraSource, *, fps: float,  # noqa: ANN001
                 width: int, height: int, case: str | None, step: str | None) -> None:
        _check_may_capture(ctx, case)
        self.workspace, self.ctx, self.source = workspace, ctx, source
        self.case = case
        self.step = check_case_step(ctx, case, step) if case else None
        self.started_at = ctx.clock.now()
        path = capture_path(capture_area(workspace.store), "video", CLIP_SUFFIX,
                            self.started_at)
        self.meta_path, self.lock_path = path.with_suffix(".json"), path.with_suffix(".lock")
        self._lock = try_lock(self.lock_path)
        atomic_write(self.meta_path, json.dumps({
            "case": case, "step": self.step, "user": ctx.actor.username,
            "input_device": source.label, "source_kind": source.kind,
            "started_at": iso_utc(self.started_at), "fps": fps, "width": width,
            "height": height}, ensure_ascii=False).encode("utf-8"))
        try:
            self.recorder = ClipRecorder(path, fps=fps, width=width, height=height,
                                         clock=ctx.clock.now)
        except BaseException:
            self._forget()
            raise

    def stop_and_store(self, progress: Progress | None = None,
                       cancel: CancelToken | None = None) -> CaptureRecord:
        try:
            clip = self.recorder.stop()
        except ClipNotWritten:
            self._forget()               # nothing was recorded: nothing to keep
            raise
        ended = self.started_at + timedelta(seconds=clip.duration_s + sum(
            _paused_s(p) for p in clip.pauses))
        try:
            record = store_capture(
                self.workspace, clip.path, kind="video", case_id=self.case, step=self.step,
                input_device=self.source.label, started_at=self.started_at, ended_at=ended,
                duration_s=clip.duration_s, ctx=self.ctx, extra=clip.extra(self.source),
                pauses=clip.pauses, progress=progress, cancel=cancel)
        except BaseException:
            self._let_go()               # the clip and its description wait for recovery
            raise
        self._forget()
        return record

    def discard(self) -> None:
        """End and delete (nothing was worth keeping: an error before the first frame)."""
        self.recorder.abort()
        self.recorder.path.unlink(missing_ok=True)
        self._forget()

    def leave_for_recovery(self) -> None:
        """The window closes by force: close the MP4 (its index written) and leave it, with
        its description, for `capture recover`."""
        self.recorder.abort()
        self._let_go()

    def _let_go(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _forget(self) -> None:
        self.meta_path.unlink(missing_ok=True)
        self._let_go()
        self.lock_path.unlink(missing_ok=True)


def recover_clips(workspace, ctx: Context) -> list[CaptureRecord]:  # noqa: ANN001
    """Store the clips a crash or a forced close left in the capture area (not those still
    recording): as they are, marked recovered. An MP4 cut off before its index was written
    is stored too (players need the index; the frames are all there)."""
    area = capture_area(workspace.store)
    stored = []
    for meta_path in sorted(area.glob("video-*.json")):
        clip = meta_path.with_suffix(CLIP_SUFFIX)
        lock_path = meta_path.with_suffix(".lock")
        held = try_lock(lock_path)
        if held is None:
            continue                      # still recording, in this or another process
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if clip.is_file() and clip.stat().st_size > 0:
                stored.append(_store_recovered(workspace, ctx, clip, meta))
            else:
                clip.unlink(missing_ok=True)
            meta_path.unlink()
        finally:
            held.release()
            lock_path.unlink(missing_ok=True)
    return stored


def _store_recovered(workspace, ctx: Context, clip: Path, meta: dict) -> CaptureRecord:  # noqa: ANN001
    import cv2

    from capture.recover import store_recovered
    capture = cv2.VideoCapture(str(clip))
    frames = int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) if capture.isOpened() else 0
    capture.release()
    fps = float(meta.get("fps") or 0) or None
    duration = frames / fps if frames > 0 and fps else None
    started = parse_iso_utc(meta["started_at"])
    extra = {"width": meta.get("width"), "height": meta.get("height"), "fps": fps,
             "codec": CLIP_FOURCC, "frames": frames if frames > 0 else None,
             "source_kind": meta.get("source_kind"),
             "index_missing": True if frames <= 0 else None}
    return store_recovered(workspace, clip, ctx, meta,
                           extra={k: v for k, v in extra.items() if v is not None},
                           kind="video", started_at=started,
                           ended_at=started + timedelta(seconds=duration or 0),
                           duration_s=duration)


def _paused_s(pause: dict) -> float:
    try:
        return (datetime.fromisoformat(pause["resumed_at"])
                - datetime.fromisoformat(pause["at"])).total_seconds()
    except (KeyError, TypeError, ValueError):
        return 0.0


def record_clip(workspace, ctx: Context, source: str | int | None, *, seconds: float,  # noqa: ANN001
                case: str | None, step: str | None, progress: Progress | None = None,
                cancel: CancelToken | None = None) -> CaptureRecord:
    """Record ``seconds`` from ``source`` into an MP4 and store it (a video file as the
    source gives at most what it holds)."""
    if not 0 < seconds <= MAX_CLIP_SECONDS:
        raise InvalidInput("录像时长须在 0 到 14400 秒之间",
                           "--seconds is more than 0 and at most 14400")
    _check_may_capture(ctx, case)
    progress = progress or no_progress
    with open_camera(source) as camera:
        camera.warm_up()
        clip = Clip(workspace, ctx, camera.source, fps=camera.fps, width=camera.width,
                    height=camera.height, case=case, step=step)
        try:
            record_frames(camera, clip.recorder, seconds,
                          cancel=(lambda: cancel.cancelled) if cancel else None,
                          progress=lambda done, total: progress(done, total, "frames"))
        except BaseException:
            clip.discard()
            raise
    return clip.stop_and_store(cancel=cancel)


def recover_all(workspace, ctx: Context) -> list:  # noqa: ANN001 - list[Recovered]
    """`capture recover` (and the window at its start): the interview recordings
    (capture.recover, which first deals with dead staging runs) and then the clips, each
    reported as capture.recover reports a recording (a clip has no header to repair: its
    bytes are stored as they are)."""
    from capture.recover import Recovered, recover_captures
    found = recover_captures(workspace, ctx)
    for record in recover_clips(workspace, ctx):
        found.append(Recovered(record.capture_id, record, record.size, record.size))
    return found
