"""Linux: removable volumes are what the desktop's automounter (udisks) mounts under
/media/USER or /run/media/USER; read from the kernel's mount table."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from devices.offload.volumes import Volume

ROOTS = (Path("/media"), Path("/run/media"))
MOUNTINFO = Path("/proc/self/mountinfo")
# Pseudo and system file systems never hold a recorder's files.
IGNORED_TYPES = frozenset({"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
                           "overlay", "squashfs", "autofs", "debugfs", "tracefs", "securityfs",
                           "pstore", "bpf", "mqueue", "hugetlbfs", "fusectl", "configfs",
                           "binfmt_misc", "nsfs", "ramfs"})


def _unescape(text: str) -> str:
    """mountinfo writes space, tab, newline and backslash in paths as octal escapes."""
    out, i = [], 0
    while i < len(text):
        code = text[i + 1:i + 4]
        if text[i] == "\\" and len(code) == 3 and all(c in "01234567" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[tuple[Path, str, str]]:
    """(mount point, file system type, source) of each line of /proc/PID/mountinfo."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if "-" not in fields or len(fields) < 7:
            continue
        dash = fields.index("-")
        if len(fields) < dash + 3:
            continue
        mounts.append((Path(_unescape(fields[4])), fields[dash + 1], _unescape(fields[dash + 2])))
    return mounts


class LinuxVolumes:
    def __init__(self, roots: Sequence[Path] = ROOTS, mountinfo: Path = MOUNTINFO,
                 ignored_types: frozenset[str] = IGNORED_TYPES) -> None:
        self.roots = tuple(Path(r) for r in roots)
        self.mountinfo = Path(mountinfo)
        self.ignored_types = ignored_types

    def _under_a_root(self, mount_point: Path) -> bool:
        return any(mount_point != root and mount_point.is_relative_to(root)
                   for root in self.roots)

    def volumes(self) -> frozenset[Volume]:
        found = set()
        for mount_point, fs_type, source in parse_mountinfo(self.mountinfo.read_text()):
            if fs_type in self.ignored_types or not self._under_a_root(mount_point):
                continue
            found.add(Volume(mount_point, mount_point.name, source or None))
        return frozenset(found)
