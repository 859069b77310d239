"""The camera through real opencv: a video file written with opencv is the camera; stills
and clips are stored, hashed, verified and linked to the case like offloaded footage."""
from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.camera import (
    CameraNotFound, CameraNotOpened, ClipRecorder, encode_still, open_camera, parse_source,
)
from capture.camera_capture import record_clip, take_still
from capture.preview import FrameGrabber, Mailbox
from capture.storing import capture_area
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from tests.casework.conftest import (  # noqa: F401 - fixtures
    admin_ctx, bureau, case_input, clerk, example_data, example_input, penalty_case,
)

FPS = 10.0
SIZE = (1280, 720)     # wider than a preview: a still must keep it


def frame_number(frame: np.ndarray, source: list[np.ndarray]) -> int:
    """Which of the source's frames ``frame`` is (the nearest: the clip is encoded again)."""
    return int(np.argmin([np.abs(frame[:64, :64].astype(int) - s[:64, :64]).mean()
                          for s in source]))


def all_frames(path: Path) -> list[np.ndarray]:
    capture = cv2.VideoCapture(str(path))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    return frames


def write_source(path: Path, frames: int = 20, size: tuple[int, int] = SIZE,
                 fps: float = FPS) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    assert writer.isOpened()
    rng = np.random.default_rng(7)
    texture = rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    for i in range(frames):
        frame = texture.copy()
        frame[:64, :64] = (i * 12, 255 - i * 12, 128)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture(scope="module")
def source_video(tmp_path_factory) -> Path:
    return write_source(tmp_path_factory.mktemp("camera") / "document-camera.mp4")


def first_frame(path: Path) -> np.ndarray:
    capture = cv2.VideoCapture(str(path))
    ok, frame = capture.read()
    capture.release()
    assert ok
    return frame


def test_a_still_is_the_full_resolution_frame_stored_and_linked(workspace, penalty_case,
                                                                clerk, source_video):
    taken = take_still(workspace, clerk, str(source_video), case=penalty_case.number,
                       step="investigation", fmt="png")
    record = taken.record
    assert (taken.width, taken.height) == SIZE
    stored = Path(record.path)
    data = stored.read_bytes()
    assert hashlib.sha256(data).hexdigest() == record.sha256 and len(data) == record.size
    # PNG is lossless: the stored picture is the source's first frame, pixel for pixel.
    picture = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert np.array_equal(picture, first_frame(source_video))
    as_json = taken.as_json()
    assert {"sha256", "size", "duration_seconds", "path", "width", "height"} <= set(as_json)
    assert as_json["kind"] == "photo" and as_json["case"] == penalty_case.number
    assert as_json["extra"]["format"] == "png"
    from casework.evidence_links import case_evidence
    with clerk.read() as session:
        links = case_evidence(session, penalty_case.id)
    assert [(e.sha256, e.step, e.file.kind) for e in links] == [
        (record.sha256, "investigation", "photo")]
    assert not list(capture_area(workspace.store).iterdir()), "the capture area is emptied"
    from evidence.verify import verify_store
    report = verify_store(workspace.db, workspace.store)
    assert report.intact and report.files >= 1


def test_a_jpeg_still_is_full_size(workspace, clerk, bureau, source_video):
    taken = take_still(workspace, clerk, str(source_video), case=None, step=None, fmt="jpg")
    picture = cv2.imread(str(taken.record.path))
    assert picture.shape[1::-1] == SIZE
    assert Path(taken.record.path).read_bytes()[:3] == b"\xff\xd8\xff"


def test_a_clip_holds_the_frames_asked_for(workspace, penalty_case, clerk, source_video):
    record = record_clip(workspace, clerk, str(source_video), seconds=1.2,
                         case=penalty_case.number, step=None)
    assert record.kind == "video" and record.case_id == penalty_case.number
    assert record.step == "investigation"
    assert record.duration_seconds == pytest.approx(1.2)
    assert record.extra["frames"] == 12 and record.extra["dropped_frames"] == 0
    assert hashlib.sha256(Path(record.path).read_bytes()).hexdigest() == record.sha256
    clip = cv2.VideoCapture(str(record.path))
    assert clip.get(cv2.CAP_PROP_FPS) == pytest.approx(FPS)
    clip.release()
    read, source = all_frames(Path(record.path)), all_frames(source_video)
    assert len(read) == 12
    assert read[0].shape[1::-1] == SIZE
    assert [frame_number(f, source) for f in read] == list(range(12))


def test_a_clip_from_a_short_file_ends_with_the_file(workspace, clerk, bureau, source_video):
    record = record_clip(workspace, clerk, str(source_video), seconds=60, case=None, step=None)
    assert record.extra["frames"] == 20
    assert record.duration_seconds == pytest.approx(2.0)


def test_sources_that_cannot_be_opened_are_named(tmp_path, workspace, clerk, bureau):
    not_video = tmp_path / "notes.txt"
    not_video.write_text("not a video", encoding="utf-8")
    with pytest.raises(CameraNotOpened) as refused:
        open_camera(str(not_video))
    assert "notes.txt" in refused.value.message("zh_CN")
    assert "notes.txt" in refused.value.message("en")
    with pytest.raises(CameraNotFound) as missing:
        parse_source(str(tmp_path / "no-such.mp4"))
    assert "no-such.mp4" in missing.value.message("en")
    with pytest.raises(InvalidInput):
        parse_source(str(tmp_path))
    with pytest.raises(CameraNotOpened):
        take_still(workspace, clerk, "57", case=None, step=None)   # no device 57 here
    assert not capture_area(workspace.store).exists() or not list(
        capture_area(workspace.store).iterdir())


