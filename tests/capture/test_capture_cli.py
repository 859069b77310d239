"""`lawdesk capture devices | audio | recover`, and a recording killed with SIGKILL and
recovered on the next start."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Capture, EvidenceLink, LedgerEntry
from evidence.hashing import sha256_of_file
from evidence.verify import verify_store
from tests.capture.conftest import DEVICE, EXACT, RATE, SYSTEM_ALSA, read_wav
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO, child_env


def test_devices_lists_the_inputs_with_host_api_channels_and_rate(audio_rig, workspace,
                                                                  cli_here):
    done = cli_here("capture", "devices", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    names = {d["name"]: d for d in listed["devices"]}
    assert listed["reason"] is None and {DEVICE, EXACT} <= set(names)
    assert names[DEVICE]["host_api"] == "ALSA" and names[DEVICE]["channels"] >= 1
    assert names[DEVICE]["default_samplerate"] > 0


@pytest.mark.skipif(Path("/proc/asound/cards").exists(), reason="this machine has sound cards")
def test_devices_on_a_machine_without_any_says_so(workspace, cli_here, monkeypatch):
    sd = pytest.importorskip("sounddevice", exc_type=OSError)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(SYSTEM_ALSA))  # the system's ALSA: no card
    sd._terminate()  # noqa: SLF001 - PortAudio looks again
    sd._initialize()  # noqa: SLF001
    try:
        done = cli_here("capture", "devices", "--json")
    finally:
        monkeypatch.undo()
        sd._terminate()  # noqa: SLF001
        sd._initialize()  # noqa: SLF001
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert listed["devices"] == [] and listed["reason"] == "no audio input device found"


def test_audio_records_and_prints_the_stored_record(audio_rig, workspace, cli_here,
                                                    penalty_case):
    done = cli_here("capture", "audio", "--case", penalty_case.number, "--step", "调查取证",
                    "--device", EXACT, "--seconds", "1", "--rate", str(RATE), "--json",
                    user=ADMIN)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    path = Path(record["path"])
    assert sha256_of_file(path) == (record["size"], record["sha256"])
    assert record["duration_seconds"] == 1.0 and record["case"] == penalty_case.number
    rate, _, samples = read_wav(path)
    assert len(samples) == rate == RATE and audio_rig.correlation(samples) > 0.99
    # The device is remembered: the next recording needs no --device.
    listed = json.loads(cli_here("capture", "devices", "--json").stdout)
    assert listed["remembered"] == EXACT


def test_a_recording_killed_mid_way_is_recovered_on_the_next_start(
        audio_rig, workspace, data_dir, cli_here, penalty_case):
    env = child_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, **audio_rig.env)
    child = subprocess.Popen(
        [sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir), "--user", ADMIN,
         "capture", "audio", "--case", penalty_case.number, "--device", DEVICE,
         "--seconds", "30", "--json"], env=env, cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    staging = workspace.store.staging_dir
    deadline = time.monotonic() + 30
    wav = None
    while time.monotonic() < deadline:
        found = list(staging.glob("capture-*.wav")) if staging.exists() else []
        if found and found[0].stat().st_size > 44 + 2 * RATE * 2:
            wav = found[0]
            break
        assert child.poll() is None, child.stderr.read().decode()
        time.sleep(0.05)
    assert wav is not None, "the recording never got going"
    # While it is alive, recover leaves it alone.
    alive = json.loads(cli_here("capture", "recover", "--json", user=ADMIN).stdout)
    assert alive == [] and wav.exists()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    elapsed = (wav.stat().st_size - 44) / (RATE * 2)   # what reached the file at the kill

    done = cli_here("capture", "recover", "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    [found] = json.loads(done.stdout)
    record = found["record"]
    assert record["recovered"] is True and record["case"] == penalty_case.number
    assert record["duration_seconds"] >= elapsed - 1.0
    assert found["data_bytes"] >= found["header_bytes"]
    rate, _, samples = read_wav(Path(record["path"]))
    assert len(samples) / rate == pytest.approx(record["duration_seconds"], abs=0.001)
    assert not list(staging.glob("capture-*"))
    with workspace.db.read() as session:
        row = session.execute(select(Capture)).scalar_one()
        assert row.recovered and row.captured_by == ADMIN
        assert session.execute(select(EvidenceLink.sha256)).scalar_one() == record["sha256"]
        actions = list(session.scalars(select(LedgerEntry.action)))
    assert "capture.recover" in actions and "offload.store" in actions
    assert verify_store(workspace.db, workspace.store).problems == []
    # Nothing more to recover.
    assert json.loads(cli_here("capture", "recover", "--json", user=ADMIN).stdout) == []


def test_ctrl_c_ends_the_recording_and_stores_it(audio_rig, workspace, data_dir):
    env = child_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, **audio_rig.env)
    child = subprocess.Popen(
        [sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir), "--user", ADMIN,
         "capture", "audio", "--device", DEVICE, "--json"], env=env, cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    staging = workspace.store.staging_dir
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
            staging.exists() and any(p.stat().st_size > 44 + RATE for p in
                                     staging.glob("capture-*.wav"))):
        assert child.poll() is None, child.stderr.read()
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    record = json.loads(out)
    assert record["duration_seconds"] >= 0.5 and Path(record["path"]).exists()
    assert not list(staging.glob("capture-*"))


def test_killed_after_the_record_before_the_file_went_nothing_is_stored_twice(
        audio_rig, workspace, data_dir, cli_here):
    env = child_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, LAWDESK_FAILPOINT="capture.recorded",
                    **audio_rig.env)
    done = subprocess.run(
        [sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir), "--user", ADMIN,
         "capture", "audio", "--device", EXACT, "--rate", str(RATE), "--seconds", "1",
         "--json"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert list(workspace.store.staging_dir.glob("capture-*.wav"))
    with workspace.db.read() as session:
        [stored] = session.scalars(select(Capture)).all()
    [found] = json.loads(cli_here("capture", "recover", "--json", user=ADMIN).stdout)
    assert found["record"]["capture_id"] == stored.id          # the same record, not a new one
    with workspace.db.read() as session:
        assert len(session.scalars(select(Capture)).all()) == 1
    assert not list(workspace.store.staging_dir.glob("capture-*"))
    assert verify_store(workspace.db, workspace.store).problems == []
