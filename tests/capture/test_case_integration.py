"""A capture in the case: the evidence list (device = workstation / input, duration), the
电子数据提取固定清单 printed with its hash, and a 询问笔录 citing the recording's hash and
length. The WAV is written by the recorder's own writer (no sound card needed here)."""
from __future__ import annotations

import io
import shutil
import subprocess
from datetime import timedelta

import numpy as np
import pytest
from pypdf import PdfReader

from capture.storing import capture_area, store_capture
from capture.wav_writer import WavWriter
from casework.cases import case_detail, load_case
from casework.documents import DocumentArchive
from casework.documents.issue import issue_document, preview_document
from tests.casework.conftest import advance  # noqa: F401 - fixture

SHOTS = "/tmp/scratch/shots"


def write_tone(path, seconds: float, rate: int = 8000) -> None:  # noqa: ANN001
    writer = WavWriter(path, rate, 1)
    t = np.arange(int(seconds * rate)) / rate
    writer.write((8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes())
    writer.close()


@pytest.fixture
def captured(workspace, penalty_case, clerk, advance):  # noqa: F811
    advance(penalty_case, "filing", "investigation")
    path = capture_area(workspace.store) / "capture-test.wav"
    write_tone(path, 75.4)
    now = workspace.clock.now()
    return store_capture(workspace, path, kind="audio", case_id=penalty_case.number,
                         step="investigation", input_device="USB 会议麦克风",
                         started_at=now - timedelta(seconds=76), ended_at=now,
                         duration_s=75.4, ctx=clerk)


def test_the_capture_is_in_the_case_evidence_and_its_printed_list(workspace, captured,
                                                                  penalty_case, clerk,
                                                                  tmp_path):
    with workspace.db.read() as session:
        detail = case_detail(session, load_case(session, penalty_case.number),
                             workspace.clock.today())
    [link] = detail.evidence
    assert link.sha256 == captured.sha256 and link.step == "investigation"
    assert link.file.device_label() == f"{workspace.workstation_id} / USB 会议麦克风"
    assert link.file.duration_label() == "0:01:15" and link.file.kind == "audio"
    as_json = detail.as_json()["evidence"][0]["file"]
    assert as_json["duration_s"] == 75.4 and as_json["input_device"] == "USB 会议麦克风"
    # 电子数据提取固定清单: the capture with its hash, size, length and device.
    archive = DocumentArchive(workspace.documents_dir)
    info = issue_document(clerk, archive, penalty_case.number, "evidence_list")
    pdf = tmp_path / "evidence_list.pdf"
    pdf.write_bytes(archive.read(info.sha256))
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    flat = text.replace(" ", "")
    assert f"SHA-256：{captured.sha256}" in flat
    assert f"{captured.size:,}" in flat and "0:01:15" in flat
    assert f"工作站：{workspace.workstation_id}" in flat and "输入设备：USB会议麦克风" in flat
    assert f"{workspace.workstation_id[:8]}/USB会议麦克风" in flat  # the device column
    _snapshot(pdf, "capture-evidence-list")


def test_an_inquiry_record_carries_the_recording_hash_and_length(workspace, captured, clerk,
                                                                 penalty_case, tmp_path):
    pdf = preview_document(clerk, penalty_case.number, "inquiry_record", allow_missing=True)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert f"SHA-256哈希值：{captured.sha256}" in flat and "时长：0:01:15" in flat
    path = tmp_path / "inquiry.pdf"
    path.write_bytes(pdf)
    _snapshot(path, "capture-inquiry-record")
    # The clerk may cite another recording of the case instead: what they type is printed.
    other = "ab" * 32
    chosen = preview_document(clerk, penalty_case.number, "inquiry_record",
                              {"recording_sha256": other, "recording_duration": "0:20:00"},
                              allow_missing=True)
    chosen_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(chosen)).pages)
    flat = chosen_text.replace("\n", "").replace(" ", "")
    assert other in flat and "0:20:00" in flat and captured.sha256 not in flat


def _snapshot(pdf, name: str) -> None:  # noqa: ANN001
    """The first page as PNG for a person to look at (skipped without poppler)."""
    if shutil.which("pdftoppm") is None:
        return
    import os
    os.makedirs(SHOTS, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf),
                    f"{SHOTS}/{name}"], check=False, capture_output=True)
