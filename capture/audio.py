"""Recording an interview at the workstation through PortAudio (sounddevice).

:class:`AudioRecorder` is what the CLI (`lawdesk capture audio`) and the window's Capture
area drive. Three threads take part: PortAudio's audio thread runs the stream callback,
which only measures the block's peak (the level meter) and puts a copy of the block on a
bounded queue, never touching a file; the recorder's writer thread appends the blocks to the
WAV in the capture area (capture.wav_writer), flushes header and samples to disk at least
once a second (FLUSH_SECONDS), and watches the disk (capture.space); the caller's thread
starts, pauses, marks and stops. :meth:`AudioRecorder.stop` stores the finished file through
capture.storing (the offload's pipeline) and returns the record.

While it records, the capture area holds ``capture-<id>.wav``, its journal
``capture-<id>.jsonl`` and ``capture-<id>.lock`` (locked by the recording process, so
`capture recover` leaves a live recording alone). Killed at any moment, the WAV holds
everything up to the last flush and the journal every pause and marker: `capture recover`
repairs and stores it (capture.recover).
"""
from __future__ import annotations

import math
import queue
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Callable

from core.clock import Clock, iso_utc
from core.context import Context
from core.permissions import Permission, require
from capture import devices, space
from capture.errors import CaptureState, DeviceFailed, DiskSpaceLow
from capture.storing import PREFIX, CaptureRecord, check_case_step, capture_area, store_capture
from capture.wav_writer import SAMPLE_WIDTH, Journal, WavWriter, markers_and_pauses
from evidence.locks import try_lock

FLUSH_SECONDS = 0.5          # at most this much audio is lost to a power cut (issue: ≤ 1 s)
QUEUE_SECONDS = 10           # blocks the writer may fall behind before blocks are dropped
BLOCK_SECONDS = 0.05
SILENCE_DBFS = -120.0

IDLE, RECORDING, PAUSED, STOPPED, FAILED = "idle", "recording", "paused", "stopped", "failed"
# Events passed to on_event (from the writer or the audio thread, never the caller's):
SPACE_LOW = "space_low"                  # WARN_SECONDS of space left: say so, clearly
DISK_FULL_STOPPED = "disk_full_stopped"  # stopped cleanly before the disk filled up
DEVICE_LOST = "device_lost"              # the input stopped delivering (unplugged)
WRITE_FAILED = "write_failed"            # the disk refused a write: stopped at the last good one
TIME_UP = "time_up"                      # max_seconds recorded (`capture audio --seconds`)
COMPRESS_FAILED = "compress_failed"      # the compressed copy failed; the WAV is stored
SIZE_LIMIT = "size_limit"                # a WAV holds at most 4 GiB (its 32-bit lengths)
MAX_DATA_BYTES = 0xFFFFFFFF - 36 - 1024  # RIFF length = 36 + data must fit in 32 bits


def paths_for(area: Path, capture_id: str) -> tuple[Path, Path, Path]:
    """The WAV, journal and lock of a recording in the capture area."""
    stem = area / f"{PREFIX}{capture_id}"
    return stem.with_suffix(".wav"), stem.with_suffix(".jsonl"), stem.with_suffix(".lock")


