"""Writing files so that a crash never leaves half a file behind."""
from __future__ import annotations

import os
import threading
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to a temporary name beside ``path``, fsync, then rename over it."""
    path = Path(path)
    # Unique per thread as well as per process: two threads writing the same file at once
    # must not share (and rename away) one temporary file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """Create ``path`` readable and writable by its owner only; never overwrite one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(Path(path).parent)


def remove_file(path: Path) -> None:
    """Remove a file if it is there, read-only or not (Windows will not unlink a read-only
    file; the write-once stores make theirs read-only)."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except PermissionError:  # pragma: no cover - Windows only
        os.chmod(path, 0o644)
        path.unlink()
