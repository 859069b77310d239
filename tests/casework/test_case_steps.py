"""Steps follow the procedure's order; a step out of order is refused with the reason."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from casework.cases import create_case, get_case, record_step, update_case
from casework.errors import CaseClosed, StepAlreadyRecorded, StepOutOfOrder
from casework.evidence_links import link_evidence
from casework.procedures import next_steps, procedure
from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from core.errors import InvalidInput
from organisation.certification import NotCertified
from organisation.officers import officer_by_certificate


def test_the_procedures_and_their_steps():
    ordinary = procedure("普通程序")
    assert [s.name_zh for s in ordinary.steps] == [
        "立案", "调查取证", "告知", "听证", "决定", "送达", "执行", "结案"]
    assert [s.code for s in ordinary.steps if s.optional] == ["hearing"]
    simplified = procedure("简易")
    assert "filing" not in [s.code for s in simplified.steps]
    assert "hearing" not in [s.code for s in simplified.steps]
    assert (ordinary.min_officers, simplified.min_officers) == (2, 1)


def test_a_step_before_its_earlier_step_is_refused_naming_the_missing_step(penalty_case,
                                                                          clerk):
    with pytest.raises(StepOutOfOrder) as refused:
        record_step(clerk, penalty_case.number, "decision", date(2026, 6, 10))
    assert str(refused.value) == ("案件 执一案〔2026〕1号 不能记录“决定”环节："
                                  "前一环节“立案”尚未记录，须按程序顺序办理")
    assert refused.value.message("en").endswith(
        "the earlier step 'filing' has not been recorded; steps follow the procedure's order")


def test_the_first_missing_step_is_named(penalty_case, clerk, advance):
    advance(penalty_case, "filing")
    with pytest.raises(StepOutOfOrder, match="前一环节“调查取证”尚未记录"):
        record_step(clerk, penalty_case.number, "service", date(2026, 6, 11))


def test_steps_in_order_with_the_optional_hearing_left_out(penalty_case, clerk, advance):
    advance(penalty_case, "filing", "investigation", "notice")
    assert get_case(clerk, penalty_case.number).next_steps == ("hearing", "decision")
    advance(penalty_case, "decision", "service", "execution")
    detail = get_case(clerk, penalty_case.number)
    assert detail.row.last_step == "execution"
    assert {s.code: s.done_on for s in detail.steps}["hearing"] is None
    assert detail.next_steps == ("closing",)


def test_steps_may_be_named_in_chinese(penalty_case, clerk):
    detail = record_step(clerk, penalty_case.number, "立案", date(2026, 6, 4), "负责人批准立案")
    assert detail.steps[0].done_on == date(2026, 6, 4)
    assert detail.steps[0].note == "负责人批准立案"
    assert detail.steps[0].recorded_by == "clerk"


def test_the_optional_step_cannot_come_after_a_later_one(penalty_case, clerk, advance):
    advance(penalty_case, "filing", "investigation", "notice", "decision")
    with pytest.raises(StepOutOfOrder, match="已记录后续环节“决定”"):
        record_step(clerk, penalty_case.number, "hearing", date(2026, 6, 10))


def test_a_step_cannot_be_recorded_twice(penalty_case, clerk, advance):
    advance(penalty_case, "filing")
    with pytest.raises(StepAlreadyRecorded, match="已于 2026-06-04 记录“立案”环节"):
        record_step(clerk, penalty_case.number, "filing", date(2026, 6, 5))


def test_dates_never_go_backwards_or_into_the_future(penalty_case, clerk, advance):
    advance(penalty_case, "filing", "investigation")
    with pytest.raises(StepOutOfOrder, match="日期 2026-06-01 早于“调查取证”环节的日期 2026-06-05"):
        record_step(clerk, penalty_case.number, "notice", date(2026, 6, 1))
    with pytest.raises(InvalidInput, match="晚于今天"):
        record_step(clerk, penalty_case.number, "notice", date(2026, 6, 16))
    assert record_step(clerk, penalty_case.number, "notice").steps[2].done_on == date(2026, 6, 15)


def test_an_unknown_step_lists_the_steps_of_the_procedure(penalty_case, clerk):
    with pytest.raises(InvalidInput, match="普通程序没有“复议”环节，可选：filing（立案）"):
        record_step(clerk, penalty_case.number, "复议")


def test_a_simplified_case_has_no_filing_step(bureau, clerk, case_input):
    detail = create_case(clerk, case_input(procedure="simplified", officers=("22010001",)))
    with pytest.raises(InvalidInput, match="简易程序没有“filing”环节"):
        record_step(clerk, detail.number, "filing")
    assert record_step(clerk, detail.number, "investigation").row.last_step == "investigation"


def test_closing_closes_the_case_for_good(penalty_case, clerk, advance, case_input):
    advance(penalty_case, "filing", "investigation", "notice", "decision", "service",
            "execution", "closing")
    detail = get_case(clerk, penalty_case.number)
    assert (detail.row.status, detail.next_steps) == ("closed", ())
    with pytest.raises(CaseClosed, match="已于 2026-06-15 结案，不能再修改"):
        update_case(clerk, penalty_case.number, case_input())
    with pytest.raises(CaseClosed):
        link_evidence(clerk, penalty_case.number, "0" * 64)


def test_an_enforcement_step_needs_every_officer_certified_that_day(bureau, clerk,
                                                                  case_input, advance):
    # 孙丽's certificate runs to 2026-06-30: fine for a step in June, not for one in July.
    detail = create_case(clerk, case_input(officers=("22010001", "22010004")))
    advance(detail, "filing", "investigation")
    assert record_step(clerk, detail.number, "notice", date(2026, 6, 8))


def test_an_officer_whose_certificate_lapsed_stops_the_next_enforcement_step(
        workspace, bureau, clerk, case_input):
    in_july = Context(workspace.db, clerk.actor,
                      fixed_clock(datetime(2026, 7, 2, 2, 0, tzinfo=timezone.utc)))
    detail = create_case(clerk, case_input(officers=("22010001", "22010004")))
    record_step(in_july, detail.number, "filing", date(2026, 7, 1))  # not enforcement work
    expired = "孙丽不能从事执法工作：执法证 22010004 已于 2026-06-30 到期"
    with pytest.raises(NotCertified, match=expired):
        record_step(in_july, detail.number, "investigation", date(2026, 7, 2))


def test_an_officers_own_account_must_be_certified_to_record_enforcement(
        workspace, bureau, clerk, admin_ctx, case_input, advance):
    expired = officer_by_certificate(admin_ctx, "22010003")
    officer = workspace.context(Actor("zhaoqiang", frozenset({"officer"}),
                                      officer_id=expired.id))
    detail = create_case(clerk, case_input())
    advance(detail, "filing")
    with pytest.raises(NotCertified, match="赵强"):
        record_step(officer, detail.number, "investigation", date(2026, 6, 5))


def test_next_steps_is_a_pure_question():
    ordinary = procedure("ordinary")
    assert [s.code for s in next_steps(ordinary, {})] == ["filing"]
    done = {"filing": date(2026, 6, 1), "investigation": date(2026, 6, 2),
            "notice": date(2026, 6, 3), "hearing": date(2026, 6, 4)}
    assert [s.code for s in next_steps(ordinary, done)] == ["decision"]
