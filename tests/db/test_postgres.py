"""LawDesk on PostgreSQL (the HQ server's database): the same models, migrations and ledger,
a data folder that remembers where its database and store are, and the guarantees SQLite's
single writer gave (one ledger chain, document numbers, device custody) kept with several
writers at once. Every test here runs against a real server (see ``pg_url``)."""
from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, inspect, make_url, select, text
from sqlalchemy.pool import NullPool

from accounts.users import LoginFailed, LoginThrottled, authenticate
from audit.verify import verify_ledger
from casework.cases import create_case
from casework.inputs import parse_case
from core.actor import Actor
from db.database import LEDGER_LOCK_KEY, Database
from db.migrate import (
    NotALawDeskDatabase, SchemaTooNew, _config, current_revision, head_revision, migrate,
)
from db.models import Base, DeviceEvent, LedgerEntry, Unit, User
from db.search_index import no_search_index
from devices.custody import PreUseCheck, checkout
from devices.errors import CustodyLimitReached, DeviceUnavailable
from devices.registry import add_device
from lawdesk.location import LOCATION_NAME, LocationMismatch
from lawdesk.workspace import DB_NAME, Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO
from tests.waiting import wait_until

PASSWORD_IN_URL = "s3cret-pw"  # the test server trusts everyone, so any password connects
EXAMPLE_CASE = REPO / "resources" / "examples" / "case.json"


def with_password(url: str) -> str:
    return make_url(url).set(password=PASSWORD_IN_URL).render_as_string(hide_password=False)


def schema_differences(database: Database) -> list:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True,
                              "include_name": no_search_index})
        return compare_metadata(context, Base.metadata)


def table_names(database: Database) -> set[str]:
    with database.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


@pytest.fixture
def pg_workspace(pg_url, data_dir, clock):
    """An initialised data folder whose database is a fresh PostgreSQL database."""
    ws = Workspace.open(data_dir, clock=clock, create=True, db_url=pg_url)
    ws.initialise(ADMIN, ADMIN_PASSWORD)
    yield ws
    ws.close()


def staff(workspace: Workspace, officers: int = 2):
    """A unit 执一 with ``officers`` certified officers (22010001, ...); the admin's context."""
    ctx = workspace.context(Actor(ADMIN, frozenset({"admin", "custodian", "clerk"})))
    add_unit(ctx, "综合执法一科", "执一")
    for i in range(officers):
        add_officer(ctx, f"执法员{i + 1}", "执一",
                    CertificateInput(f"2201{i + 1:04d}", date(2028, 12, 31),
                                     valid_from=date(2020, 1, 1)))
    return ctx


def assert_intact(workspace: Workspace) -> None:
    with workspace.db.read() as session:
        seqs = list(session.execute(select(LedgerEntry.seq).order_by(LedgerEntry.seq))
                    .scalars())
    assert seqs == list(range(1, len(seqs) + 1))
    report = verify_ledger(workspace.db, head_file=workspace.head_file)
    assert report.intact, [p.en for p in report.problems]


# --------------------------------------------------------------------------- migrations
def test_models_match_the_migrations_on_postgresql(pg_url, clock):
    database = Database(pg_url)
    try:
        migrate(database, backup_dir=None, now=clock.now())
        assert current_revision(database) == head_revision()
        assert schema_differences(database) == []
    finally:
        database.dispose()


def test_every_migration_goes_down_and_up_again_on_postgresql(pg_url, clock):
    revisions = [r.revision for r in ScriptDirectory.from_config(_config()).walk_revisions()]
    database = Database(pg_url)
    try:
        migrate(database, backup_dir=None, now=clock.now())
        for target in revisions[1:]:  # newest first: one step down at a time
            result = migrate(database, backup_dir=None, now=clock.now(), target=target)
            assert result.backup is None  # no file to copy: pg_dump is the operator's job
            assert current_revision(database) == target
        with database._write_engine.begin() as connection:  # the first step's downgrade
            config = _config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert table_names(database) <= {"alembic_version"}
        migrate(database, backup_dir=None, now=clock.now())
        assert schema_differences(database) == []
    finally:
        database.dispose()


