"""Putting a migration backup back: the way back after an upgrade (`lawdesk restore-backup`).

Before each schema upgrade db.migrate copies the database to ``backups/`` with the revision
it had. Going back to the older LawDesk means reinstalling it and putting that copy back in
place of the upgraded database; this module does the second part, for SQLite folders:

1. The file is checked first: a SQLite database (quick_check), LawDesk's (a schema
   revision this program knows, LawDesk's tables), and this workstation's (its identity's
   public key is the one in ``keys/``): another workstation's database would sign nothing
   this folder's key can prove.
2. Nobody may be using the folder: a window holds ``gui.lock``; any process with the
   database open (a command, the window, an HQ server) holds SQLite's shared lock, which
   our exclusive lock would have to wait for. That exclusive lock is then kept until the
   new file is in place, so nothing opens the old database half-way.
3. The current database is checkpointed (its WAL folded in), copied to ``backups/`` as a
   backup of its own, and the chosen file is copied to a temporary name beside the
   database, fsynced, and renamed over it: a crash leaves the old or the new database,
   never a mix.
4. The signed ledger head (``ledger-head.json``) belongs to the database being replaced:
   it would name entries the restored one lacks, and `verify` would report them cut off.
   It is moved into ``backups/`` beside the copy (kept for an auditor), and the next
   change writes a head for the restored ledger. A ``restore-*.json`` note in ``backups/``
   says what was restored, when, and where the replaced database and head went.

PostgreSQL folders are refused: their backups are the operator's (pg_dump / pg_restore).
Footage and issued documents are write-once and untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.errors import DomainError
from core.files import atomic_write, fsync_dir

# Waiting for the database's exclusive lock: a command finishing its write takes well under
# this; a window or server keeps its connections open and would never let go.
LOCK_WAIT_S = 2.0
GUI_LOCK_NAME = "gui.lock"  # desktop.app.LOCK_NAME, held by QLockFile while a window is open
HEAD_NAME = "ledger-head.json"
# Tables every LawDesk database has had since the first schema.
LAWDESK_TABLES = {"alembic_version", "ledger_entry"}


class RestoreRefused(DomainError):
    code = "restore_refused"
    zh = "{zh}"
    en = "{en}"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh=zh, en=en)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    revision: str
    workstation_public_key: str | None  # None: saved before the folder was set up
    ledger_seq: int  # its last ledger entry (0: none)


@dataclass(frozen=True)
class Restored:
    source: BackupFile
    database: Path
    previous: Path | None       # the replaced database, kept in backups/
    previous_head: Path | None  # the replaced signed ledger head, kept in backups/
    note: Path


def inspect_backup(path: Path) -> BackupFile:
    """What the file is, or RestoreRefused naming it and why not."""
    path = Path(path)
    if not path.is_file():
        raise RestoreRefused(f"找不到备份文件 {path}", f"No such backup file: {path}")
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise RestoreRefused(f"无法读取 {path}：{error}", f"Cannot read {path}: {error}") from None
    if header != b"SQLite format 3\x00":
        raise RestoreRefused(f"{path} 不是 SQLite 数据库文件", f"{path} is not a SQLite database")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1",
                                     uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            ledger_seq = 0
            if "ledger_entry" in tables:
                ledger_seq = connection.execute(
                    "SELECT coalesce(max(seq), 0) FROM ledger_entry").fetchone()[0]
            key = None
            if "workstation" in tables:  # db.models.WorkstationIdentity
                row = connection.execute("SELECT public_key FROM workstation").fetchone()
                key = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise RestoreRefused(f"{path} 已损坏：{error}", f"{path} is damaged: {error}") from None
    if check != "ok":
        raise RestoreRefused(f"{path} 已损坏：{check}", f"{path} is damaged: {check}")
    if not LAWDESK_TABLES <= tables or revision is None:
        raise RestoreRefused(f"{path} 不是 LawDesk 数据库", f"{path} is not a LawDesk database")
    from db.migrate import known_revisions
    from db.schema_head import SCHEMA_HEAD
    if revision not in known_revisions():
        raise RestoreRefused(
            f"{path} 由更新版本的 LawDesk 创建（架构版本 {revision}），当前程序只支持到 {SCHEMA_HEAD}",
            f"{path} was made by a newer LawDesk (schema {revision}); this program knows up "
            f"to {SCHEMA_HEAD}")
    return BackupFile(path, revision, key, ledger_seq)


def restore(data_dir: Path, backup: Path, *, now: datetime) -> Restored:
    data_dir = Path(data_dir)
    database = _sqlite_database(data_dir)
    source = inspect_backup(backup)
    _check_workstation(data_dir, source)
    _refuse_open_window(data_dir)
    backups = data_dir / "backups"
    stamp = f"{now:%Y%m%d-%H%M%S}"
    lock = _lock_database(database) if database.exists() else None
    try:
        previous = None
        if lock is not None:
            _refuse_behind_hq(lock, source)
            # Fold the WAL into the file and remove it: nothing of the old database may
            # be left beside the new one.
            lock.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            lock.execute("PRAGMA journal_mode = DELETE")
            old_revision = _revision(lock) or "none"
            backups.mkdir(parents=True, exist_ok=True)
            previous = _free_name(
                backups / f"{database.stem}-{stamp}-rev{old_revision}-before-restore.sqlite")
            _copy_database(lock, previous)
        temporary = database.with_name(f".{database.name}.restoring-{os.getpid()}")
        try:
            source_connection = sqlite3.connect(
                f"{source.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            try:
                _copy_database(source_connection, temporary)
            finally:
                source_connection.close()
            if lock is not None:
                _drop_side_files(lock, database)
            os.replace(temporary, database)
            fsync_dir(database.parent)
        except BaseException:
            if previous is not None:  # nothing replaced: the copy would only mislead
                previous.unlink(missing_ok=True)
            raise
        finally:
            temporary.unlink(missing_ok=True)
        # Still under the lock: no process has the new database open yet, so none has
        # written a head for it.
        previous_head = None
        head = data_dir / HEAD_NAME
        if head.exists():
            backups.mkdir(parents=True, exist_ok=True)
            previous_head = _free_name(backups / f"ledger-head-{stamp}-before-restore.json")
            os.replace(head, previous_head)
            fsync_dir(data_dir)
    finally:
        if lock is not None:
            lock.close()
    backups.mkdir(parents=True, exist_ok=True)
    note = _free_name(backups / f"restore-{stamp}.json")
    atomic_write(note, json.dumps({
        "restored_at": now.isoformat(), "restored_from": str(source.path.resolve()),
        "sha256": _sha256(source.path), "revision": source.revision,
        "replaced_database": str(previous) if previous else None,
        "replaced_ledger_head": str(previous_head) if previous_head else None,
        "host": socket.gethostname()}, ensure_ascii=False, indent=1).encode("utf-8"))
    return Restored(source, database, previous, previous_head, note)


def _free_name(path: Path) -> Path:
    """``path``, or with -2, -3 … before its suffix when taken (two restores in a second:
    the second must not overwrite the copy the first kept, which may be its source)."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _sqlite_database(data_dir: Path) -> Path:
    from sqlalchemy import make_url

    from db.database import display_url
    from lawdesk.location import resolve
    location = resolve(data_dir)
    parsed = make_url(location.db_url)
    if parsed.get_backend_name() != "sqlite":
        shown = display_url(location.db_url)
        raise RestoreRefused(
            f"数据文件夹 {data_dir} 的数据库在 PostgreSQL 服务器上（{shown}）：LawDesk 升级时不"
            f"备份服务器数据库，请用 pg_restore 恢复升级前用 pg_dump 做的备份",
            f"The data folder {data_dir} keeps its database on PostgreSQL ({shown}): LawDesk "
            f"makes no copies of a server database; restore the pg_dump taken before the "
            f"upgrade with pg_restore")
    return Path(parsed.database)


