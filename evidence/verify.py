"""Re-hashing the footage store against the database.

Every file a record names (footage, thumbnails, session manifests) must be there and hash to
what the record says; every file in the store must be named by a record. ``staging/`` (and at
HQ ``uploads/``) holds copies in progress and is not checked. ``verify_paths`` is the check
itself, for any mapping of path to hash (HQ's store is checked against HqFile with it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from core.jobs import CancelToken, Progress, no_progress
from db.database import Database
from db.models import Footage, HqFile, OffloadSession
from evidence.hashing import sha256_of_file
from evidence.manifest import HASHDEEP_SUFFIX, JSON_SUFFIX
from evidence.store import MANIFESTS, OBJECTS, STAGING, UPLOADS, FootageStore


@dataclass(frozen=True)
class StoreProblem:
    kind: str      # changed | missing | unknown | unreadable
    path: Path
    zh: str
    en: str

    def message(self, language: str = "zh_CN") -> str:
        return self.en if language.startswith("en") else self.zh


@dataclass
class StoreReport:
    files: int = 0
    bytes: int = 0
    problems: list[StoreProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def _expected(database: Database, store: FootageStore) -> dict[Path, str]:
    """Path -> SHA-256 for every file the database says the store holds."""
    expected: dict[Path, str] = {}
    with database.read() as session:
        for sha256, thumbnail in session.execute(
                select(Footage.sha256, Footage.thumbnail_sha256)):
            expected[store.path_for(sha256)] = sha256
            if thumbnail:
                expected[store.path_for(thumbnail)] = thumbnail
        for session_id, text_hash, json_hash in session.execute(
                select(OffloadSession.id, OffloadSession.manifest_sha256,
                       OffloadSession.manifest_json_sha256)):
            if text_hash:
                expected[store.manifest_path(session_id, HASHDEEP_SUFFIX)] = text_hash
            if json_hash:
                expected[store.manifest_path(session_id, JSON_SUFFIX)] = json_hash
        # At HQ the store also holds what workstations sent, each hashed on arrival.
        for sha256 in session.scalars(select(HqFile.sha256)):
            expected[store.path_for(sha256)] = sha256
    return expected


def _present(store: FootageStore) -> list[Path]:
    """Every non-folder entry in the store outside staging, never following links."""
    found: list[Path] = []
    try:
        top = list(os.scandir(store.root))
    except FileNotFoundError:
        return found
    for entry in top:
        if entry.name in (STAGING, UPLOADS) and entry.is_dir(follow_symlinks=False):
            continue
        if entry.name == OBJECTS and entry.is_dir(follow_symlinks=False):
            found.extend(path for _, path in store.iter_objects())
        elif entry.name == MANIFESTS and entry.is_dir(follow_symlinks=False):
            found.extend(Path(e.path) for e in os.scandir(entry.path))
        else:
            found.append(Path(entry.path))
    return found


def verify_store(database: Database, store: FootageStore, *, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> StoreReport:
    return verify_paths(store, _expected(database, store), progress=progress, cancel=cancel)


def verify_paths(store: FootageStore, expected: dict[Path, str], *,
                 progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> StoreReport:
    """Every path in ``expected`` must be in the store and hash to its value; every file in
    the store (outside staging and uploads) must be in ``expected``."""
    report = StoreReport()
    expected = dict(expected)
    present = sorted(_present(store))
    total = sum(_size(p) for p in present if p in expected)
    done = 0
    for path in present:
        if cancel is not None:
            cancel.raise_if_cancelled()
        want = expected.pop(path, None)
        if want is None or not path.is_file() or path.is_symlink():
            report.problems.append(StoreProblem(
                "unknown", path, f"证据库中有来历不明的文件：{path}",
                f"the store holds a file no record names: {path}"))
            continue
        base = done
        try:
            size, found = sha256_of_file(path, cancel=cancel,
                                         on_chunk=lambda n: progress(base + n, total, path.name))
        except OSError as error:
            report.problems.append(StoreProblem(
                "unreadable", path, f"无法读取证据库文件 {path}：{error.strerror}",
                f"cannot read the store file {path}: {error.strerror}"))
            continue
        done += size
        report.files += 1
        report.bytes += size
        if found != want:
            report.problems.append(StoreProblem(
                "changed", path, f"证据库文件 {path} 已被改动（哈希不符）",
                f"the store file {path} was changed (its hash does not match)"))
    for path in sorted(expected):
        report.problems.append(StoreProblem(
            "missing", path, f"证据库文件缺失：{path}", f"a store file is missing: {path}"))
    progress(total, total, "")
    return report


def _size(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0
