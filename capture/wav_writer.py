"""A WAV file written as it records, safe against a crash at any moment, and its journal.

The file is a plain 16-bit PCM RIFF/WAVE (44-byte header, then samples). Every
:meth:`WavWriter.flush` (the recorder calls it at least once a second) rewrites the two
length fields to the samples written so far and fsyncs, so after a power cut the file is a
valid WAV of everything up to the last flush, and more is on disk only as a tail the header
does not yet count. :func:`repair` makes such a file whole: the header is set to the
complete sample frames actually present (a partial last frame is cut).

Beside it, a journal (JSON lines, fsynced per line) says what the recording is (first line:
case, step, user, device, rate; see :class:`Journal`) and what happened during it: pauses,
resumes and spoken-time markers, each at its position in the audio ("at_s") and the
workstation's instant ("at"). Pauses are not silence in the file: while paused nothing is
written, so the file is one continuous recording and the journal says where it was paused.
"""
from __future__ import annotations

import json
import os
import struct
from pathlib import Path

HEADER_SIZE = 44
SAMPLE_WIDTH = 2  # bytes: 16-bit signed little-endian PCM


def header(samplerate: int, channels: int, data_bytes: int) -> bytes:
    block = channels * SAMPLE_WIDTH
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, samplerate,
                                    samplerate * block, block, SAMPLE_WIDTH * 8)
            + b"data" + struct.pack("<I", data_bytes))


def _fsync(fd: int) -> None:
    (os.fdatasync if hasattr(os, "fdatasync") else os.fsync)(fd)


class WavWriter:
    """Append PCM to a new WAV file; :meth:`flush` makes what was written durable."""

    def __init__(self, path: Path, samplerate: int, channels: int) -> None:
        self.path, self.samplerate, self.channels = Path(path), int(samplerate), int(channels)
        self.block = channels * SAMPLE_WIDTH
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        self._fd = os.open(self.path, flags, 0o600)
        self.data_bytes = 0        # written
        self.flushed_bytes = 0     # counted by the header on disk
        os.write(self._fd, header(self.samplerate, self.channels, 0))
        _fsync(self._fd)

    @property
    def frames(self) -> int:
        return self.data_bytes // self.block

    @property
    def seconds(self) -> float:
        return self.frames / self.samplerate

    def write(self, pcm: bytes | memoryview) -> None:
        """Append samples (whole frames). An OSError (a full disk) leaves the file as at the
        last write that succeeded in full: a short write is cut back to it."""
        view = memoryview(pcm).cast("B")
        start = self.data_bytes
        try:
            while view:
                view = view[os.write(self._fd, view):]
                # os.write on a regular file writes all or raises, save on a full disk
        except OSError:
            os.ftruncate(self._fd, HEADER_SIZE + start)
            os.lseek(self._fd, 0, os.SEEK_END)
            raise
        self.data_bytes = start + len(memoryview(pcm).cast("B"))

    def flush(self) -> None:
        """Header lengths to what was written, then fsync (samples and header together)."""
        if self.flushed_bytes != self.data_bytes:
            os.pwrite(self._fd, struct.pack("<I", 36 + self.data_bytes), 4)
            os.pwrite(self._fd, struct.pack("<I", self.data_bytes), 40)
        _fsync(self._fd)
        self.flushed_bytes = self.data_bytes

    def close(self) -> None:
        if self._fd >= 0:
            try:
                self.flush()
            finally:
                os.close(self._fd)
                self._fd = -1


def read_header(path: Path) -> tuple[int, int, int] | None:
    """(samplerate, channels, data bytes the header counts) of one of our WAVs, or None
    when the file is too short or not one."""
    with open(path, "rb") as file:
        head = file.read(HEADER_SIZE)
    if len(head) < HEADER_SIZE or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt ":
        return None
    _, fmt, channels, samplerate, _, _, bits = struct.unpack("<IHHIIHH", head[16:36])
    if fmt != 1 or bits != SAMPLE_WIDTH * 8 or channels < 1 or samplerate < 1:
        return None
    return samplerate, channels, struct.unpack("<I", head[40:44])[0]


def repair(path: Path, *, samplerate: int, channels: int) -> tuple[int, int]:
    """Make a WAV cut off mid-recording whole: its header counts the complete frames present
    (a partial last frame is cut off). Returns (data bytes the header said, data bytes now).
    ``samplerate``/``channels`` (from the journal) rewrite a header the crash left unwritten."""
    block = channels * SAMPLE_WIDTH
    found = read_header(path)
    said = found[2] if found else 0
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        data = max(0, size - HEADER_SIZE) // block * block
        os.ftruncate(fd, HEADER_SIZE + data)
        os.pwrite(fd, header(samplerate, channels, data), 0)
        os.fsync(fd)
    finally:
        os.close(fd)
    return said, data


class Journal:
    """The recording's JSON-lines journal: the first line says what it is, the next what
    happened; each line is fsynced before :meth:`add` returns, so it survives a crash."""

    def __init__(self, path: Path, meta: dict | None = None) -> None:
        self.path = Path(path)
        if meta is not None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
            self._fd = os.open(self.path, flags, 0o600)
            self._write({"event": "meta", **meta})
        else:
            self._fd = -1

    def add(self, event: str, **fields) -> None:  # noqa: ANN003
        self._write({"event": event, **fields})

    def _write(self, entry: dict) -> None:
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        _fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    @staticmethod
    def read(path: Path) -> list[dict]:
        """Every whole line (a line cut off by the crash is dropped)."""
        entries = []
        for line in Path(path).read_text("utf-8", errors="replace").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        return entries


def markers_and_pauses(entries: list[dict], end_s: float) -> tuple[list[dict], list[dict]]:
    """The markers ({"at_s", "at", "label"}) and pauses ({"at_s", "from", "to"}; "to" None
    when the recording ended paused) of a journal's entries."""
    markers, pauses, open_pause = [], [], None
    for entry in entries:
        kind = entry.get("event")
        if kind == "mark":
            markers.append({"at_s": entry["at_s"], "at": entry["at"],
                            "label": entry.get("label")})
        elif kind == "pause" and open_pause is None:
            open_pause = {"at_s": entry["at_s"], "from": entry["at"], "to": None}
        elif kind == "resume" and open_pause is not None:
            open_pause["to"] = entry["at"]
            pauses.append(open_pause)
            open_pause = None
    if open_pause is not None:
        pauses.append(open_pause)
    for marker in markers:
        marker["at_s"] = min(marker["at_s"], round(end_s, 3))
    return markers, pauses
