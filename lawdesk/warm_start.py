"""Asking the kernel for the modules a command will import, before it imports them.

`lawdesk ingest` imports some 550 modules before its first byte is stored: the database
layer, its models, the cryptography bindings. On a workstation just switched on they are
not in memory, and each import then waits for its own small read from the disk, one after
the other, while the recorder's read-ahead (devices.offload.readahead) shares that disk.
Measured on the offload benchmark's machine: the imports took 0.9 s from memory and 1.3 s
from the disk alone, 1.4 to 1.7 s beside the read-ahead.

:func:`prefetch` hands the kernel, from a thread of its own, every compiled module and
extension library of the given packages with ``posix_fadvise(WILLNEED)``: the reads are
queued at once and served together while the interpreter is still busy with the first
imports, so that most later imports find their files in memory. It reads nothing itself,
keeps nothing, and a file it cannot open is simply left to the import that needs it. Where
the kernel takes no such advice (Windows, macOS) it does nothing.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import threading
from pathlib import Path
from typing import Iterable, Iterator

WILL_NEED = getattr(os, "POSIX_FADV_WILLNEED", None) if hasattr(os, "posix_fadvise") else None
# What an import reads: compiled modules of this interpreter, and extension libraries.
_SUFFIXES = (f".{sys.implementation.cache_tag}.pyc",
             *importlib.machinery.EXTENSION_SUFFIXES)


def prefetch(packages: Iterable[str]) -> threading.Thread | None:
    """Start asking for the files of ``packages`` (top-level names); the thread, or None
    where there is nothing to do. Never raises."""
    if WILL_NEED is None:
        return None
    thread = threading.Thread(target=_prefetch, args=(tuple(packages),),
                              name="lawdesk-warm-start", daemon=True)
    thread.start()
    return thread


def module_files(packages: Iterable[str]) -> list[Path]:
    """The compiled modules and extension libraries an import of ``packages`` may read:
    every one under a package's folder, or a single module's own file."""
    found: list[Path] = []
    for spec in _specs(packages):
        for folder in spec.submodule_search_locations or ():
            for parent, _, files in os.walk(folder):
                found.extend(Path(parent, file) for file in files if file.endswith(_SUFFIXES))
        if spec.submodule_search_locations is None and spec.origin:
            found.append(Path(spec.cached or spec.origin))
    return found


def uncompiled_modules(packages: Iterable[str]) -> list[Path]:
    """The source modules of ``packages`` with no compiled file as new as the source.

    Each is compiled when it is imported, and with PYTHONDONTWRITEBYTECODE set the result is
    never kept: every start pays for it again, :func:`prefetch` has no file to ask for, and
    a compile holds the interpreter lock throughout, so one that a window's worker thread
    starts freezes the window meanwhile. scripts/setup.sh compiles them; the benchmarks
    say when it has not."""
    stale: list[Path] = []
    for spec in _specs(packages):
        for folder in spec.submodule_search_locations or ():
            for parent, folders, files in os.walk(folder):
                folders[:] = [name for name in folders if name != "__pycache__"]
                sources = (Path(parent, name) for name in files if name.endswith(".py"))
                stale.extend(source for source in sources if not _compiled(source))
        if (spec.submodule_search_locations is None and spec.origin
                and spec.origin.endswith(".py") and not _compiled(Path(spec.origin))):
            stale.append(Path(spec.origin))
    return stale


def uncompiled_note() -> str | None:
    """For a benchmark's output: how many of LawDesk's own modules will be compiled at
    import (see :func:`uncompiled_modules`), whose figures then include the compiling; None
    when all are compiled."""
    root = Path(__file__).resolve().parents[1]
    stale = uncompiled_modules(sorted(p.parent.name for p in root.glob("*/__init__.py")))
    if not stale:
        return None
    return (f"note: {len(stale)} of LawDesk's modules have no up-to-date compiled file and "
            f"are compiled at each import, which these figures include; scripts/setup.sh "
            f"compiles them (first: {stale[0].relative_to(root)})")


def _compiled(source: Path) -> bool:
    try:
        cached = Path(importlib.util.cache_from_source(str(source)))
        return cached.stat().st_mtime >= source.stat().st_mtime
    except (OSError, NotImplementedError, ValueError):
        return False


def _specs(packages: Iterable[str]) -> Iterator[importlib.machinery.ModuleSpec]:
    for name in packages:
        try:
            spec = importlib.util.find_spec(name)  # a top-level name: nothing is imported
        except (ImportError, ValueError):
            continue
        if spec is not None:
            yield spec


def _prefetch(packages: tuple[str, ...]) -> None:
    try:
        files = module_files(packages)
    except Exception:  # noqa: BLE001 - a hint, never a reason to fail (a frozen build's
        return         # importer may find modules where there are no files to ask for)
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, WILL_NEED)
        except OSError:
            pass
        finally:
            os.close(fd)
