"""An interview recorded through the real PortAudio stack (the ALSA file rig, see conftest)
into the store: duration, content, pauses, markers, the record, the case's evidence and
`verify`."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from capture.audio import AudioRecorder
from capture.devices import list_inputs, remembered
from capture.errors import CaptureState, NoInputDevice
from db.models import Capture, EvidenceLink, Footage, LedgerEntry
from evidence.hashing import sha256_of_file
from evidence.verify import verify_store
from tests.capture.conftest import DEVICE, EXACT, RATE, read_wav


def record(recorder: AudioRecorder, seconds: float) -> None:
    deadline = time.monotonic() + 10
    while recorder.elapsed_s < seconds and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.fixture
def officer_ctx(workspace, as_role):
    return as_role("officer", username="officer1")


def test_the_rig_is_listed_with_its_host_api(audio_rig):
    inputs = list_inputs()
    rig = [d for d in inputs.devices if d.name == DEVICE]
    assert inputs.reason is None and rig
    assert rig[0].host_api == "ALSA" and rig[0].channels >= 1
    assert rig[0].as_json()["default_samplerate"] > 0


def test_an_interview_is_recorded_and_stored_in_the_case(audio_rig, workspace, penalty_case,
                                                         clerk):
    recorder = AudioRecorder(workspace, device=EXACT, case_id=penalty_case.number,
                             step="调查取证", user=clerk, samplerate=RATE, max_seconds=2)
    recorder.start()
    assert recorder.wait_ended(10) and recorder.ended_by == "time_up"
    stored = recorder.stop()
    assert recorder.state == "stopped"

    # The file in the store: a WAV of exactly the length asked, holding the speech itself.
    assert stored.path.exists() and stored.path.stat().st_mode & 0o222 == 0
    assert sha256_of_file(stored.path) == (stored.size, stored.sha256)
    rate, channels, samples = read_wav(stored.path)
    assert (rate, channels, len(samples)) == (RATE, 1, 2 * RATE)
    assert stored.duration_seconds == 2.0
    assert audio_rig.correlation(samples) > 0.99
    # The record: what the CLI prints; the workstation (and its time and zone) as device.
    as_json = stored.as_json()
    assert {"sha256", "size", "duration_seconds", "path"} <= set(as_json)
    assert as_json["device"] == f"{workspace.workstation_id} / {EXACT}"
    assert as_json["timezone"] and isinstance(as_json["utc_offset_min"], int)
    assert as_json["case"] == penalty_case.number and as_json["step"] == "investigation"
    # Stored like offloaded footage: same ledger entry kind; linked to the case; verified.
    with workspace.db.read() as session:
        footage = session.execute(select(Footage).where(
            Footage.sha256 == stored.sha256)).scalar_one()
        assert footage.kind == "audio" and footage.device_serial == workspace.workstation_id
        assert footage.duration_s == 2.0
        capture = session.execute(select(Capture)).scalar_one()
        assert capture.input_device == EXACT and capture.captured_by == "clerk"
        link = session.execute(select(EvidenceLink)).scalar_one()
        assert (link.sha256, link.step) == (stored.sha256, "investigation")
        actions = set(session.scalars(select(LedgerEntry.action)))
    assert {"offload.store", "capture.store", "case.link"} <= actions
    assert verify_store(workspace.db, workspace.store).problems == []
    # Nothing left in the capture area; the device is remembered for this workstation.
    assert not list(workspace.store.staging_dir.glob("capture-*"))
    assert remembered(clerk) == EXACT


def test_pauses_and_markers_in_real_time(audio_rig, workspace, officer_ctx):
    events = []
    recorder = AudioRecorder(workspace, device=DEVICE, case_id=None, step=None,
                             user=officer_ctx, samplerate=RATE,
                             on_event=lambda name, detail: events.append(name))
    recorder.start()
    assert recorder.state == "recording"
    record(recorder, 0.6)
    assert recorder.mark("当事人陈述开始") == pytest.approx(recorder.elapsed_s, abs=0.3)
    recorder.pause()
    assert recorder.state == "paused"
    paused_at = recorder.elapsed_s
    time.sleep(0.5)                       # nothing is written while paused
    assert recorder.elapsed_s - paused_at < 0.2
    recorder.resume()
    record(recorder, 1.2)
    assert recorder.level_dbfs > -60      # speech on the meter
    stored = recorder.stop()
    assert events == [] and 1.2 <= stored.duration_seconds < 1.6
    assert [m["label"] for m in stored.markers] == ["当事人陈述开始"]
    assert 0.4 < stored.markers[0]["at_s"] < 1.0
    assert len(stored.pauses) == 1 and stored.pauses[0]["to"] is not None
    with workspace.db.read() as session:
        capture = session.execute(select(Capture)).scalar_one()
    assert json.loads(capture.markers)[0]["label"] == "当事人陈述开始"
    assert json.loads(capture.pauses)[0]["at_s"] == pytest.approx(paused_at, abs=0.3)


def test_refusals_before_anything_is_recorded(audio_rig, workspace, penalty_case,
                                              as_role, clerk):
    reviewer = as_role("reviewer", username="rev")
    with pytest.raises(Exception, match="无权"):
        AudioRecorder(workspace, device=DEVICE, case_id=None, step=None,
                      user=reviewer).start()
    with pytest.raises(NoInputDevice, match="no-such-mic"):
        AudioRecorder(workspace, device="no-such-mic", case_id=None, step=None,
                      user=clerk).start()
    with pytest.raises(Exception, match="环节"):
        AudioRecorder(workspace, device=DEVICE, case_id=penalty_case.number,
                      step="不存在的环节", user=clerk).start()
    idle = AudioRecorder(workspace, device=DEVICE, case_id=None, step=None, user=clerk)
    with pytest.raises(CaptureState):
        idle.pause()
    assert not list(workspace.store.staging_dir.glob("capture-*"))


def test_a_wav_never_outgrows_its_32_bit_lengths(audio_rig, workspace, officer_ctx,
                                                 monkeypatch):
    """A WAV counts its bytes in 32 bits: 4 GiB is the most. The limit set to one second
    here, the recorder stops there by itself and stores a valid file."""
    import capture.audio
    monkeypatch.setattr(capture.audio, "MAX_DATA_BYTES", RATE * 2)
    events = []
    recorder = AudioRecorder(workspace, device=EXACT, case_id=None, step=None,
                             user=officer_ctx, samplerate=RATE,
                             on_event=lambda name, detail: events.append(name))
    recorder.start()
    assert recorder.wait_ended(10) and recorder.ended_by == "size_limit" == events[-1]
    stored = recorder.stop()
    rate, _, samples = read_wav(stored.path)
    assert len(samples) == RATE and stored.duration_seconds == 1.0


def test_a_flac_copy_is_stored_beside_the_wav_never_instead(audio_rig, workspace, clerk,
                                                           as_role):
    import soundfile
    from config.settings import set_setting
    set_setting(as_role("admin", username="admin"), "capture.audio_compression", "flac")
    recorder = AudioRecorder(workspace, device=EXACT, case_id=None, step=None, user=clerk,
                             samplerate=RATE, max_seconds=1)
    recorder.start()
    assert recorder.wait_ended(10)
    stored = recorder.stop()
    flac = workspace.store.path_for(stored.compressed_sha256)
    assert stored.path.exists() and flac.exists() and flac.stat().st_size < stored.size
    _, _, wav_samples = read_wav(stored.path)
    flac_samples, rate = soundfile.read(flac, dtype="int16")
    assert rate == RATE and (flac_samples == wav_samples).all()   # lossless
    with workspace.db.read() as session:
        capture = session.execute(select(Capture)).scalar_one()
        assert capture.compressed_sha256 == stored.compressed_sha256
        kinds = {f.original_name.rsplit(".", 1)[1]: f for f in session.scalars(select(Footage))}
        actions = set(session.scalars(select(LedgerEntry.action)))
    assert set(kinds) == {"wav", "flac"} and kinds["flac"].codec == "flac"
    assert "capture.compress" in actions
    assert verify_store(workspace.db, workspace.store).problems == []
