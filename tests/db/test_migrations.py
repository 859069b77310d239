"""The schema and its migrations: the models match the scripts, old data folders are
upgraded with a backup first, and folders this program cannot understand are refused."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from audit.verify import verify_ledger
from core.actor import Actor
from db.database import Database, sqlite_url
from db.migrate import (
    NotALawDeskDatabase, SchemaTooNew, current_revision, head_revision, known_revisions,
    migrate,
)
from db.models import Base
from db.search_index import no_search_index
from db.schema_head import SCHEMA_HEAD
from lawdesk.workspace import DB_NAME, Workspace
from organisation.units import add_unit, list_units

FIRST = "0001"
ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"  # the `workspace` fixture's first admin


def schema_differences(database: Database) -> list:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True,
                              "include_name": no_search_index})
        return compare_metadata(context, Base.metadata)


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}


def revision_in(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture
def first_schema_folder(data_dir: Path, clock) -> Path:
    """A data folder as the first LawDesk release left it, holding one unit."""
    data_dir.mkdir(parents=True)
    database = Database(sqlite_url(data_dir / DB_NAME))
    migrate(database, backup_dir=None, now=clock.now(), target=FIRST)
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO unit (id, name, short_name, created_at) "
            "VALUES ('u1', '综合科', '综合', '2025-03-01 08:00:00.000000')")
    database.dispose()
    return data_dir


def test_schema_head_is_the_newest_migration():
    assert SCHEMA_HEAD == head_revision()
    assert {FIRST, SCHEMA_HEAD} <= known_revisions()


def test_models_match_the_migrations(tmp_path, clock):
    database = Database(sqlite_url(tmp_path / "fresh.sqlite"))
    try:
        migrate(database, backup_dir=None, now=clock.now())
        assert current_revision(database) == SCHEMA_HEAD
        assert schema_differences(database) == []
    finally:
        database.dispose()


def test_the_name_search_index_and_its_triggers_are_there_at_the_head(workspace, raw_db):
    """db.search_index: a migration that rebuilt the footage table would drop them."""
    with raw_db() as connection:
        found = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') "
            "AND name LIKE 'footage_name_fts%'")}
    assert {"footage_name_fts", "footage_name_fts_insert", "footage_name_fts_delete",
            "footage_name_fts_update"} <= found


def test_the_comparison_would_see_a_difference(tmp_path, clock):
    """Guards the test above against comparing nothing: the first schema lacks settings."""
    database = Database(sqlite_url(tmp_path / "old.sqlite"))
    try:
        migrate(database, backup_dir=None, now=clock.now(), target=FIRST)
        differences = str(schema_differences(database))
        assert "setting" in differences and "failed_logins" in differences
    finally:
        database.dispose()


def test_a_first_release_folder_is_upgraded_with_a_backup(first_schema_folder, clock):
    with Workspace.open(first_schema_folder, clock=clock) as ws:
        assert ws.migrated_from == FIRST
        assert current_revision(ws.db) == SCHEMA_HEAD
        units = list_units(ws.context(Actor.system()))
        assert [(u.id, u.name, u.short_name, u.officers) for u in units] == [
            ("u1", "综合科", "综合", 0)]
        with ws.db.read() as session:
            columns = {c["name"] for c in inspect(session.connection()).get_columns(
                "user_account")}
        assert {"failed_logins", "locked_until"} <= columns
    backups = sorted((first_schema_folder / "backups").iterdir())
    assert [b.name for b in backups] == ["lawdesk-20260615-020000-rev0001.sqlite"]
    assert revision_in(backups[0]) == FIRST
    assert "setting" not in tables(backups[0])
    with closing(sqlite3.connect(backups[0])) as connection:
        assert connection.execute("SELECT name FROM unit").fetchall() == [("综合科",)]


def test_foreign_keys_are_enforced_again_after_a_migration(first_schema_folder, clock):
    with Workspace.open(first_schema_folder, clock=clock) as ws:
        assert ws.migrated_from == FIRST
        for _ in range(3):  # whichever pooled connection a session gets
            with ws.db.read() as session:
                assert session.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        with pytest.raises(IntegrityError):
            with ws.db.write(actor="system", action="test") as session:
                session.execute(text("INSERT INTO officer (id, name, unit_id, created_at) "
                                     "VALUES ('o1', '王五', 'no-such-unit', '2026-01-01')"))


def test_an_upgraded_folder_can_be_set_up_and_used(first_schema_folder, clock):
    with Workspace.open(first_schema_folder, clock=clock) as ws:
        assert not ws.initialised
        ws.initialise(ADMIN, ADMIN_PASSWORD)
        ctx = ws.login(ADMIN, ADMIN_PASSWORD)
        add_unit(ctx, "法制科", "法制")
        assert len(list_units(ctx)) == 2
        assert verify_ledger(ws.db, head_file=ws.head_file).intact


def test_a_current_folder_is_opened_without_migrating_or_backing_up(workspace, data_dir, clock):
    workspace.close()
    with Workspace.open(data_dir, clock=clock) as ws:
        assert ws.migrated_from is None
    assert not (data_dir / "backups").exists()


def test_downgrade_to_the_first_schema_and_back(workspace, as_role, data_dir, clock):
    add_unit(as_role("admin"), "法制科", "法制")
    workspace.close()
    database = Database(sqlite_url(data_dir / DB_NAME))
    try:
        result = migrate(database, backup_dir=data_dir / "backups", now=clock.now(),
                         target=FIRST)
        assert (result.from_revision, result.to_revision) == (SCHEMA_HEAD, FIRST)
        assert result.backup is not None and revision_in(result.backup) == SCHEMA_HEAD
        assert current_revision(database) == FIRST
    finally:
        database.dispose()
    assert "setting" not in tables(data_dir / DB_NAME)

    with Workspace.open(data_dir, clock=clock) as ws:
        assert ws.migrated_from == FIRST
        ctx = ws.login(ADMIN, ADMIN_PASSWORD)  # the account survived the round trip
        assert [u.short_name for u in list_units(ctx)] == ["法制"]
        assert verify_ledger(ws.db, head_file=ws.head_file).intact
        assert schema_differences(ws.db) == []


def test_migrating_to_the_current_revision_does_nothing(workspace, data_dir, clock):
    result = migrate(workspace.db, backup_dir=data_dir / "backups", now=clock.now())
    assert (result.from_revision, result.to_revision, result.backup) == (
        SCHEMA_HEAD, SCHEMA_HEAD, None)


def test_a_folder_from_a_newer_program_is_refused(workspace, data_dir, raw_db, clock, cli):
    workspace.close()
    with raw_db() as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(SchemaTooNew) as refused:
        Workspace.open(data_dir, clock=clock)
    assert "0099" in refused.value.message("en")
    assert SCHEMA_HEAD in refused.value.message("en")
    assert revision_in(data_dir / DB_NAME) == "0099"  # left alone
    assert not (data_dir / "backups").exists()
    result = cli("verify", password=None)
    assert result.returncode == 1
    assert "0099" in result.stderr and result.stdout == ""


def test_a_foreign_sqlite_file_is_refused(data_dir, clock):
    data_dir.mkdir(parents=True)
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('someone')")
        connection.commit()
    with pytest.raises(NotALawDeskDatabase):
        Workspace.open(data_dir, clock=clock)
    assert tables(data_dir / DB_NAME) == {"contacts"}
    assert not (data_dir / "backups").exists()


def test_a_missing_folder_is_not_created_without_asking(data_dir, clock):
    from lawdesk.workspace import NotInitialised
    with pytest.raises(NotInitialised):
        Workspace.open(data_dir, clock=clock)
    assert not data_dir.exists()
