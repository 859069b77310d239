"""`lawdesk gui --login-window --screenshot FILE`: what installers/check-deb.sh and
benchmarks/cold_start.py start. The one child-process smoke test of the installer
commands (self-check, restore-backup, this): a real start, up to the login window."""
from __future__ import annotations

import json


def test_the_login_window_is_drawn_into_a_picture(cli, cli_here, workspace, tmp_path):
    workspace.close()
    picture, ready = tmp_path / "login.png", tmp_path / "ready.txt"
    result = cli("gui", "--login-window", "--screenshot", str(picture), password=None,
                 env={"LAWDESK_READY_FILE": str(ready)})
    assert result.returncode == 0, result.stderr
    assert float(ready.read_text()) > 0  # when it was up, for the benchmark
    stats = cli_here("self-check", "--qt-probe", "--picture", str(picture))
    assert stats.returncode == 0
    answer = json.loads(stats.stdout)
    assert answer["readable"] and not answer["blank"], answer
    assert answer["width"] >= 300 and answer["colours"] > 50


def test_a_blank_picture_is_told_apart(cli_here, tmp_path):
    from PySide6.QtGui import QColor, QImage
    blank = tmp_path / "blank.png"
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(blank))
    answer = json.loads(cli_here("self-check", "--qt-probe", "--picture", str(blank)).stdout)
    assert answer["blank"] and answer["colours"] == 1