def test_a_folder_on_postgresql_goes_down_to_the_first_schema_and_back(pg_workspace,
                                                                       data_dir, clock):
    staff(pg_workspace, officers=1)
    url = pg_workspace.db.url
    pg_workspace.close()
    database = Database(url)
    try:
        result = migrate(database, backup_dir=data_dir / "backups", now=clock.now(),
                         target="0001")
        assert (result.to_revision, result.backup) == ("0001", None)
        assert "setting" not in table_names(database)
    finally:
        database.dispose()
    assert not (data_dir / "backups").exists()
    with Workspace.open(data_dir, clock=clock) as ws:
        assert ws.migrated_from == "0001"
        ctx = ws.login(ADMIN, ADMIN_PASSWORD)  # the account survived the round trip
        assert ctx.actor.username == ADMIN
        with ws.db.read() as session:
            assert session.execute(select(Unit.short_name)).scalars().all() == ["执一"]
        assert_intact(ws)
        assert schema_differences(ws.db) == []


def test_a_newer_schema_is_refused_on_postgresql(pg_workspace, data_dir, clock):
    url = pg_workspace.db.url
    pg_workspace.close()
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(SchemaTooNew) as refused:
        Workspace.open(data_dir, clock=clock)
    assert "0099" in refused.value.message("en")


def test_a_foreign_postgresql_database_is_refused(pg_url, data_dir, clock):
    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE contacts (name text)"))
    engine.dispose()
    with pytest.raises(NotALawDeskDatabase) as refused:
        Workspace.open(data_dir, clock=clock, create=True, db_url=with_password(pg_url))
    message = refused.value.message("en")
    assert make_url(pg_url).database in message and PASSWORD_IN_URL not in message
    assert not (data_dir / LOCATION_NAME).exists()  # nothing recorded for a refused database


# ---------------------------------------------------------------- the folder's location
def test_a_data_folder_on_postgresql_through_the_command_line(cli, cli_here, pg_url, data_dir):
    url = with_password(pg_url)
    # `init` in a real child process; the later commands through the same entry point in
    # this process (``cli_here``), which spares each the second a child spends starting.
    result = cli("init", "--admin", ADMIN, "--bureau", "某县市场监督管理局", db=url)
    assert result.returncode == 0, result.stderr
    assert not (data_dir / DB_NAME).exists()  # the database is the server's
    location = data_dir / LOCATION_NAME
    assert json.loads(location.read_text("utf-8")) == {"db": url}
    assert stat.S_IMODE(location.stat().st_mode) == 0o600  # the URL holds a password

    # Every later command finds the database through location.json.
    for args in (("unit", "add", "综合执法一科", "--short", "执一"),
                 ("officer", "add", "--name", "张伟", "--cert", "22010001", "--unit", "执一",
                  "--valid-until", "2028-12-31")):
        result = cli_here(*args, user=ADMIN)
        assert result.returncode == 0, result.stderr
    listed = cli_here("officer", "list", "--json", user=ADMIN)
    assert [o["name"] for o in json.loads(listed.stdout)] == ["张伟"]
    assert cli_here("verify", password=None).returncode == 0
    assert cli_here("verify", password=None, db=url).returncode == 0  # the same URL again: fine
    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM officer")).scalar_one() == 1
    engine.dispose()

    # Another database than the folder's is refused, naming both, and no password.
    other = make_url(url).set(database="somewhere_else").render_as_string(hide_password=False)
    refused = cli_here("verify", password=None, db=other, env={"LAWDESK_LANG": "en"})
    assert refused.returncode == 1 and refused.stdout == ""
    assert "somewhere_else" in refused.stderr and make_url(pg_url).database in refused.stderr
    assert "keeps its database at" in refused.stderr
    assert PASSWORD_IN_URL not in refused.stderr


