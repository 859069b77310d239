"""Finding the media files on a volume, without ever following a symbolic link."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from devices.offload.profiles import RecorderProfile, matches

# Folders operating systems keep on removable volumes; never footage.
SYSTEM_FOLDERS = frozenset({"system volume information", "$recycle.bin", "lost+found",
                            ".trashes", ".spotlight-v100", ".fseventsd"})


@dataclass(frozen=True)
class SourceEntry:
    relative: str        # relative to the volume's root, "/" separators
    path: Path
    size: int
    mtime_ns: int
    in_important_folder: bool

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Scan:
    files: tuple[SourceEntry, ...]
    links: tuple[str, ...]   # symbolic links met on the way, not followed


def printable(name: str) -> str:
    """A name as records keep it. A volume mounted with the wrong character set gives names
    that are not valid text (GBK bytes read as UTF-8): their bytes are kept as \\x escapes,
    so each name stays distinct and the record can still be written."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan_volume(root: Path, profile: RecorderProfile) -> Scan:
    root = Path(root)
    if profile.media_folders:
        starts = [p for f in profile.media_folders for p in matches(root, f)
                  if not p.is_symlink() and p.is_dir()]
    else:
        starts = [root]
    found: dict[str, SourceEntry] = {}
    links: list[str] = []
    for start in starts:
        _walk(root, start, profile, found, links)
    return Scan(tuple(found[k] for k in sorted(found)), tuple(sorted(set(links))))


def _walk(root: Path, directory: Path, profile: RecorderProfile,
          found: dict[str, SourceEntry], links: list[str]) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        relative = printable(Path(entry.path).relative_to(root).as_posix())
        if entry.is_symlink():
            links.append(relative)
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name.lower() not in SYSTEM_FOLDERS and not entry.name.startswith("."):
                _walk(root, Path(entry.path), profile, found, links)
            continue
        if entry.name.startswith("."):  # macOS "._" resource forks and the like
            continue
        extension = entry.name.rsplit(".", 1)[-1].lower() if "." in entry.name else ""
        if extension not in profile.extensions:
            continue
        st = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode):
            continue
        parts = {p.upper() for p in Path(relative).parts[:-1]}
        found[relative] = SourceEntry(relative, Path(entry.path), st.st_size, st.st_mtime_ns,
                                      bool(parts & profile.important_folders))
