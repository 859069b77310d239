"""Engine and session helpers.

SQLite on the workstation: WAL so readers never wait for the writer, foreign keys on, a busy
timeout, and every write transaction started with BEGIN IMMEDIATE so two processes (the GUI
and a CLI command) queue for the write lock instead of failing with "database is locked"
when a read transaction tries to upgrade. Within one process, writers queue on a lock of
their own before they take a connection (``write_gate``): SQLite's busy handler polls with
sleeps of up to 100 ms, and a writer waiting there holds a pooled connection the readers
then lack; measured at HQ under a hundred workstations, that was most of the worst-case
latency.

PostgreSQL (HQ) uses the same models and migrations. It has no database-wide write lock, so
writes run side by side; what SQLite's single writer gave for free is taken where it is
needed with ``advisory_xact_lock``: the audit ledger's head (audit.recorder) and the
migrator (db.migrate).
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator, Literal

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from core.errors import DomainError

BUSY_TIMEOUT_MS = 30_000
# session.info key of a write session's follow-ups: callables run once it has committed and
# let go of the write lock (only sessions made by Database.write have it).
AFTER_WRITE = "lawdesk_after_write"
_IMMEDIATE = "lawdesk_immediate"

# PostgreSQL pool: an HQ server answers about a hundred workstations; most requests hold a
# connection for a few milliseconds, so ten kept open and twenty more under a burst is
# plenty, and stays far below the server's max_connections with several server processes.
PG_POOL_SIZE, PG_MAX_OVERFLOW = 10, 20
PG_CONNECT_TIMEOUT_S = 10  # an unreachable host fails in seconds instead of hanging
PG_PING_IDLE_S = 10.0      # a pooled connection idle this long is checked before use
_IDLE_SINCE = "lawdesk_idle_since"
# SQLite pool: connections are cheap and readers never wait for the writer (WAL), so one per
# worker thread an HQ server may run at once (anyio's default of 40), kept or not.
SQLITE_POOL_SIZE, SQLITE_MAX_OVERFLOW = 8, 32

# Advisory lock keys (PostgreSQL, transaction-scoped). Fixed numbers, so every process and
# every LawDesk version agrees on them; any 64-bit value not used elsewhere would do.
LEDGER_LOCK_KEY = 0x4C44_4C45_4447_4552  # "LDLEDGER": one ledger appender at a time
MIGRATION_LOCK_KEY = 0x4C44_4D49_4752_4154  # "LDMIGRAT": one migrator at a time


class InvalidDatabaseUrl(DomainError):
    code = "invalid_database_url"
    zh = "数据库地址无效：{url}（{reason_zh}）"
    en = "Invalid database URL: {url} ({reason_en})"


class DatabaseUnavailable(DomainError):
    code = "database_unavailable"
    zh = "无法连接数据库 {url}：{reason}"
    en = "Cannot connect to the database {url}: {reason}"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def display_url(url: str | URL) -> str:
    """The URL as it may be shown or logged: any password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        # Unparsable: hide whatever sits between "user:" and "@" all the same.
        return re.sub(r"(//[^/:@]*:)[^@/]*@", r"\1***@", str(url))


def database_url(url: str) -> str:
    """A URL given by a person (``--db``), checked and in the one form LawDesk stores.

    PostgreSQL goes through psycopg 3 (``postgresql://`` and ``postgres://`` mean it too);
    a SQLite URL must name a file, made absolute so it means the same from any folder."""
    shown = display_url(url)
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise InvalidDatabaseUrl(
            url=shown, reason_zh="应形如 postgresql+psycopg://用户:密码@主机:端口/库名 "
            "或 sqlite:////路径/lawdesk.sqlite",
            reason_en="expected postgresql+psycopg://user:password@host:port/dbname or "
            "sqlite:////path/lawdesk.sqlite") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        if not parsed.database:
            raise InvalidDatabaseUrl(url=shown, reason_zh="缺少数据库名",
                                     reason_en="the database name is missing")
        return parsed.set(drivername="postgresql+psycopg").render_as_string(
            hide_password=False)
    if backend == "sqlite" and driver in ("", "pysqlite"):
        if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith(
                "file:"):
            raise InvalidDatabaseUrl(url=shown, reason_zh="须指定数据库文件",
                                     reason_en="it must name a database file")
        return sqlite_url(Path(parsed.database).expanduser())
    raise InvalidDatabaseUrl(url=shown, reason_zh="只支持 PostgreSQL（psycopg）和 SQLite",
                             reason_en="only PostgreSQL (through psycopg) and SQLite are "
                             "supported")


