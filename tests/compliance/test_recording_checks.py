"""The audio-video item list and the per-case check: each rule with and without footage,
at, below and above its limits; approved reasons; closing refused, then acknowledged."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.cases import create_case, record_step
from casework.errors import OpenRecordingFindings
from casework.evidence_links import link_evidence, unlink_evidence
from compliance.checks import refresh_case
from compliance.decisions import acknowledge, approve_reason
from compliance.errors import (BadItemList, NoRecordingRequired, NothingToAcknowledge,
                               ReasonAlreadyApproved)
from compliance.findings import check_case, list_findings
from compliance.items import import_items, shipped
from config.settings import set_setting
from core.permissions import PermissionDenied
from db.models import LedgerEntry, RecordingAcknowledgement, RecordingFinding
from tests.casework.conftest import (admin_ctx, bureau, case_input, clerk,  # noqa: F401
                                     example_data, example_input)
from tests.compliance.recording_setup import STRICT_LIST, Media, add_media, beijing

SHIPPED_TYPES = {"administrative_penalty", "inspection", "compulsory_measure", "permit", "*"}


@pytest.fixture
def head(as_role):
    """A section head (科室负责人) who approves reasons and accepts findings."""
    return as_role("head", username="head")


@pytest.fixture
def measure_case(bureau, clerk, case_input):  # noqa: F811
    """A compulsory measure (查封、扣押): its execution on site must be recorded in full."""
    return create_case(clerk, case_input(type="compulsory_measure"))


def findings_of(workspace, case) -> dict[str, str]:  # noqa: ANN001
    """key -> status of the case's findings as stored."""
    with workspace.db.read() as session:
        return dict(session.execute(select(RecordingFinding.key, RecordingFinding.status)
                                    .where(RecordingFinding.case_id == case.id)).all())


def test_the_shipped_list_names_a_source_for_every_row_and_follows_118():
    items = shipped().items
    assert all(i.source and ("118号" in i.source) for i in items)
    assert {i.case_type for i in items} <= SHIPPED_TYPES
    assert shipped().requirement("compulsory_measure", "execution").mode == "full"
    assert shipped().requirement("administrative_penalty", "investigation").mode == "as_needed"
    assert shipped().requirement("administrative_penalty", "closing") is None


def test_a_bad_list_is_refused_naming_the_row_and_nothing_is_recorded(admin_ctx, tmp_path,  # noqa: F811
                                                                      workspace):
    bad = tmp_path / "items.toml"
    bad.write_text(STRICT_LIST.replace('"required"', '"sometimes"'), encoding="utf-8")
    with pytest.raises(BadItemList, match="第 1 条的记录方式“sometimes”未知"):
        import_items(admin_ctx, bad)
    bad.write_text(STRICT_LIST.replace('"investigation"', '"patrol"'), encoding="utf-8")
    with pytest.raises(BadItemList, match="环节“patrol”不存在"):
        import_items(admin_ctx, bad)
    bad.write_text(STRICT_LIST.replace('case_type = "*"', 'case_type = "tax"'), encoding="utf-8")
    with pytest.raises(BadItemList, match="案件类型“tax”不存在"):
        import_items(admin_ctx, bad)
    with pytest.raises(BadItemList, match="文件不存在"):
        import_items(admin_ctx, tmp_path / "none.toml")
    assert check_items_number(admin_ctx) == 0


def check_items_number(ctx) -> int:  # noqa: ANN001
    from compliance.items import list_items
    return list_items(ctx).number


