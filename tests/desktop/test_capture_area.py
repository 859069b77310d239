"""The Capture area driven with qtbot: a video file as the camera, its live picture, a still
taken with Space landing in the case's evidence, a clip recorded and stored, the audio
panel on a machine without an input device, and closing the window over a recording."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from capture.devices import list_inputs
from capture.storing import capture_area
from desktop.main_window import MainWindow
from desktop.views.capture.area import CaptureArea
from tests.capture.conftest import DEVICE, SYSTEM_ALSA, audio_rig  # noqa: F401 - fixture
from tests.casework.conftest import (  # noqa: F401 - fixtures
    admin_ctx, bureau, case_input, clerk, example_data, example_input, penalty_case,
)

SHOTS = os.environ.get("LAWDESK_SHOTS")    # a folder: save pictures of the area to check
SIZE = (1280, 720)


@pytest.fixture(scope="module")
def camera_file(tmp_path_factory) -> Path:
    """A 10 fps document-camera recording: a page with a moving stripe."""
    path = tmp_path_factory.mktemp("camera") / "高拍仪.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 10.0, SIZE)
    page = np.full((SIZE[1], SIZE[0], 3), 235, np.uint8)
    cv2.rectangle(page, (200, 80), (1080, 660), (255, 255, 255), -1)
    for line in range(120, 640, 40):
        cv2.line(page, (260, line), (1020, line), (90, 90, 90), 3)
    for i in range(30):
        frame = page.copy()
        cv2.rectangle(frame, (200 + i * 25, 80), (240 + i * 25, 660), (40, 90, 200), -1)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def no_audio(monkeypatch):
    """A machine without an audio input, as the CI runner is: PortAudio reading the
    system's ALSA configuration only (not the test rig's devices)."""
    if Path("/proc/asound/cards").exists():
        pytest.skip("this machine has sound cards")
    import sounddevice as sd
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(SYSTEM_ALSA))
    sd._terminate()  # noqa: SLF001 - PortAudio re-reads ALSA's configuration
    sd._initialize()  # noqa: SLF001
    assert list_inputs().devices == ()
    yield
    monkeypatch.undo()
    sd._terminate()  # noqa: SLF001
    sd._initialize()  # noqa: SLF001


def shoot(area: CaptureArea, name: str) -> None:
    """A picture of the area to look at (laid out as the user sees it), when asked for."""
    if not SHOTS:
        return
    QApplication.processEvents()
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    area.grab().save(str(Path(SHOTS) / name))


def open_area(qtbot, settle, session) -> CaptureArea:  # noqa: ANN001
    area = CaptureArea(session)
    qtbot.addWidget(area)
    area.resize(1200, 720)
    area.show()
    settle(session)
    return area


def window_on_capture(qtbot, settle, session, case: str) -> tuple[MainWindow, CaptureArea]:  # noqa: ANN001
    """The main window showing the Capture area, ``case``'s investigation chosen."""
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    settle(session)
    window.show_area("capture")
    area = window.capture
    settle(session)
    area.target.choose(case, "investigation")
    return window, area


def open_camera(qtbot, settle, area: CaptureArea, source: Path) -> None:
    area.camera.source_box.setEditText(str(source))
    qtbot.mouseClick(area.camera.open_button, Qt.MouseButton.LeftButton)
    settle(area.session)
    qtbot.waitUntil(lambda: area.camera.preview.frames_shown >= 3, timeout=10_000)


def test_space_on_the_preview_stores_a_full_size_still_in_the_case(
        qtbot, settle, ui_session, penalty_case, camera_file):
    area = open_area(qtbot, settle, ui_session)
    area.target.choose(penalty_case.number, "investigation")
    assert area.target.target().case == penalty_case.number
    open_camera(qtbot, settle, area, camera_file)
    preview = area.camera.preview
    assert preview.image is not None and preview.image.width() <= 960   # a screen copy
    assert max(preview.latencies_ms) < 1000
    qtbot.keyClick(preview, Qt.Key.Key_Space)
    settle(ui_session)
    assert "已保存照片" in area.camera.feedback.text(), area.camera.feedback.text()
    from casework.evidence_links import case_evidence
    with ui_session.ctx.read() as session:   # the test's own thread, not the window's
        links = case_evidence(session, penalty_case.id)
    assert [(e.step, e.file.kind) for e in links] == [("investigation", "photo")]
    stored = ui_session.workspace.store.path_for(links[0].sha256)
    picture = cv2.imread(str(stored))
    assert picture.shape[1::-1] == SIZE                      # the full frame, not the preview
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == links[0].sha256
    shoot(area, "capture_area_still.png")
    area.camera.close_camera()


