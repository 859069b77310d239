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


def _entries(directory: str | Path) -> list[os.DirEntry]:
    try:
        with os.scandir(directory) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError:
        return []


def _walk(root: Path, start: Path, profile: RecorderProfile,
          found: dict[str, SourceEntry], links: list[str]) -> None:
    """Depth first, each folder's entries by name, a folder's contents before its next
    sibling. An explicit stack of the folders being listed, not recursion: a volume may be
    nested deeper (1,500 folders, a hostile or broken card) than Python's recursion limit."""
    # Each level: its entries still to visit and its path relative to the root, "/"-ended
    # (kept rather than worked out per entry, which costs the depth each time).
    base = start.relative_to(root).as_posix()
    stack = [(iter(_entries(start)), "" if base == "." else base + "/")]
    while stack:
        entries, folder = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        relative = printable(folder + entry.name)
        if entry.is_symlink():  # never followed: no loops, nothing outside the volume
            links.append(relative)
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name.lower() not in SYSTEM_FOLDERS and not entry.name.startswith("."):
                # entry.path as it is: a Path of each folder would parse the whole depth
                stack.append((iter(_entries(entry.path)), folder + entry.name + "/"))
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
