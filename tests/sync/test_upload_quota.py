"""Open uploads are bounded, and expired ones are swept away. Issue 23: 200 uploads each
declaring 75 GiB were all accepted (the disk check looked at one upload at a time), and
their part files stayed for 7 days."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from audit.keys import create_keys
from config.settings import set_setting
from core.clock import Clock
from db.models import HqUpload
from db.models.hq import HqAuthNonce
from hq import sweep
from hq.enrollment import enroll, issue_code
from hq.service import Caller, HqService
from hq.tokens import TokenKeys
from organisation.units import add_unit
from sync.protocol import UPLOAD_EXPIRY_S
from tests.stand_ins import MovableClock
from tests.sync.conftest import admin_context
from tests.sync.footage_helpers import Tus, hq_upload_count, noise, part_files
from tests.waiting import wait_until

pytestmark = pytest.mark.slow

GIB, MIB = 1 << 30, 1 << 20


def _quota(hq, workstation_gib: int, unit_gib: int) -> None:  # noqa: ANN001
    with hq.open() as server_side:
        admin = hq.admin(server_side)
        set_setting(admin, "hq.upload_quota_workstation_gib", workstation_gib)
        set_setting(admin, "hq.upload_quota_unit_gib", unit_gib)


def _declare(tus: Tus, name: str, length: int = 300 * MIB):  # noqa: ANN202
    return tus.create(sha256=hashlib.sha256(name.encode()).hexdigest(), length=length)


def test_open_uploads_are_held_to_the_quota_of_their_workstation_and_unit(hq, enrolled):
    first, second, other = (Tus(hq, enrolled("a1")), Tus(hq, enrolled("a2")),
                            Tus(hq, enrolled("b1", unit="二科")))
    try:
        # The issue's attack: 200 uploads declaring 75 GiB each.
        answers = [_declare(first, f"big-{n}", 75 * GIB) for n in range(200)]
        assert {a.status_code for a in answers} == {413}  # one alone is over 64 GiB
        error = answers[0].json()["error"]
        assert error["code"] == "upload_quota"
        assert "hq.upload_quota_workstation_gib" in error["message_en"]
        assert "64 GiB" in error["message_en"] and "64 GiB" in error["message"]
        assert hq_upload_count(hq) == 0 and part_files(hq) == []

        _quota(hq, 1, 1)  # 1 GiB each: three uploads of 300 MiB fit, a fourth does not
        taken = [_declare(first, f"a1-{n}") for n in range(4)]
        assert [a.status_code for a in taken] == [201, 201, 201, 507]
        assert taken[3].json()["error"]["code"] == "upload_quota"
        assert "this workstation" in taken[3].json()["error"]["message_en"]
        # The same file offered again resumes its upload: nothing new is declared.
        assert _declare(first, "a1-0").status_code == 201
        # The unit's other workstation finds the unit's room taken.
        neighbour = _declare(second, "a2-0")
        assert neighbour.status_code == 507
        assert "hq.upload_quota_unit_gib" in neighbour.json()["error"]["message_en"]
        # Another unit has its own.
        assert _declare(other, "b1-0").status_code == 201
        # An upload ended frees its room.
        assert first.delete(taken[0].headers["Location"]).status_code == 204
        assert _declare(second, "a2-0").status_code == 201
    finally:
        for tus in (first, second, other):
            tus.close()
    assert hq_upload_count(hq) == 4


def test_uploads_that_expired_while_hq_was_down_are_swept_when_it_starts(hq, enrolled):
    tus = Tus(hq, enrolled())
    try:
        data = noise(200_000, "expires")
        location = tus.create(data).headers["Location"]
        assert tus.patch(location, 0, data[:50_000]).status_code == 204
    finally:
        tus.close()
    assert len(part_files(hq)) == 1
    hq.stop()
    # A week and a day pass.
    with hq.open() as server_side, server_side.db.write(actor="t", action="t") as session:
        session.execute(update(HqUpload).values(
            expires_at=datetime.now(timezone.utc) - timedelta(days=1)))
    hq.start()
    # No request needed: the sweep starts with the server.
    wait_until(lambda: part_files(hq) == [] and hq_upload_count(hq) == 0, timeout=20,
               what="the expired upload and its part file to be swept")


@pytest.fixture
def moving():
    return MovableClock()


@pytest.fixture
def clock(moving):
    """The `workspace` fixture's clock, here one the test moves on."""
    return Clock(source=moving)


def test_the_sweep_removes_an_upload_once_it_expires(workspace, moving, tmp_path):
    admin = admin_context(workspace)
    add_unit(admin, "执法一科", "一科")
    code = issue_code(admin, "一科").code
    key = create_keys(tmp_path / "ws-keys").public_hex
    enrolled = enroll(workspace.db, moving(), code=code, workstation_id="ab" * 16,
                      public_key=key, name=None)
    service = HqService(workspace, TokenKeys.load_or_create(tmp_path / "hq-keys"))
    caller = Caller(enrolled.workstation_id, enrolled.unit_id)
    created = service.uploads.create(caller, length=1000, metadata={
        "sha256": hashlib.sha256(b"sweep").hexdigest()})
    part = service.uploads.dir / f"{created.upload_id}.part"
    with workspace.db.write(actor="t", action="t") as session:
        session.add(HqAuthNonce(workstation_id=enrolled.workstation_id, nonce="n" * 32,
                                at=moving()))
    sweeper = sweep.start(service, interval_s=0.05)
    try:
        wait_until(lambda: sweeper.rounds >= 2, what="two sweeps")
        assert part.exists()  # not expired yet
        moving.now += timedelta(seconds=UPLOAD_EXPIRY_S + 1)
        rounds = sweeper.rounds
        wait_until(lambda: sweeper.rounds > rounds + 1, what="a whole sweep after the move")
        assert not part.exists()
        with workspace.db.read() as session:
            assert session.query(HqUpload).count() == 0
            assert session.query(HqAuthNonce).count() == 0  # out of the replay window
    finally:
        sweep.stop(service)
    assert service.sweeper is None