def test_a_clip_is_recorded_paused_and_stored(qtbot, settle, ui_session, penalty_case,
                                              camera_file, no_audio):
    area = open_area(qtbot, settle, ui_session)
    area.target.choose(penalty_case.number, "investigation")
    open_camera(qtbot, settle, area, camera_file)
    camera = area.camera
    qtbot.mouseClick(camera.record_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert camera.recording and area.recording
    qtbot.waitUntil(lambda: camera.clip.recorder.frames >= 6, timeout=10_000)
    qtbot.mouseClick(camera.pause_button, Qt.MouseButton.LeftButton)
    assert camera.pause_button.text() == "继续"
    qtbot.mouseClick(camera.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: camera.clip.recorder.frames >= 10, timeout=10_000)
    camera._tick()
    assert "录像" in camera.elapsed_label.text() and "剩余空间" in camera.space_label.text()
    shoot(area, "capture_area_recording.png")
    qtbot.mouseClick(camera.stop_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert not camera.recording
    assert "已保存录像" in camera.feedback.text(), camera.feedback.text()
    from casework.evidence_links import case_evidence
    with ui_session.ctx.read() as session:
        links = case_evidence(session, penalty_case.id)
    assert [e.file.kind for e in links] == ["video"]
    assert links[0].file.duration_s >= 1.0
    clip = cv2.VideoCapture(str(ui_session.workspace.store.path_for(links[0].sha256)))
    assert int(clip.get(cv2.CAP_PROP_FRAME_WIDTH)) == SIZE[0]
    clip.release()
    camera.close_camera()


def test_without_an_audio_device_the_panel_says_so(qtbot, settle, ui_session, bureau,
                                                   no_audio):
    area = open_area(qtbot, settle, ui_session)
    audio = area.audio
    assert audio.notice.isVisible()
    assert "没有可用的录音输入设备" in audio.notice.text()
    assert not audio.record_button.isEnabled()
    assert area.camera.open_button.isEnabled()      # the camera still works
    shoot(area, "capture_area_no_devices.png")


def test_a_camera_that_cannot_be_opened_is_named(qtbot, settle, ui_session, bureau,
                                                 tmp_path):
    area = open_area(qtbot, settle, ui_session)
    broken = tmp_path / "not-a-video.mp4"
    broken.write_bytes(b"not a video at all")
    area.camera.source_box.setEditText(str(broken))
    qtbot.mouseClick(area.camera.open_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert "not-a-video.mp4" in area.camera.feedback.text()
    assert "无法打开" in area.camera.feedback.text()
    assert area.camera.feed is None and not area.camera.still_button.isEnabled()


def test_closing_during_a_clip_asks_and_leaves_it_for_recovery(
        qtbot, settle, ui_session, penalty_case, camera_file, monkeypatch):
    window, area = window_on_capture(qtbot, settle, ui_session, penalty_case.number)
    open_camera(qtbot, settle, area, camera_file)
    qtbot.mouseClick(area.camera.record_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    window.showMinimized()           # the clip goes on: it records off the Qt threads
    window.show_area("footage")
    qtbot.waitUntil(lambda: area.camera.clip.recorder.frames >= 5, timeout=10_000)
    window.showNormal()
    asked = []

    def answer(button):  # noqa: ANN001, ANN202
        def question(parent, title, text, *args):  # noqa: ANN001, ANN202
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert not window.close()
    assert asked and "录制" in asked[0] and area.recording
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert window.close()
    left = sorted(p.suffix for p in capture_area(ui_session.workspace.store).glob("video-*"))
    assert left == [".json", ".lock", ".mp4"]
    from capture.camera_capture import recover_clips
    records = recover_clips(ui_session.workspace, ui_session.ctx)
    assert len(records) == 1 and records[0].recovered and records[0].kind == "video"
    assert records[0].case_id == penalty_case.number and records[0].duration_seconds >= 0.5
    assert not list(capture_area(ui_session.workspace.store).glob("video-*"))


def test_an_interview_is_recorded_marked_and_stored(qtbot, settle, ui_session, penalty_case,
                                                    audio_rig):
    area = open_area(qtbot, settle, ui_session)
    area.target.choose(penalty_case.number, "investigation")
    audio = area.audio
    index = audio.device_box.findData(DEVICE)
    assert index >= 0 and "ALSA" in audio.device_box.itemText(index)
    audio.device_box.setCurrentIndex(index)
    qtbot.mouseClick(audio.record_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert audio.recording and area.recording
    qtbot.waitUntil(lambda: audio.recorder.elapsed_s >= 0.6, timeout=10_000)
    audio.mark_label.setText("出示执法证件")
    qtbot.mouseClick(audio.mark_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert "已在" in audio.feedback.text()
    qtbot.waitUntil(lambda: audio.meter.value() > -60, timeout=5_000)   # the speech shows
    audio._tick()
    assert "已录" in audio.elapsed_label.text()
    shoot(area, "capture_area_audio.png")
    qtbot.mouseClick(audio.stop_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    assert "已保存录音" in audio.feedback.text(), audio.feedback.text()
    assert not audio.recording and audio.record_button.isEnabled()
    from casework.evidence_links import case_evidence
    with ui_session.ctx.read() as session:
        links = case_evidence(session, penalty_case.id)
    assert [(e.step, e.file.kind) for e in links] == [("investigation", "audio")]
    assert links[0].file.duration_s >= 0.6


def test_closing_during_an_interview_leaves_it_for_recovery(qtbot, settle, ui_session,
                                                            penalty_case, audio_rig,
                                                            monkeypatch):
    window, area = window_on_capture(qtbot, settle, ui_session, penalty_case.number)
    audio = area.audio
    audio.device_box.setCurrentIndex(audio.device_box.findData(DEVICE))
    qtbot.mouseClick(audio.record_button, Qt.MouseButton.LeftButton)
    settle(ui_session)
    recorder = audio.recorder
    qtbot.waitUntil(lambda: recorder.elapsed_s >= 0.6, timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    assert window.close()
    assert recorder.state == "stopped" and recorder.wav_path.exists()
    from capture.camera_capture import recover_all
    [item] = recover_all(ui_session.workspace, ui_session.ctx)
    assert item.record.recovered and item.record.kind == "audio"
    assert item.record.case_id == penalty_case.number
    assert item.record.duration_seconds >= 0.6
