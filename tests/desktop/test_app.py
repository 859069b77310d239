"""Starting the application: one window per data folder, the screenshot mode, the
language switch, and background jobs."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from PySide6.QtGui import QImage

from core.jobs import Cancelled
from desktop.app import AlreadyOpen, Controller, lock_data_folder
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO


def test_a_second_window_on_the_same_folder_is_refused(workspace):
    lock = lock_data_folder(workspace.data_dir)
    try:
        with pytest.raises(AlreadyOpen):
            lock_data_folder(workspace.data_dir)
    finally:
        lock.unlock()
    lock_data_folder(workspace.data_dir).unlock()  # free again once the first window closed


def test_gui_screenshot_logs_in_and_saves_the_window(cli, workspace, tmp_path):
    picture = tmp_path / "main.png"
    result = cli("gui", "--screenshot", str(picture), user=ADMIN)
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert image.width() >= 1000 and image.height() >= 600


def test_gui_screenshot_with_a_wrong_password_exits_2(cli, workspace, tmp_path):
    result = cli("gui", "--screenshot", str(tmp_path / "x.png"), user=ADMIN, password="wrong-one")
    assert result.returncode == 2
    assert "用户名或密码错误" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_gui_refuses_a_folder_already_open_in_another_window(cli, workspace, tmp_path):
    lock = lock_data_folder(workspace.data_dir)
    try:
        result = cli("gui", "--screenshot", str(tmp_path / "x.png"), user=ADMIN)
    finally:
        lock.unlock()
    assert result.returncode == 1
    assert "此数据文件夹已在另一个 LawDesk 窗口中打开" in result.stderr


def test_gui_checks_the_database_and_store_it_is_given(cli, data_dir, tmp_path):
    store, db_file = tmp_path / "big-disk" / "footage", tmp_path / "db-disk" / "ld.sqlite"
    db = f"sqlite:///{db_file}"
    assert cli("init", "--admin", ADMIN, "--store", str(store), db=db).returncode == 0
    picture = tmp_path / "main.png"
    result = cli("gui", "--screenshot", str(picture), "--store", str(store), user=ADMIN, db=db)
    assert result.returncode == 0, result.stderr
    assert picture.exists()
    refused = cli("gui", "--screenshot", str(tmp_path / "x.png"), "--store",
                  str(tmp_path / "elsewhere"), user=ADMIN)
    assert refused.returncode == 1
    assert str(store) in refused.stderr and "elsewhere" in refused.stderr
    assert not (tmp_path / "x.png").exists()


def test_switching_to_english_rebuilds_the_window_in_english(qtbot, qapp, workspace):
    controller = Controller(qapp, workspace)
    try:
        controller.login(ADMIN, ADMIN_PASSWORD)
        assert controller.window.navigation.item(0).text() == "音像资料"
        settings = controller.window.admin.settings
        settings.language.setCurrentIndex(settings.language.findData("en"))
        # Saved off the UI thread; the window is rebuilt in English when that is done.
        qtbot.waitUntil(lambda: controller.window.navigation.item(0).text() == "Footage")
        assert controller.window.pages.currentWidget() is controller.window.areas["admin"]
        assert workspace.language == "en"
    finally:
        controller.translations.apply("zh_CN")
        controller.window.close()
        controller.shutdown()


def test_a_background_job_reports_progress_and_can_be_cancelled(qtbot, runner):
    started = threading.Event()
    seen: list[tuple[int, int]] = []
    outcome: list[str] = []

    def work(progress, cancel):
        step = 0
        while True:
            step += 1
            progress(step, 0, "")
            started.set()
            if cancel.cancelled:
                raise Cancelled()
            threading.Event().wait(0.005)

    job = runner.submit(work, on_progress=lambda d, t, n: seen.append((d, t)),
                        on_cancelled=lambda: outcome.append("cancelled"),
                        on_success=lambda _: outcome.append("finished"))
    assert started.wait(5)
    qtbot.waitUntil(lambda: len(seen) > 0, timeout=2_000)
    job.cancel()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=2_000)
    assert runner.active == 0


def test_progress_counts_past_two_gibibytes_arrive_whole(qtbot, runner):
    """Offload progress is in bytes; a 4 GB card must not overflow Qt's 32-bit int."""
    seen: list[tuple[int, int, str]] = []
    total = 4 * 1024 ** 3
    runner.submit(lambda progress, cancel: progress(3 * 1024 ** 3, total, "copy"),
                  on_progress=lambda d, t, n: seen.append((d, t, n)))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2_000)
    assert seen == [(3 * 1024 ** 3, total, "copy")]


def test_a_failing_job_hands_its_error_to_the_ui_thread(qtbot, runner):
    errors: list[Exception] = []
    runner.submit(lambda progress, cancel: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=2_000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_translations_are_complete_and_built():
    result = subprocess.run([sys.executable, "tools/translations.py", "--check"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