def test_a_required_step_needs_footage_overlapping_its_day(bureau, clerk, admin_ctx,  # noqa: F811
                                                          case_input, tmp_path, workspace):  # noqa: F811
    strict = tmp_path / "items.toml"
    strict.write_text(STRICT_LIST, encoding="utf-8")
    version = import_items(admin_ctx, strict, approved_by="局长办公会")
    assert (version.number, version.effective_from) == (1, date(2026, 6, 15))
    # A case investigated before the stricter list took effect is held to the old one.
    old = create_case(clerk, case_input())
    record_step(clerk, old.number, "filing", date(2026, 6, 4))
    record_step(clerk, old.number, "investigation", date(2026, 6, 5))
    assert findings_of(workspace, old) == {}

    case = create_case(clerk, case_input())
    record_step(clerk, case.number, "filing", date(2026, 6, 15))
    record_step(clerk, case.number, "investigation", date(2026, 6, 15))
    assert findings_of(workspace, case) == {"missing_recording:investigation": "open"}
    # A recording of the evening before ending 1 s before midnight (below), one ending on
    # the stroke of midnight (at: it recorded nothing of the day), a photo of the day (not a
    # recording), and one ending 1 s after midnight (above).
    below, at, photo, above = add_media(
        workspace, Media(beijing(2026, 6, 14, 23, 49, 59), 600),
        Media(beijing(2026, 6, 14, 23, 50), 600),
        Media(beijing(2026, 6, 15, 9, 0), None, kind="photo"),
        Media(beijing(2026, 6, 14, 23, 50, 1), 600))
    for digest in (below, at, photo):
        link_evidence(clerk, case.number, digest, "investigation")
    result = check_case(clerk, case.number)
    assert not result.complies
    assert "没有当日录制的音视频关联（已关联 2 个文件，录制时间不在当日）" in \
        result.findings[0]["detail"]
    link_evidence(clerk, case.number, above, "investigation")
    assert findings_of(workspace, case) == {"missing_recording:investigation": "resolved"}
    unlink_evidence(clerk, case.number, above, "investigation")
    assert findings_of(workspace, case) == {"missing_recording:investigation": "open"}
    link_evidence(clerk, case.number, above, "filing")   # linked to another step: not counted
    assert findings_of(workspace, case) == {"missing_recording:investigation": "open"}
    link_evidence(clerk, case.number, above, "investigation")
    assert check_case(clerk, case.number).complies


def _to_execution(clerk, case) -> None:  # noqa: ANN001, F811
    for step, day in (("filing", 4), ("investigation", 5), ("notice", 8), ("decision", 10),
                      ("service", 11), ("execution", 12)):
        record_step(clerk, case.number, step, date(2026, 6, day))


def test_segment_gaps_of_one_recorder_at_below_and_above_the_limit(measure_case, clerk,
                                                                   workspace):  # noqa: F811
    _to_execution(clerk, measure_case)
    assert findings_of(workspace, measure_case) == {"missing_recording:execution": "open"}
    start = beijing(2026, 6, 12, 10, 0)
    # Segments of 600 s; gaps after them of 59, 60 and 61 s (the limit is 60 s); another
    # recorder's segment in between never closes or opens a gap of this one.
    segments = [Media(start), Media(start + timedelta(seconds=659)),
                Media(start + timedelta(seconds=1319)), Media(start + timedelta(seconds=1980)),
                Media(start + timedelta(seconds=700), device="J009999")]
    digests = add_media(workspace, *segments)
    for digest in digests:
        link_evidence(clerk, measure_case.number, digest, "execution")
    found = findings_of(workspace, measure_case)
    assert found == {"missing_recording:execution": "resolved",
                     f"segment_gap:execution:{digests[2]}:{digests[3]}": "open"}
    detail = check_case(clerk, measure_case.number).findings[0]["detail"]
    assert "中断 61 秒（允许 60 秒）" in detail and "J001234" in detail
    # The limit is a setting: at 61 s the same gap is within it.
    set_setting(admin_ctx_of(workspace), "compliance.segment_gap_seconds", 61)
    assert check_case(clerk, measure_case.number).complies


def admin_ctx_of(workspace):  # noqa: ANN001, ANN201
    from core.actor import Actor
    return workspace.context(Actor(username="admin", roles=frozenset({"admin"})))


def test_late_offload_at_below_and_above_24_hours(bureau, clerk, case_input,  # noqa: F811
                                                  workspace):
    case = create_case(clerk, case_input())
    end = beijing(2026, 6, 5, 10, 10)
    start = end - timedelta(seconds=600)
    below, at, above = add_media(
        workspace, Media(start, offloaded=end + timedelta(hours=23, minutes=59)),
        Media(start, offloaded=end + timedelta(hours=24)),
        Media(start, offloaded=end + timedelta(hours=24, seconds=1)))
    for digest in (below, at, above):
        link_evidence(clerk, case.number, digest)
    assert findings_of(workspace, case) == {f"late_offload:{above}": "open"}
    finding = check_case(clerk, case.number, "en").findings[0]
    assert finding["kind"] == "late_offload" and "(24.0 h; limit 24 h)" in finding["detail"]
    set_setting(admin_ctx_of(workspace), "compliance.late_offload_hours", 25)
    assert findings_of(workspace, case) == {f"late_offload:{above}": "open"}  # not yet re-checked
    assert check_case(clerk, case.number).complies