def _check_workstation(data_dir: Path, source: BackupFile) -> None:
    from audit.keys import PUBLIC_NAME
    public = data_dir / "keys" / PUBLIC_NAME
    if source.workstation_public_key is None or not public.exists():
        return  # saved before set-up, or a folder whose keys are gone: nothing to compare
    if public.read_text("ascii").strip() != source.workstation_public_key:
        raise RestoreRefused(
            f"{source.path} 是另一台工作站的数据库（密钥与 {public} 不符），不能恢复到 {data_dir}",
            f"{source.path} is another workstation's database (its key is not {public}); "
            f"it cannot be restored into {data_dir}")


def _refuse_behind_hq(current: sqlite3.Connection, source: BackupFile) -> None:
    """HQ keeps every ledger entry it received and compares what comes again: a restored
    ledger that lacks entries HQ holds would write new ones under their numbers, and HQ
    would flag the workstation as tampered with. Such a backup is refused."""
    try:
        row = current.execute("SELECT ledger_sent_seq FROM sync_progress").fetchone()
    except sqlite3.DatabaseError:  # a schema before sync: never enrolled
        return
    sent = row[0] if row else 0
    if sent > source.ledger_seq:
        raise RestoreRefused(
            f"总部已收到本工作站审计日志第 {source.ledger_seq + 1} 至 {sent} 条，而 {source.path} "
            f"只到第 {source.ledger_seq} 条：恢复后日志将与总部不一致，总部会将本工作站标记为"
            f"异常。请与总部管理员联系",
            f"HQ already holds this workstation's ledger entries {source.ledger_seq + 1} to "
            f"{sent}, and {source.path} ends at entry {source.ledger_seq}: restored, the "
            f"ledger would disagree with HQ's and HQ would flag this workstation. Talk to "
            f"HQ's administrator first")


