"""Noticing recorder volumes being plugged in and pulled out.

One small interface, one module per platform (as Vorta does for its keyrings): a
``VolumeSource`` lists the removable volumes mounted now, and ``VolumeWatcher`` polls it on
a thread of its own and calls back on each change. Polling a mount table or a drive bitmask
once a second costs nothing and needs neither root, nor udev, nor a window handle.

Callbacks run on the watcher's thread: the desktop hands them to the UI thread by a queued
signal; they must not block. Whether to offer or start an offload is the caller's choice,
by :func:`devices.offload.profiles.recognise` and the setting ``footage.auto_offload`` (see
:func:`should_start_on_its_own`): a volume no profile recognises is only ever offered.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol


@dataclass(frozen=True)
class Volume:
    root: Path              # where its files are: a mount point, or a drive like E:\
    label: str              # what to call it on screen
    device: str | None = None   # the block device or drive letter, where known


class VolumeSource(Protocol):
    def volumes(self) -> frozenset[Volume]: ...


def platform_source() -> VolumeSource:
    """The volume source of the platform this runs on."""
    if sys.platform.startswith("win"):
        from devices.offload.volumes.windows import WindowsVolumes
        return WindowsVolumes()
    if sys.platform.startswith("linux"):
        from devices.offload.volumes.linux import LinuxVolumes
        return LinuxVolumes()
    from devices.offload.volumes.folder import FolderVolumes
    return FolderVolumes(Path("/Volumes"))  # macOS mounts every volume there


VolumeCallback = Callable[[Volume], None]


class VolumeWatcher:
    """Calls ``on_mount`` for each volume that appears and ``on_unmount`` for each that goes.

    Volumes already mounted when the watcher starts are reported as mounted too, unless
    ``report_existing`` is False. ``poll()`` runs one round by hand (tests, or a caller with
    a timer of its own)."""

    def __init__(self, on_mount: VolumeCallback, on_unmount: VolumeCallback, *,
                 source: VolumeSource | None = None, interval: float = 1.0,
                 report_existing: bool = True) -> None:
        self.on_mount, self.on_unmount = on_mount, on_unmount
        self.source = source or platform_source()
        self.interval = interval
        self._known: frozenset[Volume] = frozenset()
        if not report_existing:
            self._known = self._list()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def current(self) -> frozenset[Volume]:
        return self._known

    def _list(self) -> frozenset[Volume]:
        try:
            return self.source.volumes()
        except OSError:
            return self._known  # a mount table caught mid-change: try again next round

    def poll(self) -> tuple[list[Volume], list[Volume]]:
        now = self._list()
        mounted = sorted(now - self._known, key=lambda v: str(v.root))
        gone = sorted(self._known - now, key=lambda v: str(v.root))
        self._known = now
        for volume in gone:
            self.on_unmount(volume)
        for volume in mounted:
            self.on_mount(volume)
        return mounted, gone

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="lawdesk-volumes", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval)


def should_start_on_its_own(db, recognised: bool) -> bool:  # noqa: ANN001
    """Whether a plugged-in volume may be offloaded without a person starting it: only a
    recognised recorder, and only when the admin set ``footage.auto_offload``."""
    if not recognised:
        return False
    from config.settings import get_setting
    return bool(get_setting(db, "footage.auto_offload"))
