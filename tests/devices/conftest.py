"""A bureau with units, officers in every certification state and a few devices.

The fixed clock stands at 2026-06-15 10:00 in Beijing (02:00 UTC), so "today" is 2026-06-15.
Fixtures only: test modules must not import this file (two conftest.py files exist).
"""
from __future__ import annotations

import shutil
import struct
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from db.models import Base
from devices.registry import add_device
from lawdesk.workspace import DB_NAME, Workspace
from organisation.officers import CertificateInput, add_officer, set_certificate_status
from organisation.units import add_unit

NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)  # the `clock` fixture's instant
TODAY = date(2026, 6, 15)
FAR = date(2099, 12, 31)


def make_png(seed: int = 0) -> bytes:
    """A real, tiny PNG (one grey pixel whose shade is ``seed``), as a signature pad saves."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, seed % 256]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


@pytest.fixture
def png():
    return make_png


@pytest.fixture
def acting(workspace):
    """``acting(instant, *roles)``: a context whose clock stands at ``instant``."""
    def make(instant: datetime, *roles: str, username: str = "keeper") -> Context:
        return Context(db=workspace.db, actor=Actor(username, frozenset(roles or ("custodian",))),
                       clock=fixed_clock(instant))
    return make


@pytest.fixture
def manager(workspace, as_role):
    return as_role("admin", username="admin")


@pytest.fixture
def keeper(workspace, as_role):
    """The device custodian (设备管理员)."""
    return as_role("custodian", username="keeper")


def _build_bureau(manager: Context) -> None:
    add_unit(manager, "综合科", "综合")
    add_unit(manager, "法制科", "法制")
    since = date(2020, 1, 1)
    add_officer(manager, "王五", "综合", CertificateInput("C-WANG", FAR, since))
    add_officer(manager, "赵六", "综合", CertificateInput("C-ZHAO", FAR, since))
    add_officer(manager, "钱七", "综合", CertificateInput("C-OLD", TODAY - timedelta(days=1),
                                                          since))
    add_officer(manager, "孙八", "综合", CertificateInput("C-SUSP", FAR, since))
    set_certificate_status(manager, "C-SUSP", "suspended", "违纪调查")
    add_officer(manager, "周九", "综合", CertificateInput("C-REV", FAR, since))
    set_certificate_status(manager, "C-REV", "revoked", "吊销")
    add_officer(manager, "吴十", "综合", CertificateInput("C-SOON", FAR,
                                                          TODAY + timedelta(days=1)))
    add_officer(manager, "郑一", "综合", None)
    add_device(manager, "BC-1", "body_camera", "综合")
    add_device(manager, "BC-2", "body_camera", "综合")
    add_device(manager, "AR-1", "audio_recorder", "综合")


@pytest.fixture(scope="session")
def bureau_template(initialised_template: Path, tmp_path_factory) -> Path:  # noqa: ANN001
    """The bureau built once per run through the services, on a copy of the initialised
    template (so the same workstation key and identity), then closed."""
    folder = tmp_path_factory.mktemp("bureau") / "data"
    shutil.copytree(initialised_template, folder)
    workspace = Workspace.open(folder, clock=fixed_clock(NOW))
    _build_bureau(workspace.context(Actor("admin", frozenset({"admin"}))))
    workspace.close()
    return folder


@pytest.fixture
def bureau(workspace, data_dir, bureau_template):
    """Two units; officers in every certification state; three devices in 综合科.

    Certificates: C-WANG and C-ZHAO valid; C-OLD expired; C-SUSP suspended; C-REV revoked;
    C-SOON not yet valid; 郑一 has none. Devices: BC-1, BC-2 (body cameras), AR-1 (audio
    recorder), all in store.

    Built once (some fifteen signed transactions) and copied in: the test's workspace lets
    go of its database file, which is then replaced, with the signed head beside it."""
    workspace.db.dispose()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    for name in (DB_NAME, "ledger-head.json"):
        shutil.copyfile(bureau_template / name, data_dir / name)
    return workspace


@pytest.fixture
def snapshot(workspace):
    """Row counts of every table: "nothing changed" means none of them moved."""
    def take() -> dict[str, int]:
        with workspace.db.read() as session:
            return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in Base.metadata.sorted_tables}
    return take


@pytest.fixture
def unchanged(snapshot, ledger_length):
    """``with unchanged(): …`` asserts the block changed no table and wrote no ledger entry."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before, length = snapshot(), ledger_length()
        yield
        assert snapshot() == before
        assert ledger_length() == length
    return check
