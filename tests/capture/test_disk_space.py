"""A recording on a nearly full disk: a real small file system (tmpfs, mounted as root)
holds the whole store. The watcher warns at once (less than 10 minutes left) and stops the
recording cleanly, leaving room to store it; a disk filled by someone else mid-recording
ends it at the last whole write, and when even storing finds no room the recording waits,
complete, for `capture recover`."""
from __future__ import annotations

import errno
import os
import subprocess
import time

import pytest
from sqlalchemy import func, select

from capture.audio import AudioRecorder
from capture.errors import DiskSpaceLow
from capture.recover import recover_captures
from db.models import Capture
from devices.offload.errors import StoreFull
from evidence.verify import verify_store
from tests.capture.conftest import DEVICE, RATE, read_wav


@pytest.fixture
def small_store(workspace):
    """The workspace's store on a 768 KiB tmpfs (about 8 s of 44.1 kHz mono)."""
    store = workspace.store_dir
    store.mkdir(parents=True, exist_ok=True)
    assert not any(store.iterdir())
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=768k", "tmpfs", str(store)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield store
    subprocess.run(["umount", "-l", str(store)], check=False)


def test_the_watcher_warns_then_stops_before_the_disk_is_full(audio_rig, workspace,
                                                               small_store, as_role):
    events = []
    recorder = AudioRecorder(workspace, device=DEVICE, case_id=None, step=None,
                             user=as_role("officer", username="o1"), samplerate=RATE,
                             on_event=lambda name, detail: events.append(name))
    recorder.start()
    assert recorder.space_left_s < 10            # far less than ten minutes
    assert recorder.wait_ended(15)
    assert recorder.ended_by == "disk_full_stopped"
    assert events[0] == "space_low" and "disk_full_stopped" in events
    stored = recorder.stop()
    rate, _, samples = read_wav(stored.path)     # a valid WAV of what was recorded
    assert 1.0 < len(samples) / rate == stored.duration_seconds < 8
    assert stored.extra["ended_by"] == "disk_full_stopped"
    assert verify_store(workspace.db, workspace.store).problems == []


def test_a_disk_filled_mid_recording_ends_it_and_recover_stores_it_later(
        audio_rig, workspace, small_store, as_role):
    officer = as_role("officer", username="o1")
    events = []
    recorder = AudioRecorder(workspace, device=DEVICE, case_id=None, step=None, user=officer,
                             samplerate=RATE, on_event=lambda name, detail: events.append(name))
    recorder.start()
    while recorder.elapsed_s < 0.5:
        time.sleep(0.02)
    filler = small_store / "filler.bin"          # someone else fills the disk
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    assert recorder.wait_ended(10)
    assert recorder.ended_by in ("write_failed", "disk_full_stopped")
    with pytest.raises(StoreFull):               # no room for the store's copy
        recorder.stop()
    [wav] = list(workspace.store.staging_dir.glob("capture-*.wav"))
    with workspace.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Capture)) == 0
    filler.unlink()                              # room again: the next start stores it
    [found] = recover_captures(workspace, officer)
    assert found.error is None and found.record.recovered
    rate, _, samples = read_wav(found.record.path)
    assert len(samples) / rate == pytest.approx(found.record.duration_seconds)
    assert found.record.duration_seconds >= 0.5
    assert not wav.exists()
    assert verify_store(workspace.db, workspace.store).problems == []


def test_no_recording_starts_without_room_to_store_it(audio_rig, workspace, small_store,
                                                      as_role):
    filler = small_store / "filler.bin"
    filler.write_bytes(bytes(600 * 1024))        # leaves less than the reserve
    recorder = AudioRecorder(workspace, device=DEVICE, case_id=None, step=None,
                             user=as_role("officer", username="o1"), samplerate=RATE)
    with pytest.raises(DiskSpaceLow, match="无法开始录制"):
        recorder.start()
    assert recorder.state == "idle"
    assert not list(workspace.store.staging_dir.glob("capture-*"))