def test_capturing_needs_the_right_to_store_footage(workspace, as_role, bureau, source_video):
    viewer = as_role("reviewer", username="reviewer")
    with pytest.raises(PermissionDenied):
        take_still(workspace, viewer, str(source_video), case=None, step=None)


def test_bad_formats_and_lengths_are_refused(workspace, clerk, bureau, source_video):
    with pytest.raises(InvalidInput):
        encode_still(np.zeros((4, 4, 3), np.uint8), "gif")
    for seconds in (0, -1, 4 * 3600 + 1):
        with pytest.raises(InvalidInput):
            record_clip(workspace, clerk, str(source_video), seconds=seconds, case=None,
                        step=None)


# ------------------------------------------------------------------- preview
def test_the_mailbox_holds_only_the_newest_item():
    box: Mailbox[int] = Mailbox()
    for i in range(100):
        box.put(i)
        assert len(box) == 1
    assert box.replaced == 99
    assert box.take(timeout=0) == 99
    assert box.take(timeout=0) is None and len(box) == 0


def test_the_grabber_never_queues_more_than_one_frame(source_video):
    camera = open_camera(str(source_video), loop=True)
    sizes: list[int] = []
    seen = threading.Event()

    def notified() -> None:
        sizes.append(len(grabber.display))
        if len(sizes) > 25:
            seen.set()

    grabber = FrameGrabber(camera, display_size=(640, 360), on_display=notified,
                           pace=False)
    grabber.start()
    try:
        assert seen.wait(10), grabber.error
        time.sleep(0.2)                      # nobody takes: frames are replaced, not queued
        assert max(sizes) == 1 and len(grabber.display) == 1
        shown = grabber.display.take(timeout=1)
        assert shown.image.shape == (360, 640, 3)         # downscaled for the screen
        newest = grabber.latest()
        assert newest.image.shape == (SIZE[1], SIZE[0], 3)  # stills keep the full frame
        assert grabber.display.replaced > 0
        assert grabber.frames > 20          # a file source loops for a preview
    finally:
        grabber.stop()
        camera.release()
    assert not grabber.is_alive()


def test_a_clip_recorder_fed_by_the_grabber_pauses(tmp_path, source_video):
    camera = open_camera(str(source_video), loop=True)
    grabber = FrameGrabber(camera, display_size=(320, 180))   # paced at the file's 10 fps
    recorder = ClipRecorder(tmp_path / "clip.mp4", fps=camera.fps, width=camera.width,
                            height=camera.height)
    grabber.add_sink(recorder.feed)
    grabber.start()
    try:
        deadline = time.monotonic() + 10
        while recorder.frames < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        recorder.pause()
        held = recorder.timeline_frames
        time.sleep(0.4)                        # 4 frames of the camera's, left out
        assert recorder.timeline_frames == held and recorder.frames <= held
        recorder.resume()
        while recorder.frames < held + 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        grabber.remove_sink(recorder.feed)
        grabber.stop()
        camera.release()
    clip = recorder.stop()
    assert clip.frames >= held + 3 and len(clip.pauses) == 1
    assert int(cv2.VideoCapture(str(clip.path)).get(cv2.CAP_PROP_FRAME_COUNT)) == clip.frames


def test_a_camera_is_chosen_by_the_name_the_system_lists(tmp_path, monkeypatch):
    import capture.camera
    listing = tmp_path / "video4linux"
    for index, name in ((0, "USB Document Camera"), (1, "USB Document Camera"),
                        (2, "Integrated Webcam")):
        (listing / f"video{index}").mkdir(parents=True)
        (listing / f"video{index}" / "name").write_text(name + "\n", encoding="utf-8")
    monkeypatch.setattr(capture.camera, "SYSFS_VIDEO", listing)
    chosen = parse_source("document camera")
    assert (chosen.kind, chosen.value, chosen.label) == ("index", 0, "0: USB Document Camera")
    assert parse_source("Integrated Webcam").value == 2
    assert parse_source("2").label == "2: Integrated Webcam"
    with pytest.raises(CameraNotFound) as missing:
        parse_source("高拍仪")
    assert "2: Integrated Webcam" in missing.value.message("zh_CN")


def test_a_clip_keeps_time_when_the_camera_is_late_or_early(tmp_path):
    recorder = ClipRecorder(tmp_path / "timeline.mp4", fps=10.0, width=64, height=48)
    frame = np.zeros((48, 64, 3), np.uint8)
    # Read at 0.0 and 0.1 s, then late (0.43: two frames missed), early (0.44), 0.52.
    for at in (100.0, 100.1, 100.43, 100.44, 100.52):
        recorder.feed(frame, at)
        recorder.wait_for_room()
    clip = recorder.stop()
    # The timeline wants frames at 0.0 … 0.5 s: six; the late one fills its gap.
    assert (clip.frames, clip.repeated, clip.skipped) == (6, 2, 1)
    assert clip.duration_s == pytest.approx(0.6)
    assert int(cv2.VideoCapture(str(clip.path)).get(cv2.CAP_PROP_FRAME_COUNT)) == 6
