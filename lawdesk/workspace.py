"""A data folder opened for work: database, footage store, workstation keys, settings.

Created once by an entry point (CLI command, GUI, HQ server) and passed explicitly; tests
make a fresh one per test. Layout of the folder:

    lawdesk.sqlite          the database (WAL)
    location.json           only when the database or the store live elsewhere (--db, --store)
    ledger-head.json        the signed ledger head (see audit.recorder)
    keys/                   the workstation's Ed25519 key pair
    store/                  the write-once footage store
    documents/              issued case documents (PDF), write-once by SHA-256
    backups/                database copies made before each migration
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect, make_url, select, text

from accounts.users import authenticate, create_first_admin, has_users
from audit.keys import PRIVATE_NAME, create_keys, load_signer
from audit.recorder import AuditSettings, install
from compliance.hooks import install as install_compliance
from core.actor import Actor
from core.clock import Clock, iso_utc
from core.context import Context
from core.errors import DomainError
from db.database import Database, DatabaseUnavailable, display_url
from db.schema_head import SCHEMA_HEAD
from db.models import WorkstationIdentity
from disclosure.hooks import install as install_drafting
from lawdesk.location import DB_NAME, LOCATION_NAME, STORE_NAME, Location
from review.hooks import install as install_review
from review.hooks import install_document_context as install_review_documents
from lawdesk.location import record as record_location
from lawdesk.location import resolve as resolve_location
from sync.ownership import install as install_ownership


class NotInitialised(DomainError):
    code = "not_initialised"
    zh = "数据文件夹 {path} 尚未初始化，请先运行 lawdesk init --admin 用户名"
    en = "The data folder {path} is not set up yet; run lawdesk init --admin NAME first"


class _UnsignedLedger:
    """Stands in for the key until init: a write before set-up is a programming error."""

    def sign(self, message: bytes) -> str:
        raise NotInitialised(path="?")


@dataclass
class Workspace:
    data_dir: Path
    db: Database
    clock: Clock
    audit: AuditSettings
    migrated_from: str | None = field(default=None)
    location: Location | None = field(default=None)  # None: the defaults inside data_dir

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None, create: bool = False,
             db_url: str | None = None, store_dir: str | Path | None = None) -> "Workspace":
        """Open (``create``: or set up) a data folder.

        ``db_url`` and ``store_dir`` put the database and the footage store elsewhere
        (see lawdesk.location): given when the folder is created they are recorded in it;
        given later they must match what it recorded."""
        data_dir = Path(data_dir)
        location = resolve_location(data_dir, db_url=db_url, store_dir=store_dir)
        sqlite_file = _sqlite_file(location.db_url)
        if not create:
            if not ((data_dir / LOCATION_NAME).exists() or (data_dir / DB_NAME).exists()):
                raise NotInitialised(path=data_dir)
            if sqlite_file is not None and not sqlite_file.exists():
                # A recorded file gone: never quietly start an empty database in its place.
                raise DatabaseUnavailable(url=display_url(location.db_url),
                                          reason="文件不存在 / no such file")
        data_dir.mkdir(parents=True, exist_ok=True)
        if sqlite_file is not None:
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        clock = clock or Clock()
        database = Database(location.db_url)
        migrated_from = None
        try:
            database.check_connection()
            if _revision(database) != SCHEMA_HEAD:
                from db.migrate import migrate  # Alembic is only imported when there is work
                result = migrate(database, backup_dir=data_dir / "backups", now=clock.now())
                migrated_from = result.from_revision
            if create:
                # Only once the database answered: a mistyped URL is not recorded.
                record_location(data_dir, location)
        except BaseException:
            database.dispose()
            raise
        audit = AuditSettings(workstation_id="", signer=_UnsignedLedger(),  # type: ignore[arg-type]
                              now=clock.now, head_file=data_dir / "ledger-head.json")
        install(database.write_sessions, audit)
        install_ownership(database.write_sessions)  # HQ's data: read-only once enrolled
        install_drafting(database.write_sessions)  # a decision drafts its disclosure
        install_review(database.write_sessions)  # no decision before its legal review
        # Recording findings kept current as evidence, steps and closing change.
        install_compliance(database.write_sessions, clock.now)
        # The review's outcome and reviewers on documents, previewed or issued.
        install_review_documents(database.read_sessions, database.write_sessions)
        workspace = cls(data_dir, database, clock, audit, migrated_from, location)
        workspace._load_identity()
        if workspace.audit.workstation_id:
            # A folder set up before the devices schema (0002) gets the default device
            # types and standards now; a folder not yet set up gets them at initialise().
            workspace._ensure_defaults()
        return workspace

    def _ensure_defaults(self) -> None:
        from devices.defaults import ensure_defaults
        ensure_defaults(self.db, now=self.clock.now())
        from casework.defaults import ensure_defaults as ensure_case_defaults
        ensure_case_defaults(self.db)
        from review.defaults import ensure_defaults as ensure_catalogue
        ensure_catalogue(self.db, now=self.clock.now())
        from disclosure.rules import ensure_defaults as ensure_disclosure_rules
        ensure_disclosure_rules(self.db, now=self.clock.now())
        from review.benchmark_files import ensure_defaults as ensure_benchmarks
        ensure_benchmarks(self.db, now=self.clock.now())

    def _load_identity(self) -> None:
        with self.db.read() as session:
            identity = session.execute(select(WorkstationIdentity)).scalars().first()
        if identity is not None:
            self.audit.workstation_id = identity.id
            self.audit.signer = load_signer(self.keys_dir)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------- paths
    @property
    def db_path(self) -> Path | None:
        """The SQLite database file; None when the database is on a server."""
        if self.location is None or "db" not in self.location.recorded:
            return self.data_dir / DB_NAME
        return _sqlite_file(self.location.db_url)

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def store_dir(self) -> Path:
        if self.location is None:
            return self.data_dir / STORE_NAME
        return self.location.store_dir

    @property
    def store(self):  # noqa: ANN201 - evidence.store.FootageStore, imported on use
        """The write-once footage store in ``store/``."""
        from evidence.store import FootageStore
        return FootageStore(self.store_dir)

    @property
    def documents_dir(self) -> Path:
        """Issued case documents, write-once by SHA-256 (casework.documents.archive)."""
        return self.data_dir / "documents"

    @property
    def head_file(self) -> Path:
        return self.data_dir / "ledger-head.json"

    # ------------------------------------------------------------------ set-up
    @property
    def initialised(self) -> bool:
        return bool(self.audit.workstation_id) and has_users(self.db)

    @property
    def workstation_id(self) -> str:
        return self.audit.workstation_id

    def initialise(self, admin: str, password: str) -> bool:
        """Make the key pair, the workstation identity and the first admin.

        Returns False, changing nothing, when the folder is already set up."""
        if self.initialised:
            return False
        if not self.audit.workstation_id:
            from accounts.passwords import check_strength
            check_strength(password)
            self.create_identity()
        create_first_admin(self.db, admin, password)
        self._ensure_defaults()
        return True

    def create_identity(self) -> None:
        """The key pair and the workstation identity that signs the ledger, without any
        account: enough for a server (HQ) to start; an admin is added by ``initialise``."""
        if self.audit.workstation_id:
            return
        self.store_dir.mkdir(parents=True, exist_ok=True)
        # A set-up interrupted after making the key resumes with that key.
        signer = (load_signer(self.keys_dir) if (self.keys_dir / PRIVATE_NAME).exists()
                  else create_keys(self.keys_dir))
        self.audit.signer = signer
        self.audit.workstation_id = uuid.uuid4().hex
        with self.db.write(actor="system", action="init.workstation") as session:
            session.add(WorkstationIdentity(id=self.audit.workstation_id,
                                            public_key=signer.public_hex,
                                            created_at=iso_utc(self.clock.now())))
        self._ensure_defaults()

    # ------------------------------------------------------------------ people
    def login(self, username: str, password: str) -> Context:
        if not self.initialised:
            raise NotInitialised(path=self.data_dir)
        return self.context(authenticate(self.db, self.clock, username, password))

    def context(self, actor: Actor) -> Context:
        return Context(db=self.db, actor=actor, clock=self.clock)

    @property
    def language(self) -> str:
        from config.settings import get_setting
        return get_setting(self.db, "ui.language")


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" else None


def _revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None  # a new or foreign database: db.migrate tells which
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