def test_an_approved_reason_excuses_the_step(measure_case, clerk, head, workspace):
    _to_execution(clerk, measure_case)
    with pytest.raises(PermissionDenied):
        approve_reason(clerk, measure_case.number, "execution", "记录仪故障")
    with pytest.raises(NoRecordingRequired, match="“调查取证”环节不要求音像记录"):
        approve_reason(head, measure_case.number, "investigation", "记录仪故障")
    with pytest.raises(Exception, match="须填写理由"):
        approve_reason(head, measure_case.number, "execution", "  ")
    approved = approve_reason(head, measure_case.number, "执行", "记录仪现场故障，已报修")
    assert (approved.step, approved.approved_by, approved.excused) == ("execution", "head", 1)
    result = check_case(clerk, measure_case.number)
    assert result.complies and result.findings[0]["status"] == "excused"
    with pytest.raises(ReasonAlreadyApproved, match="记录仪现场故障"):
        approve_reason(head, measure_case.number, "execution", "again")
    assert [f["case"] for f in list_findings(clerk)] == [measure_case.number]
    assert list_findings(clerk, only_open=True) == []


def test_closing_is_refused_with_open_findings_until_a_head_accepts_them(measure_case, clerk,
                                                                       head, workspace):
    _to_execution(clerk, measure_case)
    with pytest.raises(OpenRecordingFindings, match="有 1 项未处理的音像记录问题（缺少音像记录 1 项），不能结案"):
        record_step(clerk, measure_case.number, "closing", date(2026, 6, 15))
    with pytest.raises(PermissionDenied):
        acknowledge(clerk, measure_case.number, "现场情况紧急")
    accepted = acknowledge(head, measure_case.number, "现场群众围观，记录仪被抢夺，已另行取证")
    assert accepted.accepted_by == "head" and len(accepted.findings) == 1
    with pytest.raises(NothingToAcknowledge):
        acknowledge(head, measure_case.number, "again")
    closed = record_step(clerk, measure_case.number, "closing", date(2026, 6, 15))
    assert closed.row.status == "closed"
    with workspace.db.read() as session:
        ack = session.execute(select(RecordingAcknowledgement)).scalars().one()
        entry = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type == "recording_acknowledgement")).scalars().one()
        assert session.get(RecordingFinding, accepted.findings[0]).acknowledgement_id == ack.id
    assert entry.action == "compliance.acknowledge" and entry.actor == "head"
    assert "已另行取证" in entry.change
    assert check_case(clerk, measure_case.number).findings[0]["status"] == "acknowledged"


def test_refresh_writes_nothing_when_nothing_changed(measure_case, clerk, workspace,
                                                     ledger_length):
    _to_execution(clerk, measure_case)
    before = ledger_length()
    check_case(clerk, measure_case.number)
    with workspace.db.write(actor="admin", action="test") as session:
        assert [r.status for r in refresh_case(session, measure_case.id)] == ["open"]
    assert ledger_length() == before


def test_cli_check_and_list_open(measure_case, clerk, cli_here):
    import json
    _to_execution(clerk, measure_case)
    done = cli_here("compliance", "check", measure_case.number, "--json", user="admin")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["complies"] is False and body["open"] == 1
    assert body["findings"][0]["kind"] == "missing_recording"
    assert body["required_steps"][0]["step"] == "execution"
    listed = json.loads(cli_here("compliance", "list", "--open", "--json", user="admin").stdout)
    assert [(f["case"], f["kind"], f["status"]) for f in listed] == [
        (measure_case.number, "missing_recording", "open")]
    refused = cli_here("compliance", "acknowledge", measure_case.number, "--reason", "x",
                       user="admin", password="wrong")
    assert refused.returncode != 0