def sqlite_engine(url: str | URL, *, synchronous: Literal["FULL", "NORMAL"] = "FULL",
                  **options: Any) -> Engine:
    """A SQLite engine set up as every one LawDesk opens: WAL, foreign keys on, the busy
    timeout, and BEGIN IMMEDIATE for writes (the execution option set by Database).

    FULL: a committed evidence record survives a power cut, not only a crash. NORMAL is for
    a second engine whose writes a power cut may lose safely (``Database.unsynced_writes``).
    """
    engine = create_engine(url, **options)
    _configure_sqlite(engine, synchronous)
    return engine


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy's "begin" event decide how a transaction starts (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {synchronous}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgresql_engine(url: URL, echo: bool) -> Engine:
    connect_args: dict[str, object] = {"application_name": "lawdesk"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    if "options" not in url.query:
        # Timestamps come back in UTC whatever the server's zone, as on SQLite.
        connect_args["options"] = "-c timezone=UTC"
    engine = create_engine(url, echo=echo, pool_size=PG_POOL_SIZE,
                           max_overflow=PG_MAX_OVERFLOW, connect_args=connect_args)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use only when it has lain idle: the server may have
    restarted meanwhile. SQLAlchemy's pool_pre_ping checks every one: a round trip before
    every transaction, several per HQ request, on a server that a hundred workstations
    keep busy (and whose connections are therefore never idle for long)."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection, record) -> None:  # noqa: ANN001
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy) -> None:  # noqa: ANN001
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PG_PING_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool drops this connection and tries another (a new one if need be).
            raise DisconnectionError(str(error)) from error


@contextmanager
def temporary_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of ``server_url`` under a random name
    starting with ``prefix``: its URL, for tests and benchmarks (a LawDesk database belongs
    to one data folder). Dropped afterwards WITH (FORCE), so connections left open do not
    keep it alive."""
    from sqlalchemy.pool import NullPool
    server = make_url(database_url(server_url))
    name = f"{prefix}{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def advisory_lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a named resource."""
    digest = hashlib.sha256(b"lawdesk:" + name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def is_postgresql(bind: Session | Connection) -> bool:
    connection = bind.connection() if isinstance(bind, Session) else bind
    return connection.dialect.name == "postgresql"


def advisory_xact_lock(bind: Session | Connection, key: int) -> None:
    """PostgreSQL: wait for the advisory lock ``key``, held until the transaction ends.

    SQLite: nothing to do, a write transaction there already holds the database's only
    write lock (BEGIN IMMEDIATE)."""
    connection = bind.connection() if isinstance(bind, Session) else bind
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


class Database:
    """One database: a read engine and a write engine sharing one connection pool."""

    # Called as each session opens (read or write). The window installs a check that it is
    # not on its UI thread (desktop.thread_guard); nothing else sets it.
    on_session: Callable[[], None] | None = None

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        if parsed.get_backend_name() == "postgresql":
            self.engine = _postgresql_engine(parsed, echo)
        else:
            self.engine = sqlite_engine(parsed, echo=echo, pool_size=SQLITE_POOL_SIZE,
                                        max_overflow=SQLITE_MAX_OVERFLOW)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.is_postgresql = self.engine.dialect.name == "postgresql"
        # Re-entrant: a nested write in one thread fails on SQLite's own lock as before,
        # instead of hanging here.
        self._gate = threading.RLock() if self.is_sqlite else None
        self._write_engine = self.engine.execution_options(**{_IMMEDIATE: True})
        self.write_sessions = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        return display_url(self.url)

    def check_connection(self) -> None:
        """Connect once, so a wrong address, a stopped server or a refused login is one
        clear error naming the database (never its password) instead of a traceback."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except DBAPIError as error:
            reason = str(error.orig or error).strip().splitlines()
            raise DatabaseUnavailable(url=self.display_url,
                                      reason=reason[0] if reason else type(error).__name__
                                      ) from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session; it never takes the write lock.

        Closing (not rolling back) ends the transaction and leaves loaded objects readable."""
        if self.on_session is not None:
            self.on_session()
        with self.read_sessions() as session:
            yield session

    @contextmanager
    def write(self, *, actor: str, action: str) -> Iterator[Session]:
        """One unit of work: everything in it commits together, with its ledger entries.

        ``actor`` and ``action`` are read by the audit ledger's flush hook.
        """
        if self.on_session is not None:
            self.on_session()
        with self.write_sessions() as session:
            session.info["actor"] = actor
            session.info["action"] = action
            session.info[AFTER_WRITE] = after = []
            with self.write_gate(), session.begin():
                yield session
            # Committed and the write lock let go: slow follow-ups (the ledger's head file
            # and its fsyncs) no longer hold up the next writer.
            for follow_up in after:
                follow_up()

    def unsynced_writes(self) -> Engine | None:
        """SQLite: an engine of its own on the same file, for writes whose last commits a power
        cut may lose safely (an upload's offset, hq.offset_writer): synchronous=NORMAL, so a
        commit does not wait for the disk; every transaction takes the write lock at once
        (BEGIN IMMEDIATE), so hold ``write_gate`` around it. PostgreSQL: None; such a write
        turns synchronous_commit off for its own transaction instead."""
        if not self.is_sqlite:
            return None
        return sqlite_engine(self.url, synchronous="NORMAL").execution_options(
            **{_IMMEDIATE: True})

    def write_gate(self) -> ContextManager[object]:
        """SQLite: this process's writers one at a time, queued before they take a
        connection (other processes still queue on SQLite's lock). PostgreSQL: nothing."""
        return self._gate if self._gate is not None else nullcontext()

    def dispose(self) -> None:
        self.engine.dispose()
