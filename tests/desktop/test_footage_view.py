"""Offloading from the window: a plugged-in recorder is noticed and offered, the offload
shows its progress without freezing the window, and the library shows what was stored."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.session import UiSession
from desktop.views.footage.area import FootageArea
from devices.offload.volumes import Volume
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.stand_ins import Plugged


def _video(path: Path, seed: int) -> None:
    import cv2
    import numpy as np
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.stem + ".tmp.avi")
    writer = cv2.VideoWriter(str(temp), cv2.VideoWriter_fourcc(*"MJPG"), 30, (64, 48))
    rng = np.random.default_rng(seed)
    for _ in range(30):
        writer.write(rng.integers(0, 255, (48, 64, 3), np.uint8))
    writer.release()
    temp.rename(path)


@pytest.fixture
def camera(tmp_path):
    root = tmp_path / "usb0"
    (root / "RECORD").mkdir(parents=True)
    (root / "DEVICE.TXT").write_text("SN=J001234\n")
    _video(root / "RECORD" / "J001234_22010001_20260615101500_0001_IMP.AVI", 1)
    _video(root / "RECORD" / "J001234_22010001_20260615103000_0002.AVI", 2)
    (root / "RECORD" / "J001234_22010001_20260615110000_0003.MP4").write_bytes(b"\0junk" * 999)
    return root


@pytest.fixture
def desk(workspace, admin, runner, translations, as_role):
    add_unit(admin, "综合执法一科", "执一")
    add_officer(admin, "张伟", "执一", CertificateInput("22010001", date(2030, 12, 31),
                                                        date(2020, 1, 1)))
    return UiSession(workspace, as_role("officer", "clerk", username="zhangwei"), runner,
                     "zh_CN")


def test_a_plugged_in_recorder_is_offered_then_offloaded_and_listed(qtbot, desk, camera):
    plugged = Plugged()
    area = FootageArea(desk, watcher_source=plugged)
    qtbot.addWidget(area)
    page = area.offload
    plugged.now = frozenset({Volume(camera, "USB 0")})
    page.watcher.poll()
    qtbot.waitUntil(lambda: page.volumes.count() == 1
                    and "执法记录仪 J001234" in page.volumes.item(0).text(), timeout=5_000)
    assert not page.job_views  # recognised, but offered only: auto offload is off

    import time
    ticks: list[float] = []
    from PySide6.QtCore import QTimer
    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    page.volumes.setCurrentRow(0)
    page.offload_volume.click()
    job = page.job_views[0]
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    heartbeat.stop()
    # The window kept handling events all through the offload: no gap between two ticks
    # of a 10 ms timer came near a freeze a user would notice. (The 50 ms target is
    # measured by benchmarks/ui_responsiveness.py, not asserted on a shared CI machine.)
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:])]
    assert len(ticks) > 10 and max(gaps) < 1.0, f"longest gap {max(gaps):.3f} s"
    result = done.args[0]
    assert (result.count("stored"), result.failed) == (3, 0)
    assert job.outcomes.rowCount() == 3
    assert job.numbers.text().startswith("新存 3 个，已有 0 个，失败 0 个")

    plugged.now = frozenset()
    page.watcher.poll()
    assert page.volumes.count() == 0

    library = area.library   # out of date since the offload stored its files: shown, it reloads
    area.show()
    area.tabs.setCurrentWidget(library)
    qtbot.waitUntil(lambda: library.model.rowCount() == 3, timeout=5_000)
    names = {library.model.data(library.model.index(r, 0)) for r in range(3)}
    assert "J001234_22010001_20260615101500_0001_IMP.AVI" in names
    marks = {library.model.data(library.model.index(r, 7)) for r in range(3)}
    assert {"重要", "无法解码"} <= marks
    library.important.setChecked(True)
    qtbot.waitUntil(lambda: library.model.rowCount() == 1)
    library.table.selectRow(0)
    qtbot.waitUntil(lambda: any(f.sha256 in library.detail.toPlainText()
                                for f in result.files))


def test_an_open_library_shows_footage_offloaded_by_another_process(qtbot, desk, camera, cli,
                                                                   workspace):
    from accounts.users import add_user
    add_user(workspace.context(_admin_actor()), "offloader", "offloader-pass-1", ["officer"],
             officer_certificate="22010001")
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    area.show()
    area.tabs.setCurrentWidget(area.library)
    qtbot.waitUntil(lambda: area.library.model.loaded_once)
    assert area.library.model.rowCount() == 0
    result = cli("ingest", str(camera), user="offloader", password="offloader-pass-1")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: area.library.model.rowCount() == 3, timeout=2_000)  # no click


def _admin_actor():  # noqa: ANN202
    from core.actor import Actor
    return Actor(username="admin", roles=frozenset({"admin"}))


def test_an_unknown_volume_is_not_touched(qtbot, desk, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "holiday.jpg").write_bytes(b"\xff\xd8not really")
    plugged = Plugged()
    area = FootageArea(desk, watcher_source=plugged)
    qtbot.addWidget(area)
    plugged.now = frozenset({Volume(stick, "U 盘")})
    area.offload.watcher.poll()
    qtbot.waitUntil(lambda: "未识别的设备" in area.offload.volumes.item(0).text(),
                    timeout=5_000)
    assert not area.offload.job_views


def test_a_volume_label_cannot_write_escape_codes_into_the_window(qtbot, desk, tmp_path):
    # The label is the device's to choose: terminal colours and a bidi override in it.
    stick = tmp_path / "stick"
    stick.mkdir()
    plugged = Plugged()
    area = FootageArea(desk, watcher_source=plugged)
    qtbot.addWidget(area)
    plugged.now = frozenset({Volume(stick, "CAM\x1b[31m\u202egpj.exe")})
    area.offload.watcher.poll()
    qtbot.waitUntil(lambda: "未识别的设备" in area.offload.volumes.item(0).text(),
                    timeout=5_000)
    text = area.offload.volumes.item(0).text()
    assert "\x1b" not in text and "\u202e" not in text
    assert "CAM\\x1b[31m\\u202egpj.exe" in text


def test_a_recorder_whose_clock_runs_fast_is_named_after_its_offload(qtbot, desk, camera,
                                                                     admin):
    from devices.registry import add_device
    # The offload process keeps real time; a file named years ahead of it shows the
    # recorder's clock is fast, whatever the allowance since its registration.
    add_device(admin, "J001234", "body_camera", "执一")
    _video(camera / "RECORD" / "J001234_22010001_20400615101500_0004.AVI", 4)
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera)
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args[0].clock["status"] == "ahead"
    assert job.device_warning.isVisibleTo(job)
    assert job.device_warning.text().startswith("记录仪时钟偏快至少 ")


def test_cancelling_an_offload_stops_it_and_says_so(qtbot, desk, camera):
    import random
    for i in range(12):  # enough to copy that the cancel lands before the last file
        name = f"J001234_22010001_2026061512{i:02d}00_{i + 4:04d}.MP4"
        (camera / "RECORD" / name).write_bytes(random.Random(i).randbytes(16 << 20))
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera)
    qtbot.waitUntil(lambda: job.file_label.text() != "", timeout=30_000)  # copying now
    job.cancel()
    assert job.numbers.text() == "正在取消（当前文件结束后停止）…"
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    result = done.args[0]
    assert result.cancelled and len(result.files) < 3 + 12
    assert job.numbers.text().startswith("已取消。")


def test_an_offload_beyond_the_lanes_says_it_waits_then_runs(qtbot, desk, camera):
    import threading

    from desktop.jobs import OFFLOADS_AT_ONCE
    release = threading.Event()
    for _ in range(OFFLOADS_AT_ONCE):  # recorders already offloading
        desk.runner.submit(lambda progress, cancel: release.wait(30), lane="offload")
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera)
    try:
        qtbot.wait(300)
        assert job.numbers.text() == "正在等待其他导入完成…"
    finally:
        release.set()
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args[0].count("stored") == 3


def test_an_offload_cancelled_while_it_waits_copies_nothing(qtbot, desk, camera, workspace):
    import threading

    from sqlalchemy import func, select

    from db.models.footage import OffloadSession
    from desktop.jobs import OFFLOADS_AT_ONCE
    release = threading.Event()
    for _ in range(OFFLOADS_AT_ONCE):
        desk.runner.submit(lambda progress, cancel: release.wait(30), lane="offload")
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera)
    try:
        qtbot.waitUntil(lambda: job.numbers.text() == "正在等待其他导入完成…", timeout=5_000)
        job.cancel_button.click()
        assert not job.cancel_button.isEnabled()
    finally:
        release.set()
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args[0] is None
    assert job.numbers.text() == "已在开始前取消，未复制任何文件。"
    with workspace.db.read() as session:  # no child started, so no session on record
        assert session.scalar(select(func.count()).select_from(OffloadSession)) == 0


def test_progress_is_drawn_with_the_newest_figures_not_every_report(qtbot, desk, camera):
    import threading

    from desktop.jobs import OFFLOADS_AT_ONCE
    release = threading.Event()
    for _ in range(OFFLOADS_AT_ONCE):  # the view's own offload waits: only our reports count
        desk.runner.submit(lambda progress, cancel: release.wait(30), lane="offload")
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera)
    try:
        for i in range(1, 501):  # a burst, as when many small files end at once
            job._progress(i * 2 * 1024 * 1024, 1000 * 1024 * 1024,
                          f"stored {i}/500 1024/1024 RECORD/{i:04d}.MP4")
        assert job.numbers.text() == "正在等待其他导入完成…"  # nothing drawn per report
        qtbot.waitUntil(lambda: job.file_label.text() != "", timeout=2_000)
        assert job.file_label.text() == "第 500/500 个文件：RECORD/0500.MP4"
        assert job.numbers.text().startswith("1000.0 MB / 1000.0 MB")
        assert job.overall.value() == 1000
        job.cancel()
        job._progress(0, 1, "copy 1/1 0/1 RECORD/late.MP4")  # a report after the cancel
        qtbot.wait(300)
        assert job.numbers.text() == "正在取消（当前文件结束后停止）…"
    finally:
        release.set()
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass


def test_a_slow_or_failing_recorder_is_named_with_what_to_try(qtbot, desk, camera):
    """The device's rate over the last seconds, not since the start; below 5 MB/s for 10 s
    the window names the recorder and suggests another cable or port (the rules themselves:
    tests/offload/test_device_rate.py)."""
    import threading

    from desktop.jobs import OFFLOADS_AT_ONCE
    release = threading.Event()
    for _ in range(OFFLOADS_AT_ONCE):  # the view's own offload waits: only our reports count
        desk.runner.submit(lambda progress, cancel: release.wait(30), lane="offload")
    area = FootageArea(desk, watcher_source=Plugged())
    qtbot.addWidget(area)
    job = area.offload.start(camera, device_serial="J001234")
    now = [0.0]
    job.clock = lambda: now[0]
    mb, total = 1 << 20, 16_000_000_000  # as the window counts them (binary)
    note = "copy 1/3 {0}/4000000000 RECORD/J001234_22010001_20260615101500_0001_IMP.AVI"
    try:
        done = 0
        for _ in range(24):  # 12 s at 40 MB/s (USB 2) ...
            now[0] += 0.5
            done += 20 * mb
            job._progress(done, total, note.format(done))
        qtbot.waitUntil(lambda: "40.0 MB/秒" in job.numbers.text(), timeout=2_000)
        assert job.device_warning.isHidden()
        for _ in range(20):  # ... then 10 s at 2 MB/s: a worn cable
            now[0] += 0.5
            done += 1 * mb
            job._progress(done, total, note.format(done))
        qtbot.waitUntil(lambda: not job.device_warning.isHidden(), timeout=2_000)
        warning = job.device_warning.text()
        assert "J001234" in warning and "读取缓慢" in warning
        assert "请换另一根数据线或另一个USB接口" in warning
        assert "2.0 MB/秒" in job.numbers.text()  # the window's rate, not the average
        for _ in range(6):  # faster again: the warning goes
            now[0] += 0.5
            done += 40 * mb
            job._progress(done, total, note.format(done))
        qtbot.waitUntil(job.device_warning.isHidden, timeout=2_000)
        for index in (2, 3):  # two files the device failed to give
            job._progress(done, total, f"unreadable {index}/3 0/99 RECORD/{index}.MP4")
        qtbot.waitUntil(lambda: not job.device_warning.isHidden(), timeout=2_000)
        assert "J001234" in job.device_warning.text()
        assert "2 个文件读取失败" in job.device_warning.text()
        job.cancel()
    finally:
        release.set()
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
