"""Re-hashing the footage store against the database.

Every file a record names (footage, thumbnails, session manifests) must be there and hash to
what the record says; every file in the store must be named by a record. ``staging/`` (and at
HQ ``uploads/``) holds copies in progress and is not checked. ``verify_paths`` is the check
itself, for any mapping of path to hash (HQ's store is checked against HqFile with it).

One exception, said as a note and not as a problem: an offload writes its two manifests
into the store just before it commits the session that names them, so a process killed
between the two leaves manifests no record names yet. When such a file is a manifest of an
offload session that never finished (running, or closed as interrupted) and says so in its
content, it is the crash's and not a stranger's; the next offload records it
(devices.offload.records.adopt_orphan_manifests). Likewise for footage and thumbnails: an
offload links content into the store before the batch that records it commits, having
first noted it in its run's journal (FootageStore.dead_run_journals). Unrecorded content a
dead run's journal names is the crash's (a note); the next offload hashes it and writes
the ledger entry that accounts for it (LEFTOVER_ACTION), after which it is expected here.

Files removed by rule (evidence.purge) are not missing: a ``purged_file`` row with its ledger
entry says the file (and its thumbnail) left on purpose, so neither is expected. One whose
removal a crash interrupted is still there: a note, and the next purge finishes it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from core.jobs import CancelToken, Progress, no_progress
from db.database import Database
from db.models import Footage, HqFile, LedgerEntry, OffloadSession, PurgedFile
from evidence.hashing import sha256_of_file
from evidence.manifest import (HASHDEEP_HEADER, HASHDEEP_SUFFIX, JSON_FORMAT, JSON_SUFFIX,
                               parse_hashdeep)
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
    # What is explained and not wrong: manifests of an offload interrupted before it
    # recorded them (kind "orphan_manifest").
    notes: list[StoreProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def purged_by_rule(database: Database) -> dict[str, bool]:
    """SHA-256 -> whether the file has left the store yet, for every file (and thumbnail) a
    purge removed by rule with its ledger entry (a row without one is not trusted: its file
    stays expected)."""
    with database.read() as session:
        recorded = set(session.scalars(select(LedgerEntry.object_id).where(
            LedgerEntry.object_type == "purged_file", LedgerEntry.action == PURGE_ACTION)))
        purged: dict[str, bool] = {}
        for row_id, sha256, thumbnail, removed_at in session.execute(select(
                PurgedFile.id, PurgedFile.sha256, PurgedFile.thumbnail_sha256,
                PurgedFile.removed_at)):
            if row_id in recorded:
                purged[sha256] = removed_at is not None
                if thumbnail:   # kept when another file still uses it: then it is expected
                    purged.setdefault(thumbnail, removed_at is not None)
        return purged


def _expected(database: Database, store: FootageStore,
              purged: dict[str, bool] | None = None) -> dict[Path, str]:
    """Path -> SHA-256 for every file the database says the store holds."""
    expected: dict[Path, str] = {}
    purged = purged or {}
    with database.read() as session:
        for sha256, thumbnail in session.execute(
                select(Footage.sha256, Footage.thumbnail_sha256)):
            if sha256 in purged:
                continue  # removed by rule, with its thumbnail
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
        # Content a crashed offload stored and never recorded, accounted for since.
        for sha256 in session.scalars(select(LedgerEntry.object_id).where(
                LedgerEntry.action == LEFTOVER_ACTION)):
            expected[store.path_for(sha256)] = sha256
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


# The ledger action accounting for content a crashed offload stored and never recorded
# (object_type "store_object", object_id its SHA-256).
LEFTOVER_ACTION = "offload.leftover"
# The ledger action under which evidence.purge records each file it removes by rule.
PURGE_ACTION = "retention.purge"


def unfinished_sessions(database: Database) -> list[str]:
    """Offload sessions that never recorded their manifests: still running, or closed as
    interrupted."""
    with database.read() as session:
        return list(session.scalars(select(OffloadSession.id).where(
            OffloadSession.status.in_(("running", "interrupted")),
            OffloadSession.manifest_sha256.is_(None),
            OffloadSession.manifest_json_sha256.is_(None))))


def _small_file(path: Path) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.stat().st_size < 256 << 20
    except OSError:
        return False


def _json_manifest_files(path: Path, session_id: str) -> set[tuple[int, str]] | None:
    """(size, sha256) of the files a JSON manifest of the session lists with a hash; None
    when it is not such a manifest."""
    if not _small_file(path):
        return None
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not (isinstance(data, dict) and data.get("format") == JSON_FORMAT
            and isinstance(data.get("session"), dict)
            and data["session"].get("id") == session_id
            and isinstance(data.get("files"), list)):
        return None
    return {(f.get("size"), f.get("sha256")) for f in data["files"]
            if isinstance(f, dict) and f.get("sha256")}


def _hashdeep_files(path: Path) -> set[tuple[int, str]] | None:
    if not _small_file(path):
        return None
    try:
        text = path.read_bytes()
        if not text.startswith(HASHDEEP_HEADER):
            return None
        return {(size, sha256) for size, sha256, _ in parse_hashdeep(text.decode("utf-8"))}
    except (OSError, ValueError):
        return None


def orphan_manifests(database: Database, store: FootageStore) -> dict[Path, str]:
    """Manifests in the store of sessions that never recorded them: path -> session id.

    The JSON manifest names its session; the hashdeep text does not, so it counts only
    beside that JSON listing the same files, or alone when the offload died between
    writing the two (the hashdeep text is written first)."""
    found: dict[Path, str] = {}
    for session_id in unfinished_sessions(database):
        text = store.manifest_path(session_id, HASHDEEP_SUFFIX)
        json_path = store.manifest_path(session_id, JSON_SUFFIX)
        has_json = os.path.lexists(json_path)
        listed = _json_manifest_files(json_path, session_id) if has_json else None
        if listed is not None:
            found[json_path] = session_id
        text_files = _hashdeep_files(text) if os.path.lexists(text) else None
        if text_files is not None and (text_files == listed if has_json else True):
            found[text] = session_id
    return found


def verify_store(database: Database, store: FootageStore, *, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> StoreReport:
    orphans = orphan_manifests(database, store)
    purged = purged_by_rule(database)
    expected = _expected(database, store, purged)
    pending = {store.path_for(sha256) for sha256, gone in purged.items() if not gone}
    pending = {path for path in pending if path not in expected and os.path.lexists(path)}
    leftovers = {store.path_for(sha256): run_id
                 for run_id, linked in store.dead_run_journals().items() for sha256 in linked}
    leftovers = {path: run for path, run in leftovers.items()
                 if path not in expected and os.path.lexists(path)}
    report = verify_paths(store, expected, progress=progress, cancel=cancel,
                          explained=set(orphans) | set(leftovers) | pending)
    report.notes += [StoreProblem(
        "purge_pending", path,
        f"已按保存期限规则清理、尚待从证据库删除的文件：{path.name}；下次清理时删除",
        f"purged by the retention rules and not yet removed from the store: {path.name}; "
        "the next purge removes it") for path in sorted(pending)]
    report.notes += [StoreProblem(
        "crash_leftover", path,
        f"离线导入（暂存 {run}）中断，其已存入但尚未登记的内容：{path.name}；下次导入时将登记",
        f"an interrupted offload (staging run {run}) stored this content before recording "
        f"it: {path.name}; the next offload accounts for it")
        for path, run in sorted(leftovers.items())]
    report.notes += [StoreProblem(
        "orphan_manifest", path,
        f"离线导入 {session} 在写入清单后、登记前中断，清单 {path.name} 尚未登记；"
        "下次导入时将登记",
        f"offload {session} was interrupted after writing its manifest {path.name} and "
        "before recording it; the next offload records it")
        for path, session in sorted(orphans.items())]
    return report


def verify_paths(store: FootageStore, expected: dict[Path, str], *,
                 progress: Progress = no_progress, cancel: CancelToken | None = None,
                 explained: set[Path] = frozenset()) -> StoreReport:
    """Every path in ``expected`` must be in the store and hash to its value; every file in
    the store (outside staging and uploads) must be in ``expected`` or ``explained``."""
    report = StoreReport()
    expected = dict(expected)
    present = sorted(_present(store))
    total = sum(_size(p) for p in present if p in expected)
    done = 0
    for path in present:
        if cancel is not None:
            cancel.raise_if_cancelled()
        want = expected.pop(path, None)
        if want is None and path in explained:
            continue
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
