"""Windows: removable drives, from the logical drive bitmask (GetLogicalDrives) and each
drive's type (GetDriveTypeW), polled through ctypes; no window handle or service needed."""
from __future__ import annotations

import ctypes
from pathlib import Path

from devices.offload.volumes import Volume

DRIVE_REMOVABLE = 2


class WindowsVolumes:
    def __init__(self) -> None:
        self.kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]

    def _label(self, root: str) -> str:
        buffer = ctypes.create_unicode_buffer(261)
        ok = self.kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), buffer, 261,
                                                 None, None, None, None, 0)
        return buffer.value if ok and buffer.value else root.rstrip("\\")

    def volumes(self) -> frozenset[Volume]:
        mask = self.kernel32.GetLogicalDrives()
        found = set()
        for index in range(26):
            if not mask & (1 << index):
                continue
            letter = chr(ord("A") + index)
            root = f"{letter}:\\"
            if self.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
                continue
            found.add(Volume(Path(root), self._label(root), f"{letter}:"))
        return frozenset(found)