class AudioRecorder:
    """One interview recording, from start to stored.

    ``workspace``: the lawdesk Workspace; ``ctx``: the logged-in officer's Context (the
    recording is attributed to them). ``device``: the input's name (or part of it), index,
    or None for the one remembered at this workstation (else the system default).
    ``case_id``/``step``: the case number and step chosen before recording (both None: not
    tied to a case). ``samplerate``: None for the device's default. ``on_event(name,
    detail)``: called from the audio or writer thread with SPACE_LOW, DISK_FULL_STOPPED,
    DEVICE_LOST, WRITE_FAILED, TIME_UP; marshal it to the UI thread yourself.
    ``max_seconds``: the writer ends the recording at exactly that much audio.

    ``start()`` checks permission, case, step, device and disk space, then records;
    ``pause()``/``resume()`` (one file, pauses in the journal); ``mark(label)`` notes the
    spoken time; ``stop()`` ends, stores (hashed, verified, recorded) and returns the
    :class:`~capture.storing.CaptureRecord`; ``abort()`` ends and discards. Read-only:
    ``state`` (idle | recording | paused | stopped | failed), ``elapsed_s`` (seconds
    recorded, pauses not counted), ``level_dbfs`` (peak of the last block, for the meter),
    ``space_left_s``, ``input_name``, ``ended_by`` (None, or the event that ended it)."""

    def __init__(self, workspace, *, device: str | int | None, case_id: str | None,  # noqa: ANN001
                 step: str | None, user: Context, samplerate: int | None = None,
                 channels: int = 1, clock: Clock | None = None,
                 on_event: Callable[[str, str], None] | None = None,
                 flush_seconds: float = FLUSH_SECONDS, max_seconds: float | None = None,
                 space_watch: Callable[..., space.SpaceWatch] = space.SpaceWatch) -> None:
        self.workspace, self.ctx = workspace, user
        self.device, self.case_id, self.step = device, case_id, step
        self.samplerate, self.channels = samplerate, int(channels)
        self.clock = clock or user.clock
        self.on_event = on_event or (lambda name, detail: None)
        self.flush_seconds = flush_seconds
        self.max_seconds = max_seconds
        self._space_watch = space_watch
        self.capture_id = uuid.uuid4().hex
        self.input_name = ""
        self.ended_by: str | None = None
        self.level_dbfs = SILENCE_DBFS
        self.dropped_blocks = 0
        self.overflows = 0
        self._state = IDLE
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._stream = None
        self._writer: WavWriter | None = None
        self._journal: Journal | None = None
        self._file_lock = None
        self._thread: threading.Thread | None = None
        self._watch: space.SpaceWatch | None = None
        self._step_code: str | None = None
        self._closed = self._stored = False
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.wav_path, self.journal_path, self.lock_path = paths_for(
            capture_area(workspace.store), self.capture_id)

    # ---------------------------------------------------------------- reading
    @property
    def state(self) -> str:
        return self._state

    @property
    def elapsed_s(self) -> float:
        writer = self._writer
        return writer.seconds if writer is not None else 0.0

    @property
    def space_left_s(self) -> float | None:
        return self._watch.left_s if self._watch is not None else None

    # ---------------------------------------------------------------- driving
    def start(self) -> None:
        self._expect(IDLE, "开始录音", "start")
        require(self.ctx.actor, Permission.INGEST_FOOTAGE)
        if self.case_id:
            require(self.ctx.actor, Permission.EDIT_CASES)
            self._step_code = check_case_step(self.ctx, self.case_id, self.step)
        wanted = self.device if self.device not in (None, "") else (
            devices.remembered(self.ctx) or None)
        inputs = devices.list_inputs()
        chosen = devices.resolve(inputs, wanted)
        self.input_name = chosen.name
        rate = int(self.samplerate or chosen.default_samplerate)
        self.samplerate = rate
        self.channels = max(1, min(self.channels, chosen.channels))
        byte_rate = rate * self.channels * SAMPLE_WIDTH
        self._watch = self._space_watch(self.wav_path.parent, byte_rate)
        if self._watch.left_s <= self._watch.stop_s:
            raise DiskSpaceLow(seconds=int(self._watch.left_s))
        sd = devices.sounddevice()
        block = max(1, int(rate * BLOCK_SECONDS))
        self._queue = queue.Queue(maxsize=max(4, int(QUEUE_SECONDS / BLOCK_SECONDS)))
        self._file_lock = try_lock(self.lock_path)
        self.started_at = self.clock.now()
        try:
            self._writer = WavWriter(self.wav_path, rate, self.channels)
            self._journal = Journal(self.journal_path, {
                "id": self.capture_id, "case": self.case_id, "step": self._step_code,
                "user": self.ctx.actor.username, "input_device": self.input_name,
                "samplerate": rate, "channels": self.channels,
                "started_at": iso_utc(self.started_at)})
            self._stream = sd.InputStream(
                device=chosen.index, samplerate=rate, channels=self.channels, dtype="int16",
                blocksize=block, callback=self._callback,
                finished_callback=self._stream_finished)
        except Exception as error:
            self._discard_files()
            raise DeviceFailed(name=self.input_name, detail=str(error)) from error
        self._state = RECORDING
        self._thread = threading.Thread(target=self._write_loop, name="lawdesk-capture-audio",
                                        daemon=True)
        self._thread.start()
        self._stream.start()
        if wanted != self.input_name or devices.remembered(self.ctx) != self.input_name:
            devices.remember(self.ctx, self.input_name)

    def pause(self) -> None:
        with self._lock:
            self._expect(RECORDING, "暂停", "pause")
            self._state = PAUSED
            self._journal.add("pause", at_s=round(self._position(), 3),
                              at=iso_utc(self.clock.now()))

    def resume(self) -> None:
        with self._lock:
            self._expect(PAUSED, "继续", "resume")
            self._journal.add("resume", at_s=round(self._position(), 3),
                              at=iso_utc(self.clock.now()))
            self._state = RECORDING

    def mark(self, label: str | None = None) -> float:
        """Note the spoken time (and what was said then); returns its position, seconds."""
        with self._lock:
            if self._state not in (RECORDING, PAUSED):
                self._expect(RECORDING, "标记", "mark")
            at = round(self._position(), 3)
            self._journal.add("mark", at_s=at, at=iso_utc(self.clock.now()),
                              label=(label or "").strip()[:200] or None)
        return at

    def stop(self, progress=None, cancel=None) -> CaptureRecord:  # noqa: ANN001
        """End the recording (if still running) and store it; the record."""
        if self._writer is None or self._stored:
            self._expect(RECORDING, "停止", "stop")
        self._finish(None)
        self._stored = True
        markers, pauses = markers_and_pauses(Journal.read(self.journal_path),
                                             self._writer.seconds)
        extra = {"samplerate": self.samplerate, "channels": self.channels,
                 "ended_by": self.ended_by, "dropped_blocks": self.dropped_blocks,
                 "overflows": self.overflows}
        try:
            record = store_capture(
                self.workspace, self.wav_path, kind="audio", case_id=self.case_id,
                step=self._step_code, input_device=self.input_name,
                started_at=self.started_at, ended_at=self.ended_at,
                duration_s=self._writer.seconds, ctx=self.ctx,
                extra={k: v for k, v in extra.items() if v}, markers=markers, pauses=pauses,
                progress=progress, cancel=cancel)
        except BaseException:
            # Not stored (no room for the store's copy, say): the recording stays in the
            # capture area, complete, unlocked, for `capture recover` once there is room.
            self._release_lock()
            raise
        self._discard_files(keep_wav=True)
        return self._compressed(record)

    def _compressed(self, record: CaptureRecord) -> CaptureRecord:
        """The compressed copy the setting asks for; a failure leaves the stored WAV as the
        record (said through on_event), never the recording unstored."""
        from capture import compress
        codec = compress.wanted(self.ctx)
        if codec is None:
            return record
        try:
            return compress.compress_capture(self.workspace, self.ctx, record, codec)
        except Exception as error:  # noqa: BLE001 - the original is safe in the store
            self.on_event(COMPRESS_FAILED, str(error))
            return record

    def leave(self, reason: str = "window_closed") -> None:
        """End the recording without storing it now (the window closes mid-recording): the
        WAV is closed with its journal, the lock let go, and the files left for `capture
        recover`, which stores them (the window runs it when it opens)."""
        if self._writer is not None and not self._stored:
            self._finish(reason)
        self._release_lock()

    def abort(self) -> None:
        """End without storing: the partial recording is deleted."""
        if self._writer is not None and not self._stored:
            self._finish("aborted")
        self._discard_files()
        self._state = STOPPED

    # ---------------------------------------------------------------- threads
    def _callback(self, indata, frames, when, status) -> None:  # noqa: ANN001 - PortAudio's
        if status and status.input_overflow:
            self.overflows += 1
        # max/min, not abs(): abs of int16's -32768 is itself (a clipped sample).
        peak = max(int(indata.max()), -int(indata.min())) if frames else 0
        self.level_dbfs = 20 * math.log10(peak / 32768) if peak else SILENCE_DBFS
        if self._state != RECORDING:
            return
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self.dropped_blocks += 1  # the writer is stuck: counted, said in the record

    def _stream_finished(self) -> None:
        if self._state in (RECORDING, PAUSED) and self.ended_by is None:
            self.ended_by = DEVICE_LOST
            self._state = FAILED  # stop() still stores what was recorded
            self._queue.put(None)
            self.on_event(DEVICE_LOST, self.input_name)

    def _write_loop(self) -> None:
        writer, watch = self._writer, self._watch
        next_flush = time.monotonic() + self.flush_seconds
        while True:
            try:
                block = self._queue.get(timeout=self.flush_seconds / 2)
            except queue.Empty:
                block = b""
            if block is None:
                break
            try:
                if block:
                    block = self._within_limit(writer, block)
                    writer.write(block)
                    if self.max_seconds is not None and writer.seconds >= self.max_seconds:
                        writer.flush()
                        self._end_from_writer(TIME_UP)
                        break
                    if writer.data_bytes + writer.block > MAX_DATA_BYTES:
                        writer.flush()
                        self._end_from_writer(SIZE_LIMIT)
                        break
                if time.monotonic() >= next_flush:
                    writer.flush()
                    next_flush = time.monotonic() + self.flush_seconds
                    verdict = watch.check(writer.data_bytes)
                    if verdict == "warn":
                        self.on_event(SPACE_LOW, str(int(watch.left_s)))
                    elif verdict == "stop":
                        self._end_from_writer(DISK_FULL_STOPPED)
                        break
            except Exception as error:  # noqa: BLE001 - OSError (disk), or a fault: stop, keep
                self._end_from_writer(WRITE_FAILED, str(error))
                break
        try:
            writer.flush()
        except OSError:
            pass

    def _within_limit(self, writer: WavWriter, block: bytes) -> bytes:
        room = (MAX_DATA_BYTES - writer.data_bytes) // writer.block
        if self.max_seconds is not None:
            room = min(room, int(self.max_seconds * self.samplerate) - writer.frames)
        return block[:max(0, room) * writer.block]

    def _end_from_writer(self, event: str, detail: str = "") -> None:
        """The writer ends the recording itself (disk nearly full, a write refused); the
        stream is stopped by whoever calls stop() next, or by _finish here and now."""
        if self.ended_by is None:
            self.ended_by = event
        self._state = STOPPED
        self.ended_at = self.clock.now()
        self._journal.add("stop", at_s=round(self._writer.seconds, 3),
                          at=iso_utc(self.ended_at), reason=event)
        self.on_event(event, detail or str(int(self._writer.seconds)))

    # ---------------------------------------------------------------- helpers
    def _finish(self, reason: str | None) -> None:
        """Stop the stream, let the writer drain, close the file (header final, fsynced).
        Once only: later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            was = self._state
            self._state = STOPPED
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:  # noqa: BLE001 - a device gone already
                pass
        if self._thread is not None:
            if self._thread.is_alive():
                self._queue.put(None)
            self._thread.join()
        if was in (RECORDING, PAUSED, FAILED) and self.ended_at is None:
            self.ended_at = self.clock.now()
            self._journal.add("stop", at_s=round(self._writer.seconds, 3),
                              at=iso_utc(self.ended_at), reason=reason or self.ended_by)
        self._writer.close()
        self._journal.close()

    def wait_ended(self, timeout: float) -> bool:
        """Wait until the writer ended the recording itself (disk full, device lost)."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _position(self) -> float:
        writer = self._writer
        queued = self._queue.qsize() * int(self.samplerate * BLOCK_SECONDS)
        return (writer.frames + queued) / self.samplerate if writer else 0.0

    def _expect(self, state: str, action_zh: str, action_en: str) -> None:
        if self._state != state:
            raise CaptureState(state=self._state, action_zh=action_zh, action_en=action_en)

    def _discard_files(self, keep_wav: bool = False) -> None:
        for path in ((self.journal_path, self.lock_path) if keep_wav
                     else (self.wav_path, self.journal_path, self.lock_path)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        self._release_lock()

    def _release_lock(self) -> None:
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None
