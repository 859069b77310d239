"""Migration 0022 fills the pinyin sort keys of the units and accounts already there, and
its downgrade takes the columns away again (issue 14)."""
from __future__ import annotations

import sqlite3
from contextlib import closing

from accounts.users import add_user
from db.database import Database, sqlite_url
from db.migrate import current_revision, migrate
from lawdesk.workspace import DB_NAME, Workspace
from organisation.units import add_unit, list_units
from tests.conftest import ADMIN, ADMIN_PASSWORD


def _columns(path, table: str) -> set[str]:  # noqa: ANN001
    with closing(sqlite3.connect(path)) as connection:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


def test_0022_fills_the_keys_of_the_rows_already_there(workspace, admin, data_dir, clock):
    add_unit(admin, "执法二科", "执二")
    add_unit(admin, "执法一科", "执一")
    add_user(admin, "zhang", ADMIN_PASSWORD, ["clerk"], display_name="张敏")
    workspace.close()
    database = Database(sqlite_url(data_dir / DB_NAME))
    try:
        migrate(database, backup_dir=data_dir / "backups", now=clock.now(), target="0021")
        assert current_revision(database) == "0021"
    finally:
        database.dispose()
    for table in ("unit", "user_account"):
        assert "name_sort_key" not in _columns(data_dir / DB_NAME, table)

    with Workspace.open(data_dir, clock=clock) as ws:      # upgrades to the head again
        assert ws.migrated_from == "0021"
        ctx = ws.login(ADMIN, ADMIN_PASSWORD)
        assert [u.name for u in list_units(ctx)] == ["执法一科", "执法二科"]
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection:
        keys = dict(connection.execute("SELECT name, name_sort_key FROM unit"))
        users = dict(connection.execute("SELECT username, name_sort_key FROM user_account"))
    assert keys["执法一科"].startswith("zhi fa 000001 ke\t")
    assert users["zhang"].startswith("zhang min\t")
    assert users[ADMIN].startswith("admin\t")        # no display name: the user name
