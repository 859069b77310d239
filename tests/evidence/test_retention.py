"""Retention classes, legal holds and the four-eyes purge, on real files of the real store:
the 6-month boundary, the important mark, the case link (open, then closed, per case type),
holds on a file and on a case, and a purge that leaves `verify` clean with the removal on
record."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from casework.cases import create_case, record_step
from casework.errors import EvidenceNotInStore
from casework.evidence_links import link_evidence
from compliance.decisions import acknowledge
from core.permissions import PermissionDenied
from db.models import Footage, LedgerEntry, PurgedFile
from evidence.holds import add_hold, list_holds, remove_hold
from evidence.purge import (NoPendingPurge, NothingDue, PurgePending, SameApprover,
                            approve_purge, start_purge)
from evidence.retention import add_months, assess, due
from evidence.verify import verify_store
from tests.casework.conftest import (admin_ctx, bureau, case_input, clerk,  # noqa: F401
                                     example_data, example_input)
from tests.compliance.recording_setup import at_day, offload_names

# Recorded 2026-06-03 09:30 and 10:00 in Beijing (the names say so): kept until 2026-12-03.
NAMES = ["J001234_22010001_20260603093000_0001.MP4", "J001234_22010001_20260603100000_0002.MP4"]
IMPORTANT = "J001234_22010001_20260603110000_0003_IMP.MP4"  # the recorder's mark


@pytest.fixture
def files(bureau, admin_ctx, workspace, tmp_path):  # noqa: F811
    return offload_names(admin_ctx, workspace, tmp_path / "card", NAMES)


@pytest.fixture
def second_admin(as_role):
    return as_role("admin", username="admin2")


def _due(ctx, day: date) -> set[str]:  # noqa: ANN001
    return {r.sha256 for r in due(at_day(ctx, day))}


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(date(2026, 6, 3), 6) == date(2026, 12, 3)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_unlinked_footage_is_due_the_day_after_six_months(files, admin_ctx, workspace):  # noqa: F811
    assert _due(admin_ctx, date(2026, 12, 2)) == set()     # below
    assert _due(admin_ctx, date(2026, 12, 3)) == set()     # at: still kept that day
    assert _due(admin_ctx, date(2026, 12, 4)) == set(files)  # above
    row = due(at_day(admin_ctx, date(2026, 12, 4)))[0]
    assert (row.retention_class, row.keep_until) == ("unlinked", date(2026, 12, 3))
    assert "自 2026-06-03 起保存 6 个月至 2026-12-03" in row.reason_zh
    # The period is a setting that never goes below the rule's six months.
    from config.settings import set_setting
    from core.errors import InvalidInput
    with pytest.raises(InvalidInput):
        set_setting(admin_ctx, "retention.unlinked_months", 5)
    set_setting(admin_ctx, "retention.unlinked_months", 7)
    assert _due(admin_ctx, date(2026, 12, 4)) == set()
    assert _due(admin_ctx, date(2027, 1, 4)) == set(files)


def test_important_footage_is_never_due(bureau, admin_ctx, workspace, tmp_path):  # noqa: F811
    (marked,) = offload_names(admin_ctx, workspace, tmp_path / "card", [IMPORTANT])
    with workspace.db.read() as session:
        assert session.execute(select(Footage.important).where(Footage.sha256 == marked)
                               ).scalar_one() is True
    assert _due(admin_ctx, date(2036, 1, 1)) == set()
    with workspace.db.read() as session:
        (row,) = assess(session, date(2036, 1, 1), lambda t: t.date())
    assert row.retention_class == "important"


def test_a_case_link_keeps_footage_while_open_and_with_the_case_file_after(
        files, admin_ctx, clerk, case_input, as_role, workspace):  # noqa: F811
    kept, loose = files
    case = create_case(clerk, case_input(type="inspection"))
    link_evidence(clerk, case.number, kept)
    assert _due(admin_ctx, date(2027, 1, 1)) == {loose}     # open case: kept
    head = as_role("head", username="head")
    for step, day in (("filing", 4), ("investigation", 5), ("notice", 8), ("decision", 10),
                      ("service", 11), ("execution", 12)):
        record_step(clerk, case.number, step, date(2026, 6, day))
    acknowledge(head, case.number, "逾期导入：执法人员出差，返回后导入")  # the late offload
    record_step(clerk, case.number, "closing", date(2026, 6, 15))
    # resources/recording/retention.toml keeps an inspection's file 30 years after closing.
    assert _due(admin_ctx, date(2056, 6, 15)) == {loose}
    assert _due(admin_ctx, date(2056, 6, 16)) == {loose, kept}
    # A penalty case's file is kept for good.
    penalty = create_case(clerk, case_input())
    link_evidence(clerk, penalty.number, kept)
    assert _due(admin_ctx, date(2099, 1, 1)) == {loose}


def test_a_legal_hold_on_a_file_or_a_case_overrides_every_rule(files, admin_ctx, clerk,  # noqa: F811
                                                              case_input, as_role):  # noqa: F811
    kept, loose = files
    reviewer = as_role("reviewer", username="legal")
    with pytest.raises(PermissionDenied):
        add_hold(clerk, sha256=loose, reason="行政诉讼")
    with pytest.raises(Exception, match="二者选一"):
        add_hold(reviewer, case="x", sha256=loose, reason="行政诉讼")
    hold = add_hold(reviewer, sha256=loose.upper(), reason="（2026）吉0122行初5号 行政诉讼")
    assert hold.sha256 == loose and hold.placed_by == "legal"
    with pytest.raises(Exception, match="保全已存在"):
        add_hold(reviewer, sha256=loose, reason="again")
    assert _due(admin_ctx, date(2030, 1, 1)) == {kept}
    remove_hold(reviewer, sha256=loose, reason="判决生效")
    assert _due(admin_ctx, date(2030, 1, 1)) == {kept, loose}
    # A hold on a case covers every file linked to it, closed or not.
    case = create_case(clerk, case_input(type="inspection"))
    link_evidence(clerk, case.number, kept)
    add_hold(reviewer, case=case.number, reason="行政复议")
    assert [h.case for h in list_holds(reviewer)] == [case.number]
    with admin_ctx.db.read() as session:
        held = {r.sha256: r.retention_class for r in assess(session, date(2030, 1, 1),
                                                             lambda t: t.date())}
    assert held == {kept: "held", loose: "unlinked"}


def test_a_purge_needs_two_admins_and_leaves_verify_clean(files, admin_ctx, second_admin,  # noqa: F811
                                                         as_role, workspace, clerk,  # noqa: F811
                                                         case_input):  # noqa: F811
    kept, loose = files
    december = date(2026, 12, 4)
    first, second = at_day(admin_ctx, december), at_day(second_admin, december)
    with pytest.raises(NothingDue):
        start_purge(at_day(admin_ctx, date(2026, 12, 3)), workspace.store)
    with pytest.raises(NoPendingPurge):
        approve_purge(second, workspace.store)
    run = start_purge(first, workspace.store)
    assert {i["sha256"] for i in run.items} == {kept, loose} and run.status == "pending"
    with pytest.raises(PurgePending, match="admin 于 2026-12-04 10:00 发起的清理（2 个文件）"):
        start_purge(second, workspace.store)
    with pytest.raises(SameApprover, match="须由另一名管理员批准"):
        approve_purge(first, workspace.store)
    with pytest.raises(PermissionDenied):
        approve_purge(replace(second, actor=as_role("head").actor), workspace.store)
    # Between the two: a hold is placed on one file; it stays, and the run says why.
    add_hold(at_day(as_role("reviewer", username="legal"), december), sha256=kept,
             reason="信访复查")
    done = approve_purge(second, workspace.store)
    assert done.removed == (loose,) and done.skipped[0]["sha256"] == kept
    assert "保全" in done.skipped[0]["reason"]
    assert not workspace.store.path_for(loose).exists()
    assert workspace.store.path_for(kept).exists()
    report = verify_store(workspace.db, workspace.store)
    assert report.intact and report.problems == [] and report.notes == []
    with workspace.db.read() as session:
        purged = session.execute(select(PurgedFile)).scalars().one()
        entry = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type == "purged_file", LedgerEntry.action == "retention.purge")
        ).scalars().one()
        assert session.execute(select(Footage).where(Footage.sha256 == loose)).scalar_one()
    change = json.loads(entry.change)
    text = json.dumps(change, ensure_ascii=False)
    assert loose in text and "admin2" in text and '"admin"' in text and "6 个月" in text
    assert purged.removed_at is not None and purged.size == 10_001
    assert _due(admin_ctx, date(2030, 1, 1)) == set()   # purged once; held one stays
    # The footage row stays as a tombstone; a removed file cannot be linked as evidence.
    case = create_case(clerk, case_input())
    with pytest.raises(EvidenceNotInStore):
        link_evidence(clerk, case.number, loose)


def test_verify_still_flags_a_file_missing_without_a_purge(files, workspace):
    workspace.store.path_for(files[0]).unlink()
    report = verify_store(workspace.db, workspace.store)
    assert [p.kind for p in report.problems] == ["missing"]


def test_a_removal_a_crash_left_undone_is_a_note_and_the_next_purge_finishes_it(
        bureau, admin_ctx, workspace, tmp_path, cli, cli_here):  # noqa: F811
    """The approving admin's process dies after the removals are recorded and before the
    files are gone (a real SIGKILL at a fail point); the files are not "unknown" to verify,
    and the next purge removes them. Files of 2020: due on any day this runs."""
    from accounts.users import add_user
    old = offload_names(admin_ctx, workspace, tmp_path / "card",
                        ["J001234_22010001_20200603093000_0001.MP4"])
    add_user(admin_ctx, "admin2", "admin2-pass-1", ["admin"])
    started = cli_here("retention", "purge", "--json", user="admin")
    assert started.returncode == 0, started.stderr
    assert [i["sha256"] for i in json.loads(started.stdout)["items"]] == old
    killed = cli("retention", "purge", "--approve", user="admin2", password="admin2-pass-1",
                 env={"LAWDESK_FAILPOINT": "purge.before_removal"})
    assert killed.returncode == -9, killed.stdout + killed.stderr
    report = verify_store(workspace.db, workspace.store)
    assert report.intact and [n.kind for n in report.notes] == ["purge_pending"], \
        [p.message("en") for p in report.problems + report.notes]
    assert workspace.store.path_for(old[0]).exists()
    again = cli_here("retention", "purge", user="admin")  # finishes the removal; nothing due
    assert again.returncode == 1 and "目前没有到期可清理的音视频资料" in again.stderr, again
    assert not workspace.store.path_for(old[0]).exists()
    clean = cli_here("verify", "--json", user="admin")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_a_real_video_goes_with_its_thumbnail_and_verify_stays_clean(
        bureau, admin_ctx, second_admin, workspace, tmp_path):  # noqa: F811
    """An opencv-readable recording of 2020: the offload stores it and a thumbnail; the
    purge removes both, records the thumbnail, and verify expects neither."""
    import cv2
    import numpy as np
    from devices.offload.pipeline import offload
    card = tmp_path / "card" / "RECORD"
    card.mkdir(parents=True)
    temp = card / "clip.tmp.avi"
    writer = cv2.VideoWriter(str(temp), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    rng = np.random.default_rng(7)
    for _ in range(10):
        writer.write(rng.integers(0, 255, (48, 64, 3), np.uint8))
    writer.release()
    temp.rename(card / "J001234_22010001_20200603093000_0001.AVI")
    result = offload(admin_ctx, workspace.store, tmp_path / "card", device_serial="J001234")
    (stored,) = [f.sha256 for f in result.files if f.sha256]
    with workspace.db.read() as session:
        footage = session.execute(select(Footage).where(Footage.sha256 == stored)).scalar_one()
    assert footage.readable and footage.thumbnail_sha256 and footage.duration_s == 1.0
    thumbnail = workspace.store.path_for(footage.thumbnail_sha256)
    assert thumbnail.exists()
    december = date(2026, 12, 4)
    start_purge(at_day(admin_ctx, december), workspace.store)
    assert approve_purge(at_day(second_admin, december), workspace.store).removed == (stored,)
    assert not workspace.store.path_for(stored).exists() and not thumbnail.exists()
    with workspace.db.read() as session:
        purged = session.execute(select(PurgedFile)).scalars().one()
    assert purged.thumbnail_sha256 == footage.thumbnail_sha256
    report = verify_store(workspace.db, workspace.store)
    assert report.intact and report.notes == []
