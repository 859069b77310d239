"""`lawdesk self-check`: what an IT person runs after installing. Every check passes on a
set-up folder; a broken store, an old schema or an unreachable HQ fails naming what."""
from __future__ import annotations

import json
import shutil
import socket
import sqlite3
from contextlib import closing
from pathlib import Path

from db.database import Database, sqlite_url
from db.migrate import migrate
from db.schema_head import SCHEMA_HEAD
from lawdesk.workspace import DB_NAME


def checks_of(result) -> dict[str, dict]:
    return {check["name"]: check for check in json.loads(result.stdout)["checks"]}


def test_a_set_up_folder_passes(cli_here, workspace):
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 0, result.stdout + result.stderr
    checks = checks_of(result)
    assert {name: c["status"] for name, c in checks.items()
            if c["status"] not in ("ok", "warning")} == {"hq": "skipped"}
    assert checks["database"]["status"] == "ok"
    assert f"schema {SCHEMA_HEAD} (current)" in checks["database"]["detail"]
    assert checks["store"]["status"] == checks["qt"]["status"] == "ok"
    assert checks["hq"]["detail"] == "Not enrolled at HQ"
    assert result.stderr == ""


def test_the_table_is_in_chinese_by_default(cli_here, workspace):
    result = cli_here("self-check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["检查项", "结果", "说明"]
    assert any(line.startswith("录像存储") and "正常" in line for line in lines)
    assert any(line.startswith("总部连接") and "未注册到总部" in line for line in lines)


def test_a_missing_or_unwritable_store_fails_naming_it(cli_here, workspace, data_dir):
    store = data_dir / "store"
    shutil.rmtree(store)
    result = cli_here("self-check", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if line.startswith("footage"))
    assert "FAILED" in line and f"does not exist: {store}" in line
    # There but not writable (a file where its staging folder goes: root ignores modes).
    store.mkdir()
    (store / "staging").write_text("in the way")
    result = cli_here("self-check", "--json")
    assert result.returncode == 1
    check = checks_of(result)["store"]
    assert check["status"] == "failed"
    assert check["detail"].startswith(f"录像存储目录 {store} 不可写")


def test_a_schema_behind_the_head_fails(cli_here, data_dir, clock):
    data_dir.mkdir(parents=True)
    database = Database(sqlite_url(data_dir / DB_NAME))
    migrate(database, backup_dir=None, now=clock.now(), target="0001")
    database.dispose()
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    checks = checks_of(result)
    assert checks["database"]["status"] == "failed"
    assert f"is at schema 0001, this program at {SCHEMA_HEAD}" in checks["database"]["detail"]
    assert checks["hq"]["status"] == "skipped"
    # Only looked: the folder is neither upgraded nor backed up.
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001",)
    assert not (data_dir / "backups").exists()


def test_right_after_installing_no_folder_is_a_warning(cli_here, data_dir):
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 0
    checks = checks_of(result)
    assert checks["database"]["status"] == "warning"
    assert checks["database"]["detail"].startswith(
        f"The data folder {data_dir} is not set up yet: the window sets it up")
    assert checks["store"]["status"] == checks["hq"]["status"] == "skipped"
    assert not data_dir.exists()  # only looked


def test_a_recorded_database_that_is_gone_fails(cli_here, workspace, data_dir):
    workspace.close()
    (data_dir / DB_NAME).rename(data_dir / "moved.sqlite")
    (data_dir / "location.json").write_text(
        json.dumps({"db": sqlite_url(data_dir / "elsewhere.sqlite")}))
    result = cli_here("self-check", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    assert f"The database file does not exist: {data_dir / 'elsewhere.sqlite'}" in result.stdout


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def enroll_by_hand(data_dir: Path, server_url: str) -> None:
    """The enrollment row `sync enroll` leaves, written as a file holder could."""
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection, connection:
        connection.execute(
            "INSERT INTO sync_link (id, server_url, unit_id, server_id, enrolled_at, "
            "enrolled_by, enrolled_at_seq) VALUES (1, ?, 'u1', 'hq1', "
            "'2026-06-15 02:00:00.000000', 'admin', 0)", (server_url,))


def test_enrolled_at_a_closed_port_fails_naming_the_address(cli_here, workspace, data_dir):
    url = f"http://127.0.0.1:{closed_port()}"
    enroll_by_hand(data_dir, url)
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    check = checks_of(result)["hq"]
    assert check["status"] == "failed"
    assert check["detail"].startswith(f"Cannot reach the HQ server {url}")
    assert result.stderr == ""