def _refuse_open_window(data_dir: Path) -> None:
    path = data_dir / GUI_LOCK_NAME
    if not path.exists():
        return
    from evidence.locks import try_lock
    try:
        lock = try_lock(path)  # QLockFile holds an OS lock on it (flock; Windows: no sharing)
    except OSError:
        lock = None
    if lock is not None:
        lock.release()
        return  # left by a window that has gone
    try:
        pid = path.read_text("utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        pid = "?"
    raise RestoreRefused(
        f"数据文件夹 {data_dir} 正在 LawDesk 窗口中打开（进程 {pid}）：请先关闭窗口",
        f"The data folder {data_dir} is open in a LawDesk window (process {pid}): close it "
        f"first")


def _lock_database(database: Path) -> sqlite3.Connection:
    """The database, locked for us alone until the connection closes."""
    connection = sqlite3.connect(database, isolation_level=None, timeout=LOCK_WAIT_S)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")  # the lock stays: exclusive locking mode
    except sqlite3.OperationalError as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise RestoreRefused(
                f"数据库 {database} 正被另一个 LawDesk 进程使用（窗口、命令或总部服务）：请先关闭它",
                f"The database {database} is in use by another LawDesk process (a window, a "
                f"command or the HQ server): stop it first") from None
        raise
    return connection


def _drop_side_files(lock: sqlite3.Connection, database: Path) -> None:
    """Nothing of the old database may stay beside the new one: its WAL was folded in
    and removed (journal_mode DELETE, in restore); the rollback journal that exclusive
    locking mode leaves after our finished transaction holds nothing, and is removed."""
    wal = Path(f"{database}-wal")
    if wal.exists():
        raise RestoreRefused(f"{wal} 仍存在：数据库可能正在被使用",
                             f"{wal} is still there: the database may be in use")
    if not lock.in_transaction:
        Path(f"{database}-journal").unlink(missing_ok=True)


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API, on disk before this returns."""
    target.unlink(missing_ok=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
