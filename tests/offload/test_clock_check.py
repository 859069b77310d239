"""An offload judges the recorder's clock from its file times (issue 18, item 3).

GA/T 947 allows a recorder's clock 3 s of error a day: with the clock last checked at a
checkout ten days before the offload, 30 s are allowed. A file cannot end after the offload
began (clock ahead), nor can a file new since the previous offload start before it began
(clock behind)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from core.clock import Clock
from db.models import LedgerEntry, OffloadSession
from devices.custody import PreUseCheck, checkout
from devices.offload.pipeline import offload
from devices.registry import add_device
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.stand_ins import MovableClock

BEIJING = ZoneInfo("Asia/Shanghai")
SERIAL, CERT = "J001234", "22010001"
REGISTERED = datetime(2026, 5, 1, 9, 0, tzinfo=BEIJING)
CHECKED_OUT = datetime(2026, 6, 5, 12, 0, tzinfo=BEIJING)
OFFLOADED = CHECKED_OUT + timedelta(days=10)          # allowance: 10 days × 3 s = 30 s


@pytest.fixture
def moving():
    return MovableClock(REGISTERED)


@pytest.fixture
def clock(moving):
    return Clock(zone=BEIJING, source=moving)


@pytest.fixture
def recorder(workspace, as_role, moving):
    """Body camera J001234, registered on 05-01 and checked out on 06-05 with its clock
    checked (the custodian's pre-use check)."""
    admin = as_role("admin", username="admin")
    add_unit(admin, "综合执法一科", "执一")
    add_officer(admin, "张伟", "执一", CertificateInput(CERT, date(2030, 12, 31),
                                                        valid_from=date(2020, 1, 1)))
    add_device(admin, SERIAL, "body_camera", "执一")
    moving.now = CHECKED_OUT
    checkout(as_role("custodian", username="keeper"), SERIAL, CERT, checks=PreUseCheck(),
             signature_png=None)
    return admin


def card(tmp_path, media, *starts: datetime, name: str = "card"):  # noqa: ANN001
    """A GA/T 947 card holding one 1-second video per start time (the recorder's clock)."""
    root = tmp_path / name
    (root / "DEVICE.TXT").parent.mkdir(parents=True, exist_ok=True)
    (root / "DEVICE.TXT").write_text(f"Model=BC-9\nSN={SERIAL}\n")
    for seq, start in enumerate(starts, start=1):
        stamp = start.astimezone(BEIJING).strftime("%Y%m%d%H%M%S")
        media.write_video(root / "RECORD" / media.gat947_name(SERIAL, CERT, stamp, seq),
                          seed=seq + hash(name) % 1000)
    return root


def clock_of(workspace, session_id: str) -> OffloadSession:  # noqa: ANN001
    with workspace.db.read() as s:
        return s.get(OffloadSession, session_id)


@pytest.mark.parametrize("ends_after_start, verdict", [(29, "ok"), (30, "ok"), (31, "ahead")])
def test_a_file_ending_after_the_offload_began_shows_a_fast_clock(
        workspace, recorder, moving, tmp_path, media, ends_after_start, verdict):
    moving.now = OFFLOADED
    start = OFFLOADED + timedelta(seconds=ends_after_start - 1)   # each video lasts 1 s
    result = offload(recorder, workspace.store,
                     card(tmp_path, media, OFFLOADED - timedelta(hours=2), start))
    assert result.ok
    clock = result.as_json()["clock"]
    assert clock["status"] == verdict
    assert clock["allowance_seconds"] == 30
    row = clock_of(workspace, result.session_id)
    assert row.clock_check == verdict
    if verdict == "ahead":
        assert clock["offset_seconds"] == 31
        assert row.clock_offset_s == pytest.approx(31, abs=0.1)
    # The manifest the offload wrote carries the verdict too.
    manifest = json.loads(result.manifest_json_path.read_text())
    assert manifest["session"]["clock"]["status"] == verdict


@pytest.mark.parametrize("starts_before_previous, verdict",
                         [(29, "ok"), (30, "ok"), (31, "behind")])
def test_a_new_file_dated_before_the_previous_offload_shows_a_slow_clock(
        workspace, recorder, moving, tmp_path, media, starts_before_previous, verdict):
    first_at = OFFLOADED - timedelta(days=1)
    moving.now = first_at
    first = card(tmp_path, media, first_at - timedelta(hours=3))
    assert offload(recorder, workspace.store, first).ok
    # The next day the card holds the old file and one recorded since: its name says it
    # began before the first offload, by the recorder's (slow) clock.
    moving.now = OFFLOADED
    media.write_video(first / "RECORD" / media.gat947_name(
        SERIAL, CERT, (first_at - timedelta(seconds=starts_before_previous))
        .astimezone(BEIJING).strftime("%Y%m%d%H%M%S"), 9), seed=99)
    result = offload(recorder, workspace.store, first)
    clock = result.as_json()["clock"]
    assert clock["status"] == verdict
    if verdict == "behind":
        assert clock["offset_seconds"] == -31


def test_without_a_clock_check_the_allowance_counts_from_registration(
        workspace, as_role, moving, tmp_path, media):
    admin = as_role("admin", username="admin")
    add_unit(admin, "综合执法一科", "执一")
    add_device(admin, SERIAL, "body_camera", "执一")
    moving.now = REGISTERED + timedelta(days=20)                      # 60 s allowed
    result = offload(admin, workspace.store,
                     card(tmp_path, media, moving.now + timedelta(seconds=50)))
    clock = result.as_json()["clock"]
    assert (clock["status"], clock["allowance_seconds"]) == ("ok", 60)
    assert clock["checked_since"].startswith("2026-05-01T01:00")


def test_an_unregistered_recorder_is_unchecked_and_the_verdict_is_in_the_ledger(
        workspace, as_role, moving, tmp_path, media):
    admin = as_role("admin", username="admin")
    moving.now = OFFLOADED
    result = offload(admin, workspace.store, card(tmp_path, media, OFFLOADED))
    assert result.as_json()["clock"]["status"] == "unchecked"
    with workspace.db.read() as s:
        finish = s.execute(select(LedgerEntry).where(
            LedgerEntry.action == "offload.finish",
            LedgerEntry.object_id == result.session_id)).scalars().all()
    assert any('"clock_check":"unchecked"' in e.change.replace(" ", "") for e in finish)
    assert clock_of(workspace, result.session_id).clock_check == "unchecked"


def test_the_verdict_reads_as_a_sentence(workspace):  # noqa: ARG001
    from devices.offload.clock_check import ClockVerdict
    fast = ClockVerdict("ahead", 31.2, 30.0, datetime(2026, 6, 5, 4, tzinfo=timezone.utc))
    assert fast.describe() == "记录仪时钟偏快至少 31 秒（允许 30 秒），文件时间需核实"
    assert "slow by at least 40 s" in ClockVerdict("behind", -40, 30, None).describe("en")


def test_the_evidence_list_says_the_recording_times_were_checked(
        workspace, recorder, moving, tmp_path, media):
    from casework.evidence_links import StoredFile, find_stored_file
    moving.now = OFFLOADED
    result = offload(recorder, workspace.store,
                     card(tmp_path, media, OFFLOADED - timedelta(hours=2)))
    with workspace.db.read() as session:
        stored = find_stored_file(session, result.files[0].sha256)
    assert (stored.clock_check, stored.clock_label()) == ("ok", "时间已核对")
    fast = StoredFile("0" * 64, None, 1, "video", "a.mp4", SERIAL, None, None, OFFLOADED,
                      1.0, clock_check="ahead", clock_offset_s=31.4)
    assert fast.clock_label() == "记录仪时钟偏快≥31秒"
    unchecked = StoredFile("0" * 64, None, 1, "video", "a.mp4", SERIAL, None, None, OFFLOADED,
                           1.0, clock_check="unchecked")
    assert unchecked.clock_label() == ""