def test_the_store_and_a_sqlite_file_can_live_outside_the_folder(cli_here, tmp_path, data_dir,
                                                                 clock):
    store, db_file = tmp_path / "big-disk" / "footage", tmp_path / "db-disk" / "ld.sqlite"
    result = cli_here("init", "--admin", ADMIN, "--store", str(store), db=f"sqlite:///{db_file}")
    assert result.returncode == 0, result.stderr
    assert db_file.exists() and not (data_dir / DB_NAME).exists()
    assert store.is_dir() and not (data_dir / "store").exists()
    with Workspace.open(data_dir, clock=clock) as ws:
        assert ws.store_dir == store and ws.db_path == db_file
    assert cli_here("verify", password=None).returncode == 0
    refused = cli_here("verify", "--store", str(tmp_path / "elsewhere"), password=None)
    assert refused.returncode == 1
    assert str(store) in refused.stderr and "elsewhere" in refused.stderr
    with pytest.raises(LocationMismatch):
        Workspace.open(data_dir, clock=clock, db_url=f"sqlite:///{tmp_path / 'other.sqlite'}")


def test_a_default_folder_refuses_a_database_elsewhere(workspace, data_dir, clock, pg_url):
    workspace.close()
    with pytest.raises(LocationMismatch) as refused:
        Workspace.open(data_dir, clock=clock, db_url=pg_url)
    assert DB_NAME in refused.value.message("en")
    assert not (data_dir / LOCATION_NAME).exists()


@pytest.mark.parametrize("url,expected", [
    ("postgresql://someone:pw-123@127.0.0.1:notaport/x", "Invalid database URL"),
    ("mysql://someone:pw-123@127.0.0.1/x", "only PostgreSQL"),
    ("postgresql://someone:pw-123@127.0.0.1:5432/", "database name is missing"),
    ("postgresql://someone:pw-123@127.0.0.1:1/lawdesk", "Cannot connect to the database"),
])
def test_bad_database_urls_are_refused_clearly(cli_here, data_dir, url, expected):
    result = cli_here("init", "--admin", ADMIN, db=url, env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert "someone:***@127.0.0.1" in result.stderr and "pw-123" not in result.stderr
    assert not (data_dir / LOCATION_NAME).exists()


# ------------------------------------------------------------------- many writers at once
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from lawdesk.workspace import Workspace
    from organisation.units import add_unit

    data_dir, tag, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    with Workspace.open(data_dir) as ws:  # the database comes from location.json
        ctx = ws.login(%(admin)r, %(password)r)
        print("ready", flush=True)
        deadline = time.monotonic() + 60  # a parent killed before "go" must not leave us spinning
        while not go.exists():
            if time.monotonic() > deadline:
                sys.exit("never told to go")
            time.sleep(0.002)
        for i in range(count):
            add_unit(ctx, f"{tag}-unit-{i}", f"{tag}{i}")
    print("done", flush=True)
""") % {"admin": ADMIN, "password": ADMIN_PASSWORD}

CASE_OPENER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from casework.cases import create_case
    from casework.inputs import parse_case
    from core.actor import Actor
    from core.clock import fixed_clock
    from lawdesk.workspace import Workspace
    from tests.conftest import NOW

    data_dir, example, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[4])
    count = int(sys.argv[3])
    data = parse_case(json.loads(example.read_text("utf-8")))
    with Workspace.open(data_dir, clock=fixed_clock(NOW)) as ws:
        ctx = ws.context(Actor("clerk", frozenset({"clerk"})))
        print("ready", flush=True)
        deadline = time.monotonic() + 60  # a parent killed before "go" must not leave us spinning
        while not go.exists():
            if time.monotonic() > deadline:
                sys.exit("never told to go")
            time.sleep(0.002)
        for _ in range(count):
            print(create_case(ctx, data).row.number, flush=True)
""")


