"""`lawdesk restore-backup FILE`: the way back after an upgrade. An upgrade backs the
database up; restoring that file brings back the older schema and its data, keeps the
replaced database, and is refused for bad files and while the folder is in use."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from core.clock import fixed_clock
from db.database import Database, sqlite_url
from db.migrate import migrate
from db.schema_head import SCHEMA_HEAD
from lawdesk.workspace import DB_NAME, Workspace
from tests.conftest import NOW


def revision_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def units_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [r[0] for r in connection.execute("SELECT name FROM unit ORDER BY name")]


@pytest.fixture
def first_release_folder(data_dir: Path, clock) -> Path:
    """A data folder as the first LawDesk release left it (schema 0001), holding a unit."""
    data_dir.mkdir(parents=True)
    database = Database(sqlite_url(data_dir / DB_NAME))
    migrate(database, backup_dir=None, now=clock.now(), target="0001")
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO unit (id, name, short_name, created_at) "
            "VALUES ('u1', '综合科', '综合', '2025-03-01 08:00:00.000000')")
    database.dispose()
    return data_dir


def test_an_upgrade_backup_brings_the_older_schema_and_its_data_back(
        cli_here, first_release_folder: Path):
    data_dir = first_release_folder
    # The newer LawDesk opens the folder: upgraded, after a backup.
    assert cli_here("init", "--admin", "admin").returncode == 0
    assert cli_here("--user", "admin", "unit", "add", "执法二科", "--short", "执二",
                    ).returncode == 0
    database = data_dir / DB_NAME
    assert revision_of(database) == SCHEMA_HEAD
    [backup] = (data_dir / "backups").glob("lawdesk-*-rev0001.sqlite")
    assert revision_of(backup) == "0001"

    result = cli_here("restore-backup", str(backup), env={"LAWDESK_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert f"Restored {backup} (schema 0001) as {database}" in result.stdout
    assert revision_of(database) == "0001"
    assert units_in(database) == ["综合科"]  # the unit added after the upgrade is gone
    [kept] = (data_dir / "backups").glob(f"lawdesk-*-rev{SCHEMA_HEAD}-before-restore.sqlite")
    assert revision_of(kept) == SCHEMA_HEAD and "执法二科" in units_in(kept)
    assert not (data_dir / "ledger-head.json").exists()  # it named the replaced ledger
    [head] = (data_dir / "backups").glob("ledger-head-*-before-restore.json")
    note = json.loads(next((data_dir / "backups").glob("restore-*.json")).read_text("utf-8"))
    assert (note["revision"], note["replaced_database"], note["replaced_ledger_head"]) == (
        "0001", str(kept), str(head))
    assert not list(data_dir.glob(f"{DB_NAME}-*")) and not list(data_dir.glob(".*restoring*"))

    # Restoring the kept copy is the way forward again: the newer data, nothing lost.
    result = cli_here("restore-backup", str(kept), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["revision"] == SCHEMA_HEAD
    assert units_in(database) == ["执法二科", "综合科"]
    assert cli_here("verify").returncode == 0


def test_bad_files_are_refused_naming_them(cli_here, workspace, data_dir: Path, tmp_path):
    workspace.close()
    database = data_dir / DB_NAME
    before = database.read_bytes()
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    foreign = tmp_path / "other-program.sqlite"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE customer (id INTEGER)")
    newer = tmp_path / "newer.sqlite"
    with closing(sqlite3.connect(newer)) as connection, connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
        connection.execute("CREATE TABLE ledger_entry (seq INTEGER)")
    cases = [(tmp_path / "missing.sqlite", f"No such backup file: {tmp_path / 'missing.sqlite'}"),
             (text, f"{text} is not a SQLite database"),
             (foreign, f"{foreign} is not a LawDesk database"),
             (newer, f"{newer} was made by a newer LawDesk (schema 9999); this program knows "
                     f"up to {SCHEMA_HEAD}")]
    for path, message in cases:
        result = cli_here("restore-backup", str(path), env={"LAWDESK_LANG": "en"})
        assert (result.returncode, result.stderr) == (1, f"lawdesk: {message}\n")
    assert database.read_bytes() == before
    assert not (data_dir / "backups").exists()


def test_another_workstations_database_is_refused(cli_here, workspace, data_dir, tmp_path):
    workspace.close()
    other = Workspace.open(tmp_path / "other", clock=fixed_clock(NOW), create=True)
    other.initialise("admin", "admin-pass-1")
    other.close()
    result = cli_here("restore-backup", str(tmp_path / "other" / DB_NAME))
    assert result.returncode == 1
    assert "是另一台工作站的数据库" in result.stderr and "Traceback" not in result.stderr


def test_refused_while_the_folder_is_in_use(cli_here, workspace, data_dir: Path):
    backup = data_dir.parent / "copy.sqlite"
    with closing(sqlite3.connect(data_dir / DB_NAME)) as source, \
            closing(sqlite3.connect(backup)) as target:
        source.backup(target)
    # The fixture's workspace keeps its connections open, as a command or a server does.
    result = cli_here("restore-backup", str(backup), env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    assert "is in use by another LawDesk process" in result.stderr
    workspace.close()
    from desktop.app import lock_data_folder
    lock = lock_data_folder(data_dir)  # a window on the folder
    try:
        result = cli_here("restore-backup", str(backup), env={"LAWDESK_LANG": "en"})
    finally:
        lock.unlock()
    assert result.returncode == 1
    import os
    assert f"is open in a LawDesk window (process {os.getpid()})" in result.stderr
    assert not (data_dir / "backups").exists()
    assert cli_here("restore-backup", str(backup)).returncode == 0  # window closed


def test_a_postgresql_folder_is_refused(cli_here, data_dir: Path, tmp_path):
    data_dir.mkdir()
    (data_dir / "location.json").write_text(json.dumps(
        {"db": "postgresql+psycopg://lawdesk:secret@db-host/lawdesk"}))
    backup = tmp_path / "some.sqlite"
    result = cli_here("restore-backup", str(backup), env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    assert "keeps its database on PostgreSQL (postgresql+psycopg://lawdesk:***@db-host/" \
           "lawdesk)" in result.stderr
    assert "pg_restore" in result.stderr and "secret" not in result.stderr


def test_a_backup_behind_what_hq_holds_is_refused(cli_here, workspace, data_dir: Path):
    workspace.close()
    database = data_dir / DB_NAME
    backup = data_dir.parent / "before.sqlite"
    with closing(sqlite3.connect(database)) as source, \
            closing(sqlite3.connect(backup)) as target:
        source.backup(target)
        entries = source.execute("SELECT max(seq) FROM ledger_entry").fetchone()[0]
    with closing(sqlite3.connect(database)) as connection, connection:
        # What sync leaves once HQ has taken the ledger up to five entries past the backup.
        connection.execute("INSERT INTO sync_progress (id, ledger_sent_seq) VALUES (1, ?)",
                           (entries + 5,))
    before = database.read_bytes()
    result = cli_here("restore-backup", str(backup), env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    assert (f"HQ already holds this workstation's ledger entries {entries + 1} to "
            f"{entries + 5}, and {backup} ends at entry {entries}") in result.stderr
    assert database.read_bytes() == before
