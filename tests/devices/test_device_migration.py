"""Schema 0003 (devices) on a data folder made by the release before it (0002)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from audit.verify import verify_ledger
from db.database import Database, sqlite_url
from db.migrate import current_revision, migrate
from devices.custody import PreUseCheck, checkout
from devices.ratio import ratio_report
from devices.registry import add_device
from devices.types import list_device_types
from lawdesk.workspace import DB_NAME, Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"  # the `workspace` fixture's first admin
DEVICE_TABLES = {"device_type", "device", "device_event", "custody", "signature_image",
                 "ratio_standard"}


def tables(path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.fixture
def release_0002_folder(workspace, as_role, data_dir, clock):
    """A set-up folder at schema 0002 with a unit and a certified officer in it: made at the
    current schema, then taken down to 0002 (which also tests the downgrade)."""
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "综合科", "综合")
    add_officer(admin, "王五", "综合", CertificateInput("C-WANG", date(2099, 1, 1),
                                                        date(2020, 1, 1)))
    workspace.close()
    database = Database(sqlite_url(data_dir / DB_NAME))
    try:
        migrate(database, backup_dir=None, now=clock.now(), target="0002")
        assert current_revision(database) == "0002"
    finally:
        database.dispose()
    assert not DEVICE_TABLES & tables(data_dir / DB_NAME)
    return data_dir


def test_opening_a_0002_folder_adds_the_devices_schema_and_defaults(release_0002_folder, clock):
    with Workspace.open(release_0002_folder, clock=clock) as ws:
        assert ws.migrated_from == "0002"
        assert DEVICE_TABLES <= tables(ws.db_path)
        ctx = ws.login(ADMIN, ADMIN_PASSWORD)
        assert {t.code for t in list_device_types(ctx)} >= {"body_camera", "audio_recorder",
                                                            "camera", "document_camera"}
        # The data that was there is used at once by the new features.
        add_device(ctx, "BC-1", "body_camera", "综合")
        assert checkout(ctx, "BC-1", "C-WANG", checks=PreUseCheck(),
                        signature_png=None).officer_name == "王五"
        body = next(r for r in ratio_report(ctx) if r.device_type == "body_camera")
        assert (body.officers, body.required, body.in_service) == (1, 1, 1)
        assert verify_ledger(ws.db, head_file=ws.head_file).intact
    backups = [b.name for b in (release_0002_folder / "backups").iterdir()]
    assert any(name.endswith("-rev0002.sqlite") for name in backups)


def test_the_defaults_are_seeded_once_by_the_system(release_0002_folder, clock):
    with Workspace.open(release_0002_folder, clock=clock) as ws:
        first = _seeding_entries(ws)
    with Workspace.open(release_0002_folder, clock=clock) as ws:
        assert _seeding_entries(ws) == first        # opening again seeds nothing
    assert first and {actor for actor, _ in first} == {"system"}


def _seeding_entries(ws) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(ws.db_path)) as connection:
        return connection.execute(
            "SELECT actor, seq FROM ledger_entry WHERE action = 'devices.defaults' "
            "AND object_type = 'device_type' ORDER BY seq").fetchall()


def test_a_folder_not_yet_set_up_gets_the_defaults_at_set_up(data_dir, clock):
    data_dir.mkdir(parents=True)
    database = Database(sqlite_url(data_dir / DB_NAME))
    migrate(database, backup_dir=None, now=clock.now(), target="0002")
    database.dispose()
    with Workspace.open(data_dir, clock=clock) as ws:
        assert not ws.initialised
        with ws.db.read() as session:     # no key yet, so nothing could be signed
            from sqlalchemy import text
            assert session.execute(text("SELECT count(*) FROM device_type")).scalar() == 0
        ws.initialise(ADMIN, ADMIN_PASSWORD)
        assert list_device_types(ws.login(ADMIN, ADMIN_PASSWORD))
        assert verify_ledger(ws.db, head_file=ws.head_file).intact
