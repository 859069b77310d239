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
from typing import Iterable

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
    for name in packages:
        try:
            spec = importlib.util.find_spec(name)  # a top-level name: nothing is imported
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        for folder in spec.submodule_search_locations or ():
            for parent, _, files in os.walk(folder):
                found.extend(Path(parent, file) for file in files if file.endswith(_SUFFIXES))
        if spec.submodule_search_locations is None and spec.origin:
            found.append(Path(spec.cached or spec.origin))
    return found


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
