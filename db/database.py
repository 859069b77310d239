"""Engine and session helpers.

SQLite on the workstation: WAL so readers never wait for the writer, foreign keys on, a busy
timeout, and every write transaction started with BEGIN IMMEDIATE so two processes (the GUI
and a CLI command) queue for the write lock instead of failing with "database is locked"
when a read transaction tries to upgrade. PostgreSQL (HQ) uses the same models.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "lawdesk_immediate"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy's "begin" event decide how a transaction starts (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed evidence record survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One database: a read engine and a write engine sharing one connection pool."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_engine(url, echo=echo)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._write_engine = self.engine.execution_options(**{_IMMEDIATE: True})
        self.write_sessions = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session; it never takes the write lock.

        Closing (not rolling back) ends the transaction and leaves loaded objects readable."""
        with self.read_sessions() as session:
            yield session

    @contextmanager
    def write(self, *, actor: str, action: str) -> Iterator[Session]:
        """One unit of work: everything in it commits together, with its ledger entries.

        ``actor`` and ``action`` are read by the audit ledger's flush hook.
        """
        with self.write_sessions() as session:
            session.info["actor"] = actor
            session.info["action"] = action
            with session.begin():
                yield session

    def dispose(self) -> None:
        self.engine.dispose()
