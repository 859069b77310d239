"""Noticing recorders plugged in and pulled out: the Linux mount table, a real mount when the
machine allows one, and the rule that only a recognised recorder may start on its own."""
from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from config.settings import set_setting
from devices.offload.profiles import recognise
from devices.offload.volumes import Volume, VolumeWatcher, should_start_on_its_own
from devices.offload.volumes.folder import FolderVolumes
from devices.offload.volumes.linux import LinuxVolumes, parse_mountinfo

BASE = ("22 1 0:21 / /proc rw,relatime - proc proc rw\n"
        "29 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
        "30 29 0:40 / {media} rw,nosuid - tmpfs tmpfs rw\n")


def line(mount_point: Path, device: str, fs_type: str = "vfat") -> str:
    escaped = str(mount_point).replace(" ", "\\040")
    return f"41 29 8:17 / {escaped} rw,nosuid,nodev - {fs_type} {device} rw,uid=1000\n"


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Path]] = []
        self.changed = threading.Event()

    def mount(self, volume: Volume) -> None:
        self.events.append(("mount", volume.root))
        self.changed.set()

    def unmount(self, volume: Volume) -> None:
        self.events.append(("unmount", volume.root))
        self.changed.set()


def test_mountinfo_lines_are_parsed_with_their_escapes():
    text = line(Path("/media/zhang/CAM 01"), "/dev/sdb1") + "garbage\n"
    assert parse_mountinfo(text) == [(Path("/media/zhang/CAM 01"), "vfat", "/dev/sdb1")]


def test_linux_volumes_under_the_removable_roots_are_reported(tmp_path):
    media = tmp_path / "media"
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(BASE.format(media=media) + line(media / "zhang" / "CAM 01", "/dev/sdb1")
                         + line(tmp_path / "elsewhere", "/dev/sdc1"))
    volumes = LinuxVolumes(roots=[media], mountinfo=mountinfo).volumes()
    assert volumes == {Volume(media / "zhang" / "CAM 01", "CAM 01", "/dev/sdb1")}


def test_the_watcher_calls_back_on_mount_and_unmount(tmp_path):
    media = tmp_path / "media"
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(BASE.format(media=media))
    seen = Recorder()
    watcher = VolumeWatcher(seen.mount, seen.unmount, interval=0.02,
                            source=LinuxVolumes(roots=[media], mountinfo=mountinfo))
    watcher.start()
    try:
        camera = media / "zhang" / "CAM01"
        mountinfo.write_text(BASE.format(media=media) + line(camera, "/dev/sdb1"))
        assert seen.changed.wait(5)
        assert seen.events == [("mount", camera)]
        assert watcher.current == {Volume(camera, "CAM01", "/dev/sdb1")}
        seen.changed.clear()
        mountinfo.write_text(BASE.format(media=media))
        assert seen.changed.wait(5)
        assert seen.events == [("mount", camera), ("unmount", camera)]
    finally:
        watcher.stop()
    assert watcher._thread is None


def test_volumes_present_at_start_are_reported_unless_asked_not_to(tmp_path):
    root = tmp_path / "Volumes"
    (root / "CAM").mkdir(parents=True)
    seen = Recorder()
    VolumeWatcher(seen.mount, seen.unmount, source=FolderVolumes(root)).poll()
    assert seen.events == [("mount", root / "CAM")]
    quiet = Recorder()
    watcher = VolumeWatcher(quiet.mount, quiet.unmount, source=FolderVolumes(root),
                            report_existing=False)
    (root / "CAM2").mkdir()
    assert watcher.poll() == ([Volume(root / "CAM2", "CAM2")], [])
    assert quiet.events == [("mount", root / "CAM2")]


def _can_mount() -> bool:
    return shutil.which("mount") is not None and Path("/proc/self/mountinfo").exists()


@pytest.mark.skipif(not _can_mount(), reason="no mount command here")
def test_a_real_mount_is_noticed_and_recognised(tmp_path):
    """A tmpfs mounted under a folder standing in for /media (needs the right to mount)."""
    media = tmp_path / "media"
    camera = media / "officer" / "BODYCAM"
    camera.mkdir(parents=True)
    seen = Recorder()
    watcher = VolumeWatcher(seen.mount, seen.unmount, interval=0.02,
                            source=LinuxVolumes(roots=[media], ignored_types=frozenset()))
    watcher.start()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "lawdesk-test",
                                  str(camera)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("this machine does not allow mounting: " + mounted.stderr.decode())
        try:
            assert seen.changed.wait(5)
            assert seen.events == [("mount", camera)]
            (camera / "DEVICE.TXT").write_text("SN=J009999\n")
            found = recognise(camera)
            assert (found.recognised, found.device_serial) == (True, "J009999")
            seen.changed.clear()
        finally:
            subprocess.run(["umount", str(camera)], check=True)
        assert seen.changed.wait(5)
        assert seen.events[-1] == ("unmount", camera)
    finally:
        watcher.stop()


def test_only_a_recognised_recorder_may_start_on_its_own(workspace, as_role):
    assert not should_start_on_its_own(workspace.db, recognised=True)  # default: offer only
    set_setting(as_role("admin"), "footage.auto_offload", True)
    assert should_start_on_its_own(workspace.db, recognised=True)
    assert not should_start_on_its_own(workspace.db, recognised=False)


def test_a_source_failing_mid_change_keeps_the_last_known_volumes():
    class Flaky:
        calls = 0

        def volumes(self):  # noqa: ANN201
            self.calls += 1
            if self.calls == 2:
                raise OSError("mount table busy")
            return frozenset({Volume(Path("/media/x"), "x")})

    seen = Recorder()
    watcher = VolumeWatcher(seen.mount, seen.unmount, source=Flaky())
    watcher.poll()
    watcher.poll()
    watcher.poll()
    assert seen.events == [("mount", Path("/media/x"))]
