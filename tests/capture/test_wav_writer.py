"""The crash-safe WAV and its journal, without any device: what a file cut off at any byte
looks like after repair, and the journal's pauses and markers."""
from __future__ import annotations

import os
import wave

import pytest

from capture.space import SpaceWatch, seconds_left
from capture.wav_writer import (
    HEADER_SIZE, Journal, WavWriter, markers_and_pauses, read_header, repair,
)

RATE = 8000


def frames(count: int, start: int = 0) -> bytes:
    return b"".join(((start + i) % 30000).to_bytes(2, "little", signed=True)
                    for i in range(count))


def test_a_flush_leaves_a_valid_wav_of_everything_written(tmp_path):
    path = tmp_path / "a.wav"
    writer = WavWriter(path, RATE, 1)
    writer.write(frames(RATE))
    writer.flush()
    writer.write(frames(RATE // 2, RATE))   # written, not yet counted by the header
    assert read_header(path) == (RATE, 1, RATE * 2)
    with wave.open(str(path)) as wav:      # readable as it stands (a crash here)
        assert wav.getnframes() == RATE
    writer.close()
    with wave.open(str(path)) as wav:
        assert wav.getnframes() == RATE * 3 // 2
        assert wav.readframes(RATE * 3 // 2) == frames(RATE * 3 // 2)


@pytest.mark.parametrize("cut", [0, 1, 2, 3, 4001])
def test_repair_counts_every_whole_frame_on_disk(tmp_path, cut):
    """Cut off at the header's end, mid-frame or after a whole frame: the header then
    counts exactly the whole frames present, at or beyond the last flush."""
    path = tmp_path / "cut.wav"
    writer = WavWriter(path, RATE, 1)
    writer.write(frames(1000))
    writer.flush()
    writer.write(frames(3000, 1000))
    os.close(writer._fd)  # noqa: SLF001 - dies here, as with kill -9: no close(), no flush()
    with open(path, "r+b") as file:
        file.truncate(HEADER_SIZE + 2000 + cut)
    said, now = repair(path, samplerate=RATE, channels=1)
    assert said == 2000
    assert now == 2000 + cut // 2 * 2
    with wave.open(str(path)) as wav:
        assert wav.getnframes() == now // 2
        assert wav.readframes(now // 2) == frames(1000 + cut // 2)


def test_repair_rewrites_a_header_the_crash_left_unwritten(tmp_path):
    path = tmp_path / "bare.wav"
    path.write_bytes(b"\0" * 10)
    assert repair(path, samplerate=RATE, channels=2) == (0, 0)
    assert read_header(path) == (RATE, 2, 0)


def test_the_journal_keeps_pauses_and_markers_and_drops_a_cut_line(tmp_path):
    path = tmp_path / "j.jsonl"
    journal = Journal(path, {"id": "x", "samplerate": RATE})
    journal.add("mark", at_s=1.0, at="t1", label="开始")
    journal.add("pause", at_s=2.0, at="t2")
    journal.add("resume", at_s=2.0, at="t3")
    journal.add("pause", at_s=5.0, at="t4")
    journal.close()
    with open(path, "ab") as file:
        file.write(b'{"event": "mark", "at_s": 9')   # cut off by the crash
    entries = Journal.read(path)
    assert entries[0]["event"] == "meta" and len(entries) == 5
    markers, pauses = markers_and_pauses(entries, end_s=5.0)
    assert markers == [{"at_s": 1.0, "at": "t1", "label": "开始"}]
    assert pauses == [{"at_s": 2.0, "from": "t2", "to": "t3"},
                      {"at_s": 5.0, "from": "t4", "to": None}]   # ended paused


def test_space_is_counted_in_seconds_with_room_for_the_store_copy(tmp_path):
    rate = 10_000_000          # bytes a second: other writers on this disk are noise
    left = seconds_left(tmp_path, rate, written=0, reserve=0)
    assert seconds_left(tmp_path, rate, written=rate * 10, reserve=0) == pytest.approx(
        left - 10, abs=1)
    # Warn below the warning threshold, once; stop at the stop threshold.
    watch = SpaceWatch(tmp_path, rate, warn_s=left + 100, stop_s=1, reserve=0)
    assert watch.check(0) == "warn" and watch.check(0) is None
    watch = SpaceWatch(tmp_path, rate, warn_s=600, stop_s=left - 5, reserve=0)
    assert watch.check(0) is None and watch.check(rate * 10) == "stop"
