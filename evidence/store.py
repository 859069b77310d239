"""The write-once, content-addressed footage store.

Layout under the data folder's ``store/``::

    sha256/ab/cd/abcd…      each piece of content, named by its SHA-256, read-only
    manifests/<session>.hashdeep.txt, <session>.json   what each offload session found
    staging/<run>/          files being copied; a run holds staging/<run>/lock while it works
    uploads/<id>.part       HQ only: tus uploads in progress (hq.files), installed from there

Nothing enters ``sha256/`` but a staging file that was written, fsynced, read back and
found to hash to its name; it is made read-only first and then linked into place atomically
(a link never replaces an existing name), and the directory is fsynced. How the read-back
reads is the admin's setting ``footage.readback`` (see :data:`READ_BACK_MODES`): through the
page cache after the fsync ("cache": the bytes the file system holds for the file are the
bytes hashed), or from the medium itself with the file's cached pages dropped first ("disk":
proves the disk, at the cost of reading everything again from it).

A file is never changed or removed once there. A run killed at any moment leaves at most a
staging folder (removed by the next run, see :meth:`FootageStore.clean_staging`) and possibly
a complete, correct file in ``sha256/`` that no record names yet; the next offload of the
same bytes adopts it after hashing it again.
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from core.errors import DomainError
from core.jobs import CancelToken
from core.files import fsync_dir, remove_file
from evidence.hashing import sha256_of_bytes, sha256_of_file
from evidence.locks import FileLock, try_lock

OBJECTS, MANIFESTS, STAGING = "sha256", "manifests", "staging"
UPLOADS = "uploads"
LOCK_NAME = "lock"
# In a run's staging folder: what it links into the store (StagingRun.note_linking).
JOURNAL_NAME = "linking.txt"
HEX64 = re.compile(r"^[0-9a-f]{64}$")
READ_ONLY = 0o444
READ_BACK_CACHE, READ_BACK_DISK = "cache", "disk"
READ_BACK_MODES = (READ_BACK_CACHE, READ_BACK_DISK)


class StoreCorrupt(DomainError):
    """A file in the store does not hash to its name."""

    code = "store_corrupt"
    zh = "证据库文件 {path} 内容与其哈希不符"
    en = "The store file {path} does not match its hash"


class ReadBackMismatch(DomainError):
    code = "read_back_mismatch"
    zh = "写入证据库的副本读回后哈希不符（应为 {expected}，读回 {found}）"
    en = ("The copy written to the store read back with a different hash ({found}, "
          "expected {expected})")


@dataclass(frozen=True)
class Installed:
    path: Path
    sha256: str
    # True when the content was already in the store (another sighting, or adopted after a
    # crash); the staging file was then discarded.
    existed: bool


class StagingRun:
    """A private staging folder, locked while its owner lives."""

    def __init__(self, store: "FootageStore", run_id: str, directory: Path, lock: FileLock):
        self.store, self.id, self.directory, self._lock = store, run_id, directory, lock
        self._counter = itertools.count(1)  # next() on it is atomic: several threads ask
        self._journal_lock = threading.Lock()

    def note_linking(self, sha256: str) -> None:
        """Say, durably, that this run is about to link ``sha256`` into the store. Content
        appears in the store before the record that names it is committed; should the
        process die between the two, this line is how the next run (and `verify`) knows
        the content is a crashed run's and not a stranger's (see dead_run_journals)."""
        with self._journal_lock:
            with open(self.directory / JOURNAL_NAME, "ab") as journal:
                journal.write(f"{sha256}\n".encode("ascii"))
                journal.flush()
                os.fdatasync(journal.fileno()) if hasattr(os, "fdatasync") \
                    else os.fsync(journal.fileno())

    def new_path(self, suffix: str = ".part") -> Path:
        return self.directory / f"{next(self._counter):06d}{suffix}"

    def close(self) -> None:
        """Remove the run's folder (whatever staging files are left) and drop the lock."""
        _remove_tree(self.directory, keep=self.directory / LOCK_NAME)
        try:
            (self.directory / LOCK_NAME).unlink()
        except FileNotFoundError:
            pass
        self._lock.release()
        try:
            self.directory.rmdir()
        except OSError:
            pass

    def __enter__(self) -> "StagingRun":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FootageStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # ----------------------------------------------------------------- layout
    @property
    def objects_dir(self) -> Path:
        return self.root / OBJECTS

    @property
    def manifests_dir(self) -> Path:
        return self.root / MANIFESTS

    @property
    def staging_dir(self) -> Path:
        return self.root / STAGING

    def path_for(self, sha256: str) -> Path:
        if not HEX64.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.objects_dir / sha256[:2] / sha256[2:4] / sha256

    def manifest_path(self, session_id: str, suffix: str) -> Path:
        return self.manifests_dir / f"{session_id}{suffix}"

    def has(self, sha256: str, size: int | None = None) -> bool:
        """Whether a regular file of that name (and size) is in the store; no hashing."""
        try:
            st = os.lstat(self.path_for(sha256))
        except FileNotFoundError:
            return False
        return stat.S_ISREG(st.st_mode) and (size is None or st.st_size == size)

    # ---------------------------------------------------------------- staging
    def begin_run(self, run_id: str | None = None) -> StagingRun:
        """A fresh staging folder, locked. A cleaner racing with the set-up either finds the
        lock held (and leaves the folder alone) or removes the folder first, and the set-up
        then starts again under a new name (see _lock_run)."""
        _make_dirs(self.staging_dir)
        for attempt in range(10):
            name = run_id if (run_id and attempt == 0) else uuid.uuid4().hex
            directory = self.staging_dir / name
            try:
                directory.mkdir()
                lock = _lock_run(directory)
            except (FileExistsError, FileNotFoundError):
                continue
            if lock is not None:
                return StagingRun(self, name, directory, lock)
        raise RuntimeError("could not set up a staging folder")

    def dead_run_journals(self) -> dict[str, list[str]]:
        """What runs that died linked, or were about to link, into the store: run id ->
        SHA-256s, from the journals (StagingRun.note_linking) of staging folders whose lock
        nobody holds (an empty list for a run that linked nothing). Live runs are left out.
        Account for what a run linked before passing its id to clean_staging: the journal
        goes with its folder."""
        found: dict[str, list[str]] = {}
        try:
            entries = list(os.scandir(self.staging_dir))
        except FileNotFoundError:
            return found
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                continue
            try:
                lock = _lock_run(Path(entry.path))
            except FileNotFoundError:
                continue
            if lock is None:
                continue  # alive
            try:
                lines = (Path(entry.path) / JOURNAL_NAME).read_text(
                    "ascii", errors="replace").split()
            except OSError:
                lines = []  # died before linking anything
            finally:
                lock.release()
            found[entry.name] = [line for line in lines if HEX64.fullmatch(line)]
        return found

    def clean_staging(self, runs: Iterable[str] | None = None) -> list[str]:
        """Remove what dead runs left in staging (only ``runs``, when given); returns their
        run ids. Live runs (their lock is held, by this process or another) are left
        alone."""
        wanted = None if runs is None else set(runs)
        cleaned: list[str] = []
        try:
            entries = list(os.scandir(self.staging_dir))
        except FileNotFoundError:
            return cleaned
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False) or (
                    wanted is not None and entry.name not in wanted):
                continue
            directory = Path(entry.path)
            try:
                lock = _lock_run(directory)
            except FileNotFoundError:
                continue  # removed meanwhile by another cleaner
            if lock is None:
                continue  # alive (or being removed by another cleaner)
            try:
                _remove_tree(directory, keep=directory / LOCK_NAME)
                (directory / LOCK_NAME).unlink(missing_ok=True)
            finally:
                lock.release()
            try:
                directory.rmdir()
            except OSError:
                continue
            cleaned.append(entry.name)
        return cleaned

    # ---------------------------------------------------------------- writing
    def verify_staged(self, staging: Path, sha256: str, *, readback: str = READ_BACK_CACHE,
                      cancel: CancelToken | None = None) -> None:
        """Read the fsynced staging file back (``readback``: "cache" or "disk", see the
        module's text); its hash must be ``sha256``."""
        _, found = sha256_of_file(staging, from_disk=_from_disk(readback), cancel=cancel)
        if found != sha256:
            raise ReadBackMismatch(expected=sha256, found=found)

    def install(self, staging: Path, sha256: str, *, trust_existing: bool = False,
                run: StagingRun | None = None) -> Installed:
        """Move a verified staging file into place, read-only; the staging name is gone after.

        When the content is already there: with ``trust_existing`` (the database records it)
        the staging file is simply dropped; without (a crash left it, or another process is
        storing the same bytes right now) the existing file is hashed first, and replaced if
        it is not what its name says."""
        final = self.path_for(sha256)
        _make_dirs(final.parent)
        os.chmod(staging, READ_ONLY)
        if run is not None:
            run.note_linking(sha256)
        if _link_no_clobber(staging, final):
            remove_file(staging)
            fsync_dir(final.parent)
            return Installed(final, sha256, existed=False)
        if not trust_existing:
            _, found = sha256_of_file(final)
            if found != sha256:
                # Never a recorded file (the caller would trust it): a damaged leftover.
                os.chmod(final, 0o644)
                final.unlink()
                if not _link_no_clobber(staging, final):
                    raise StoreCorrupt(path=final)
                remove_file(staging)
                fsync_dir(final.parent)
                return Installed(final, sha256, existed=False)
        remove_file(staging)
        return Installed(final, sha256, existed=True)

    def put_bytes(self, run: StagingRun, data: bytes, *,
                  readback: str = READ_BACK_CACHE) -> Installed:
        """Store small content (a thumbnail) by the same staging, read-back and link route."""
        sha256 = sha256_of_bytes(data)
        staging = run.new_path(".small")
        _write_synced(staging, data)
        self.verify_staged(staging, sha256, readback=readback)
        return self.install(staging, sha256, run=run)

    def write_manifest(self, run: StagingRun, session_id: str, suffix: str, data: bytes, *,
                       readback: str = READ_BACK_CACHE) -> tuple[Path, str]:
        """Write a manifest once (never over an existing one); returns its path and hash."""
        target = self.manifest_path(session_id, suffix)
        _make_dirs(target.parent)
        staging = run.new_path(".manifest")
        _write_synced(staging, data)
        sha256 = sha256_of_bytes(data)
        self.verify_staged(staging, sha256, readback=readback)
        os.chmod(staging, READ_ONLY)
        if not _link_no_clobber(staging, target):
            raise FileExistsError(target)
        remove_file(staging)
        fsync_dir(target.parent)
        return target, sha256

    # ---------------------------------------------------------------- reading
    def iter_objects(self) -> Iterator[tuple[str | None, Path]]:
        """Every entry under ``sha256/``, never following links: (digest named by a
        well-placed regular file, or None for anything else, path)."""
        yield from _walk_objects(self.objects_dir, depth=0, prefix="")


