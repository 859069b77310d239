"""Bringing a database to the current schema, with a backup first.

A data folder made by an older LawDesk is upgraded step by step by Alembic; before any
step the SQLite file is copied (through SQLite's online backup, which is consistent even
with a live WAL) to ``backups/`` with the date and the revision it had.

PostgreSQL gets everything else the same (a newer schema is refused, a foreign database is
refused, one migrator at a time, all steps in one transaction) but no copy: backing up a
server database (pg_dump, or the server's own backups) is the operator's job.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from core.errors import DomainError
from db.database import MIGRATION_LOCK_KEY, Database, advisory_xact_lock
from db.schema_head import SCHEMA_HEAD  # noqa: F401 - re-exported

log = logging.getLogger(__name__)


class SchemaTooNew(DomainError):
    code = "schema_too_new"
    zh = "此数据文件夹由更新版本的 LawDesk 创建（架构版本 {found}），当前程序只支持到 {head}，请升级程序"
    en = "This data folder was made by a newer LawDesk (schema {found}); this program knows up to {head}. Please upgrade LawDesk"


class NotALawDeskDatabase(DomainError):
    code = "not_lawdesk_database"
    zh = "{path} 不是 LawDesk 数据库"
    en = "{path} is not a LawDesk database"


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "db:migrations")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _backup_sqlite(database: Database, backup_dir: Path, revision: str, now: datetime) -> Path:
    source_path = Path(database.engine.url.database)
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"{source_path.stem}-{now:%Y%m%d-%H%M%S}-rev{revision}.sqlite"
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def migrate(
    database: Database, *, backup_dir: Path | None, now: datetime, target: str = "head"
) -> MigrationResult:
    """Upgrade (or, with an explicit older ``target``, downgrade) the schema."""
    found = current_revision(database)
    head = head_revision()
    if found is not None and found not in known_revisions():
        raise SchemaTooNew(found=found, head=head)
    if found is None and _has_foreign_tables(database):
        raise NotALawDeskDatabase(path=database.engine.url.database if database.is_sqlite
                                  else database.display_url)
    wanted = head if target == "head" else target
    if found == wanted:
        return MigrationResult(found, wanted, None)
    backup = None
    if found is not None and database.is_sqlite and backup_dir is not None:
        backup = _backup_sqlite(database, backup_dir, found, now)
    elif found is not None and not database.is_sqlite:
        log.warning("migrating %s from schema %s to %s without a copy: back a server "
                    "database up yourself (pg_dump)", database.display_url, found, wanted)
    config = _config()
    with database._write_engine.connect() as connection:
        # SQLite batch mode rebuilds a table by copy, drop and rename; with foreign keys on,
        # dropping a table other rows point to fails. The pragma only works outside a
        # transaction, so it is set on the driver connection before BEGIN, and the keys are
        # checked by hand before the migration commits.
        _sqlite_foreign_keys(database, connection, on=False)
        try:
            with connection.begin():  # BEGIN IMMEDIATE: one migrator
                # PostgreSQL has no database-wide write lock: the migrators queue here.
                advisory_xact_lock(connection, MIGRATION_LOCK_KEY)
                config.attributes["connection"] = connection
                # Another process may have migrated while we waited for the write lock.
                again = MigrationContext.configure(connection).get_current_revision()
                if again != wanted:
                    if found is not None and target != "head" and _is_older(wanted, again):
                        command.downgrade(config, wanted)
                    else:
                        command.upgrade(config, wanted)
                if database.is_sqlite and connection.exec_driver_sql(
                        "PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the migration left rows with broken foreign keys")
        finally:
            _sqlite_foreign_keys(database, connection, on=True)
    return MigrationResult(found, wanted, backup)


def _sqlite_foreign_keys(database: Database, connection: Connection, *, on: bool) -> None:
    if database.is_sqlite:
        driver = connection.connection.dbapi_connection
        driver.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _is_older(wanted: str, current: str | None) -> bool:
    if current is None:
        return False
    script = ScriptDirectory.from_config(_config())
    return any(rev.revision == wanted for rev in script.iterate_revisions(current, "base"))


def _has_foreign_tables(database: Database) -> bool:
    with database.engine.connect() as connection:
        # An empty alembic_version is what a downgrade to "base" leaves: ours, not foreign.
        return bool(set(inspect(connection).get_table_names()) - {"alembic_version"})
