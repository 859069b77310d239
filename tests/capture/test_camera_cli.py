"""`lawdesk capture still | clip` with a video file as the camera, and `capture recover`
storing a clip that a forced close left behind."""
from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from capture.camera import CameraSource
from capture.camera_capture import Clip
from capture.storing import capture_area
from evidence.hashing import sha256_of_file
from tests.capture.test_camera import SIZE, write_source
from tests.casework.conftest import (  # noqa: F401 - fixtures
    admin_ctx, bureau, case_input, clerk, example_data, example_input, penalty_case,
)
from tests.conftest import ADMIN


@pytest.fixture(scope="module")
def camera_file(tmp_path_factory) -> Path:
    return write_source(tmp_path_factory.mktemp("cli-camera") / "camera.mp4", frames=15)


def test_still_prints_the_stored_record_with_its_size(workspace, cli_here, penalty_case,
                                                      camera_file):
    done = cli_here("capture", "still", "--case", penalty_case.number, "--step", "调查取证",
                    "--camera", str(camera_file), "--format", "png", "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert (record["width"], record["height"]) == SIZE
    assert {"sha256", "size", "duration_seconds", "path"} <= set(record)
    assert sha256_of_file(Path(record["path"])) == (record["size"], record["sha256"])
    assert record["kind"] == "photo" and record["case"] == penalty_case.number
    assert record["step"] == "investigation" and record["timezone"]
    listed = json.loads(cli_here("case", "show", penalty_case.number, "--json",
                                 user=ADMIN).stdout)
    assert record["sha256"] in json.dumps(listed)


def test_clip_records_the_seconds_asked_for(workspace, cli_here, bureau, camera_file):
    done = cli_here("capture", "clip", "--camera", str(camera_file), "--seconds", "1",
                    "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["kind"] == "video" and record["duration_seconds"] == 1.0
    assert record["extra"]["frames"] == 10 and record["case"] is None
    clip = cv2.VideoCapture(record["path"])
    assert int(clip.get(cv2.CAP_PROP_FRAME_COUNT)) == 10
    clip.release()


def test_bad_cameras_and_options_are_refused_in_one_line(workspace, cli_here, bureau,
                                                          tmp_path):
    text = tmp_path / "statement.txt"
    text.write_text("not a video", encoding="utf-8")
    done = cli_here("capture", "still", "--camera", str(text), user=ADMIN)
    assert done.returncode == 1 and "statement.txt" in done.stderr
    assert "无法打开" in done.stderr and done.stdout == ""
    done = cli_here("capture", "still", "--camera", str(tmp_path / "gone.mp4"), user=ADMIN)
    assert done.returncode == 1 and "gone.mp4" in done.stderr
    for seconds in ("0", "14401", "x"):
        done = cli_here("capture", "clip", "--camera", str(text), "--seconds", seconds,
                        user=ADMIN)
        assert done.returncode == 1 and "--seconds" in done.stderr
    assert not list(capture_area(workspace.store).iterdir())


def test_recover_stores_a_clip_left_by_a_forced_close(workspace, cli_here, penalty_case,
                                                      clerk, camera_file):
    capture = cv2.VideoCapture(str(camera_file))
    clip = Clip(workspace, clerk, CameraSource("file", str(camera_file), "camera.mp4"),
                fps=10.0, width=SIZE[0], height=SIZE[1], case=penalty_case.number,
                step="investigation")
    for _ in range(8):
        clip.recorder.feed(capture.read()[1])
        clip.recorder.wait_for_room()
    capture.release()
    # While it records, recovery leaves it alone.
    done = cli_here("capture", "recover", "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    clip.leave_for_recovery()
    done = cli_here("capture", "recover", "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    [item] = json.loads(done.stdout)
    record = item["record"]
    assert item["error"] is None and record["recovered"] and record["kind"] == "video"
    assert record["case"] == penalty_case.number and record["captured_by"] == "clerk"
    assert record["duration_seconds"] == pytest.approx(0.8)
    assert sha256_of_file(Path(record["path"])) == (record["size"], record["sha256"])
    assert not list(capture_area(workspace.store).glob("video-*"))
    assert json.loads(cli_here("capture", "recover", "--json", user=ADMIN).stdout) == []
