"""Fixtures shared by every test: a fresh data folder per test, a stopped clock, the CLI, and
fresh PostgreSQL databases (``pg_url``, ``db_backend``) on the server named by
$LAWDESK_TEST_PG, which scripts/test.sh starts (scripts/postgres.sh)."""
from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest

# Qt tests draw offscreen: no screen is needed, on a developer's machine or in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.actor import Actor
from core.clock import fixed_clock
from lawdesk.workspace import DB_NAME, Workspace

ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"
# 2026-06-15 10:00 in Beijing: mid-year, so "today" is the same date in UTC and in China.
NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[1]


# Children the tests start load tests/child_site/sitecustomize.py: see there, and below.
CHILD_SITE = Path(__file__).parent / "child_site"
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(CHILD_SITE), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Argon2id at LawDesk's cost (64 MiB, 3 passes) takes 0.1 s on an idle machine and
    over a second on a loaded two-core runner, for every user made and every login, and the
    tests make thousands. Here the same algorithm at its smallest cost: hashes are still
    Argon2id and verify the same way (the cost is written in each hash). Child processes
    get the same cost from tests/child_site/sitecustomize.py, so no login rehashes."""
    import importlib.util

    import accounts.passwords
    spec = importlib.util.spec_from_file_location("quick_site", CHILD_SITE / "sitecustomize.py")
    quick_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quick_site)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts.passwords, "_hasher", quick_site.quick_hasher())
        yield


@pytest.fixture
def clock():
    return fixed_clock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def initialised_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder set up once per run (key pair, identity, admin), closed so its WAL is
    folded into the database file. Each test gets its own copy: set-up hashes a password and
    makes a key, which would otherwise cost every test a fifth of a second."""
    folder = tmp_path_factory.mktemp("template") / "data"
    ws = Workspace.open(folder, clock=fixed_clock(NOW), create=True)
    ws.initialise(ADMIN, ADMIN_PASSWORD)
    ws.close()
    return folder


@pytest.fixture
def workspace(data_dir: Path, clock, initialised_template: Path):
    """An initialised data folder with one admin (a private copy of the template)."""
    shutil.copytree(initialised_template, data_dir)
    ws = Workspace.open(data_dir, clock=clock)
    yield ws
    ws.close()


@pytest.fixture
def admin(workspace):
    """The admin's service context (logged in for real once)."""
    return workspace.login(ADMIN, ADMIN_PASSWORD)


@pytest.fixture
def as_role(workspace):
    """A service context for an actor holding exactly the given roles.

    Permission checks look only at the actor, so no password hashing is needed here."""
    def make(*roles: str, username: str | None = None):
        name = username or ("-".join(roles) or "nobody")
        return workspace.context(Actor(username=name, roles=frozenset(roles)))
    return make


@pytest.fixture
def raw_db(data_dir: Path):
    """Open the data folder's database with plain sqlite3, as someone holding the file would
    (autocommit: each statement lands at once). Use as ``with raw_db() as connection``."""
    def connect() -> closing[sqlite3.Connection]:
        connection = sqlite3.connect(data_dir / DB_NAME, isolation_level=None, timeout=30)
        return closing(connection)
    return connect


@pytest.fixture
def ledger_length(raw_db):
    """How many ledger entries the data folder holds, counted outside the program."""
    def count() -> int:
        with raw_db() as connection:
            return connection.execute("SELECT count(*) FROM ledger_entry").fetchone()[0]
    return count


PG_ENV = "LAWDESK_TEST_PG"


def pg_server_url() -> str:
    """The maintenance database of the test PostgreSQL server; fails the test when unset."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.fail(f"this test needs a PostgreSQL server and ${PG_ENV} is not set: run "
                    f"`scripts/postgres.sh start` and `export {PG_ENV}=$(scripts/postgres.sh "
                    f"url)`, or run the tests with scripts/test.sh, which does both",
                    pytrace=False)
    return url


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database for this test: its postgresql+psycopg:// URL.

    Created on the $LAWDESK_TEST_PG server under a random name and dropped afterwards
    (WITH (FORCE): connections a test left open do not keep it alive)."""
    from db.database import temporary_database
    with temporary_database(pg_server_url(), "lawdesk_test_") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_backend(request):
    """Run a test on both databases: None for SQLite (the data folder's own file), else the
    URL of a fresh PostgreSQL database (see ``pg_url``), to pass as ``db_url=``/``--db``."""
    if request.param == "sqlite":
        yield None
    else:
        yield request.getfixturevalue("pg_url")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child `lawdesk` process: ours without any LAWDESK_ variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWDESK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


@pytest.fixture
def lawdesk_env():
    """``lawdesk_env(NAME=value, ...)``: an environment for a child process you start yourself."""
    return child_env


@pytest.fixture
def cli_here(data_dir: Path, monkeypatch, capsys):
    """Like ``cli`` but through ``lawdesk.cli.main`` in this process: the same command,
    without the ~0.5 s a child spends starting Python and importing. Use it for flows of
    many commands; keep ``cli`` for what only a real process shows (exit codes of the
    entry point, signals, what a script sees on its standard streams). ``folder=`` runs it
    on another data folder than this test's (an HQ's, a second workstation's)."""
    from lawdesk.cli import main

    def run(*args: str, password: str | None = ADMIN_PASSWORD, user: str | None = None,
            new_password: str | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, db: str | None = None,
            folder: Path | None = None) -> subprocess.CompletedProcess:
        for name in [n for n in os.environ if n.startswith("LAWDESK_")]:
            monkeypatch.delenv(name)
        extra = dict(env or {})
        if password is not None:
            extra["LAWDESK_PASSWORD"] = password
        if new_password is not None:
            extra["LAWDESK_NEW_PASSWORD"] = new_password
        for name, value in extra.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        command = ["--data-dir", str(folder or data_dir)] + (["--db", db] if db else [])
        command += (["--user", user] if user else []) + list(args)
        capsys.readouterr()
        code = main(command)
        out = capsys.readouterr()
        return subprocess.CompletedProcess(command, code, out.out, out.err)
    return run


@pytest.fixture
def cli(data_dir: Path):
    """Run the real `lawdesk` command in a child process against this test's data folder."""
    def run(*args: str, password: str | None = ADMIN_PASSWORD, user: str | None = None,
            new_password: str | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, db: str | None = None,
            ) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir)]
        if db:  # the folder's database (--db): needed at init, checked after that
            command += ["--db", db]
        if user:
            command += ["--user", user]
        extra = {}
        if password is not None:
            extra["LAWDESK_PASSWORD"] = password
        if new_password is not None:
            extra["LAWDESK_NEW_PASSWORD"] = new_password
        extra.update(env or {})
        # An empty standard input rather than ours: a child must never wait at a prompt.
        return subprocess.run(command + list(args), input="" if stdin is None else stdin,
                              capture_output=True,
                              text=True, env=child_env(**extra), cwd=REPO, timeout=60)
    return run