def _lock_run(directory: Path) -> FileLock | None:
    """Lock a run's lock file, or None when someone holds it. A lock is only good while the
    file locked is still the one named there: a cleaner removing the folder unlinks the lock
    file (and then releases it), so whoever opened that file before the unlink and locks it
    after the release holds a lock on nothing, in a folder about to vanish."""
    path = directory / LOCK_NAME
    lock = try_lock(path)
    if lock is None:
        return None
    try:
        held = os.path.samestat(os.fstat(lock.fd), os.lstat(path))
    except FileNotFoundError:
        held = False
    if not held:
        lock.release()
        return None
    return lock


def _walk_objects(directory: Path, depth: int, prefix: str) -> Iterator[tuple[str | None, Path]]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        path = Path(entry.path)
        if depth < 2:
            if (entry.is_dir(follow_symlinks=False) and len(entry.name) == 2
                    and all(c in "0123456789abcdef" for c in entry.name)):
                yield from _walk_objects(path, depth + 1, prefix + entry.name)
            else:
                yield None, path
            continue
        good = (entry.is_file(follow_symlinks=False) and HEX64.match(entry.name)
                and entry.name.startswith(prefix))
        yield (entry.name if good else None), path


def _from_disk(readback: str) -> bool:
    if readback not in READ_BACK_MODES:
        raise ValueError(f"read-back mode {readback!r} is not one of {READ_BACK_MODES}")
    return readback == READ_BACK_DISK


def _make_dirs(directory: Path) -> None:
    """mkdir -p, fsyncing each parent that gained a folder so the new name survives a crash."""
    missing = []
    current = directory
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        fsync_dir(folder.parent)


def _link_no_clobber(source: Path, target: Path) -> bool:
    """Give ``source`` the name ``target`` atomically, never replacing one; False if taken."""
    if os.name == "nt":  # pragma: no cover - Windows: rename refuses an existing target
        try:
            os.rename(source, target)
        except FileExistsError:
            return False
        # The staging name is gone already; recreate nothing. Callers unlink it harmlessly.
        return True
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    return True



def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_tree(directory: Path, keep: Path | None = None) -> None:
    """Remove a staging folder's contents (read-only files too), never following links."""
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return
    for entry in entries:
        path = Path(entry.path)
        if keep is not None and path == keep:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            remove_file(path)
    if keep is None:
        try:
            directory.rmdir()
        except OSError:
            pass