def run_together(script: str, args_of: list[list[str]], go: Path, lawdesk_env,
                 during=None) -> list[str]:  # noqa: ANN001
    """Start one child per argument list, let them all go at once; their outputs."""
    children = [subprocess.Popen([sys.executable, "-c", script, *args], cwd=REPO,
                                 env=lawdesk_env(PYTHONPATH=str(REPO)), text=True,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for args in args_of]
    try:
        for child in children:
            line = child.stdout.readline().strip()
            assert line == "ready", (line, child.stderr.read() if child.poll() is not None
                                     else "")
        go.touch()
        if during is not None:
            during()
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    return [out for out, _err in outputs]


@pytest.mark.slow
def test_processes_appending_to_the_ledger_at_once_leave_one_chain(pg_workspace, data_dir,
                                                                   tmp_path, lawdesk_env,
                                                                   cli_here):
    per_writer, tags = 25, ("A", "B", "C")
    ctx = pg_workspace.login(ADMIN, ADMIN_PASSWORD)

    def write_here_too() -> None:
        for i in range(10):
            add_unit(ctx, f"D-unit-{i}", f"D{i}")

    outputs = run_together(WRITER, [[str(data_dir), tag, str(per_writer), str(tmp_path / "go")]
                                    for tag in tags], tmp_path / "go", lawdesk_env,
                           during=write_here_too)
    assert all(out.strip().endswith("done") for out in outputs)
    with pg_workspace.db.read() as session:
        assert session.execute(select(func.count()).select_from(Unit)).scalar_one() == (
            len(tags) * per_writer + 10)
        added = session.execute(select(func.count()).select_from(LedgerEntry)
                                .where(LedgerEntry.action == "unit.add")).scalar_one()
    assert added == len(tags) * per_writer + 10
    assert_intact(pg_workspace)
    result = cli_here("verify", password=None)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_case_numbers_never_repeat_or_skip_with_processes_at_once(pg_workspace, data_dir,
                                                                  tmp_path, lawdesk_env):
    staff(pg_workspace, officers=2)
    per_process, processes = 12, 3
    outputs = run_together(CASE_OPENER, [[str(data_dir), str(EXAMPLE_CASE), str(per_process),
                                          str(tmp_path / "go")]] * processes,
                           tmp_path / "go", lawdesk_env)
    numbers = [line for out in outputs for line in out.split()]
    expected = {f"执一案〔2026〕{n}号" for n in range(1, per_process * processes + 1)}
    assert len(numbers) == per_process * processes == len(set(numbers))
    assert set(numbers) == expected
    assert_intact(pg_workspace)


def race(count: int, attempt) -> list:  # noqa: ANN001
    """Run ``attempt(i)`` in ``count`` threads released at the same moment; each one's
    result or the DomainError it raised."""
    start, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = attempt(i)
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = error
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_one_device_checked_out_at_once_to_many_goes_to_one(pg_workspace):
    ctx = staff(pg_workspace, officers=6)
    add_device(ctx, "DSJ-0001", "body_camera", "执一")
    results = race(6, lambda i: checkout(ctx, "DSJ-0001", f"2201{i + 1:04d}",
                                         checks=PreUseCheck(), signature_png=None))
    refused = [r for r in results if isinstance(r, DeviceUnavailable)]
    assert len(refused) == 5, results  # not an IntegrityError: the loser is told why
    with pg_workspace.db.read() as session:
        assert session.execute(select(DeviceEvent.seq).order_by(DeviceEvent.seq)
                               ).scalars().all() == [1, 2]
    assert_intact(pg_workspace)


def test_one_officer_cannot_take_more_than_the_limit_by_asking_at_once(pg_workspace):
    ctx = staff(pg_workspace, officers=1)  # custody.max_per_type is 1 by default
    for i in range(5):
        add_device(ctx, f"DSJ-{i:04d}", "body_camera", "执一")
    results = race(5, lambda i: checkout(ctx, f"DSJ-{i:04d}", "22010001",
                                         checks=PreUseCheck(), signature_png=None))
    assert sum(isinstance(r, CustodyLimitReached) for r in results) == 4, results
    assert_intact(pg_workspace)


def test_a_writer_queues_for_the_ledger_before_it_locks_rows(pg_workspace):
    """The ledger lock is taken before a flush writes its rows: a writer that updated a row
    and then queued for the ledger would deadlock with the ledger's holder updating it."""
    staff(pg_workspace, officers=0)
    db, holding, errors = pg_workspace.db, threading.Event(), []

    def rename(session, name: str) -> None:  # noqa: ANN001 - a Session
        session.execute(select(Unit).where(Unit.short_name == "执一")).scalar_one().name = name

    def ledger_lock_waiters() -> int:
        """Sessions queued for the ledger's advisory lock (its 64-bit key is split in two)."""
        with db.engine.connect() as connection:
            return connection.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                " AND database = (SELECT oid FROM pg_database"
                "                 WHERE datname = current_database())"
                " AND ((classid::bigint << 32) | objid::bigint) = :key"),
                {"key": LEDGER_LOCK_KEY}).scalar_one()

    def holder() -> None:
        try:
            with db.write(actor=ADMIN, action="test") as session:
                session.add(Unit(name="法制科", short_name="法制"))
                session.flush()  # holds the ledger lock from here to commit
                holding.set()
                # Only once the other writer is queued does this order matter: had it
                # updated the row before queueing, the rename below would deadlock with it.
                wait_until(ledger_lock_waiters,
                           what="the other writer to queue for the ledger lock")
                rename(session, "先改的名")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    def other() -> None:
        holding.wait(10)
        try:
            with db.write(actor=ADMIN, action="test") as session:
                rename(session, "后改的名")
                session.flush()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=holder), threading.Thread(target=other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with db.read() as session:
        assert session.execute(select(Unit.name).where(Unit.short_name == "执一")
                               ).scalar_one() == "后改的名"
    assert_intact(pg_workspace)


def test_failed_logins_at_the_same_moment_are_all_counted(pg_workspace):
    results = race(3, lambda _i: authenticate(pg_workspace.db, pg_workspace.clock, ADMIN,
                                              "wrong-password"))
    assert all(isinstance(r, (LoginFailed, LoginThrottled)) for r in results), results
    with pg_workspace.db.read() as session:
        user = session.execute(select(User).where(User.username == ADMIN)).scalar_one()
        assert user.failed_logins == 3 and user.locked_until is not None
    assert_intact(pg_workspace)


# ------------------------------------------------------------------------- both backends
def test_the_same_workstation_on_either_database(db_backend, data_dir, clock):
    with Workspace.open(data_dir, clock=clock, create=True, db_url=db_backend) as ws:
        ws.initialise(ADMIN, ADMIN_PASSWORD)
        assert ws.db.is_postgresql == (db_backend is not None)
        staff(ws, officers=2)
        clerk = ws.context(Actor("clerk", frozenset({"clerk"})))
        example = parse_case(json.loads(EXAMPLE_CASE.read_text("utf-8")))
        numbers = [create_case(clerk, example).row.number for _ in range(2)]
        assert numbers == ["执一案〔2026〕1号", "执一案〔2026〕2号"]
        assert_intact(ws)
    with Workspace.open(data_dir, clock=clock) as ws:  # reopened without naming the database
        assert ws.db.is_postgresql == (db_backend is not None)
        assert ws.login(ADMIN, ADMIN_PASSWORD).actor.username == ADMIN


def test_a_connection_killed_while_idle_is_replaced_before_use(pg_url, monkeypatch):
    """PostgreSQL restarted (or a backend killed) while the pool was idle: the next request
    works on a fresh connection instead of failing on the dead one."""
    import db.database as database_module

    database = Database(pg_url)
    try:
        with database.read() as session:
            victim = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        # Idle long enough to be checked before its next use.
        monkeypatch.setattr(database_module, "PG_PING_IDLE_S", 0.0)
        killer = Database(pg_url)
        with killer.read() as session:
            assert session.execute(text("SELECT pg_terminate_backend(:pid)"),
                                   {"pid": victim}).scalar_one()
        killer.dispose()
        with database.read() as session:
            now = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert now != victim
    finally:
        database.dispose()


def test_a_busy_connection_is_not_pinged_before_each_use(pg_url, monkeypatch):
    """Under load every transaction would pay a round trip for the check otherwise."""
    database = Database(pg_url)
    pings = []
    real_ping = database.engine.dialect.do_ping
    monkeypatch.setattr(database.engine.dialect, "do_ping",
                        lambda connection: pings.append(1) or real_ping(connection))
    try:
        for _ in range(5):
            with database.read() as session:
                assert session.execute(text("SELECT 42")).scalar_one() == 42
        assert pings == []
    finally:
        database.dispose()
