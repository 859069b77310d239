"""A case picks its offence and circumstances: the suggested range is kept with it, a fine
outside the range is refused without a written reason and, with one, makes the case need
legal review (review.benchmark_check, which the major-decision catalogue asks).

The example case (resources/examples/case.json) sells expired milk worth under 10,000 yuan
and is fined 50,000.00 yuan: 《食品安全法》第一百二十四条第一款第（五）项, offence FSL-124-5-A."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from casework.cases import update_case
from core.permissions import PermissionDenied
from db.models import CaseBenchmarkChoice, LedgerEntry
from review.benchmark_check import penalty_outside_benchmark
from review.benchmarks import (BaseAmountNeeded, CaseClosedForBenchmark,
                               PenaltyOutsideBenchmark, choose_for_case, get_choice)
from tests.casework.conftest import (admin_ctx, advance, bureau, case_input,  # noqa: F401
                                     clerk, example_data, example_input, penalty_case)

D = Decimal


@pytest.fixture
def fined(bureau, clerk, case_input):  # noqa: F811
    """``fined(amount)``: a new case like the example one, fined ``amount`` yuan (None: no
    fine decided yet)."""
    from casework.cases import create_case

    def make(amount: str | None):
        return create_case(clerk, case_input(penalty_amount=None if amount is None
                                             else D(amount)))
    return make


def outside(workspace, case) -> str | None:  # noqa: ANN001
    with workspace.db.read() as session:
        return penalty_outside_benchmark(session, case.id)


def test_a_fine_inside_the_range_needs_no_reason(workspace, clerk, penalty_case):  # noqa: F811
    choice = choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", ["eliminated_harm"])
    assert (choice.tier, choice.range_low, choice.range_high, choice.penalty_amount,
            choice.outside, choice.reason) == ("lighter", D("50000"), D("65000"),
                                               D("50000.00"), None, None)
    assert outside(workspace, penalty_case) is None
    assert get_choice(clerk, penalty_case.number).as_json()["needs_review"] is False
    with workspace.db.read() as session:
        [entry] = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type == "case_benchmark_choice")).scalars().all()
    assert (entry.action, entry.actor, entry.object_id) == ("benchmark.choose", "clerk",
                                                            penalty_case.id)


def test_a_fine_outside_the_range_is_refused_without_a_reason(workspace, clerk,
                                                              penalty_case):  # noqa: F811
    with pytest.raises(PenaltyOutsideBenchmark) as refused:
        choose_for_case(clerk, penalty_case.number, "FSL-124-5-A")   # 一般: 65000–85000
    assert refused.value.message() == (
        "罚款 50000元 不在裁量基准建议幅度内（一般：65000元至85000元）：须写明理由（--reason），"
        "案件将提交法制审核")
    assert "general: 65000 to 85000 yuan" in refused.value.message("en")
    assert get_choice(clerk, penalty_case.number) is None    # nothing recorded
    with pytest.raises(PenaltyOutsideBenchmark):
        choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", reason="   ")


def test_with_a_reason_it_is_kept_and_the_case_needs_review(workspace, clerk,
                                                            penalty_case):  # noqa: F811
    reason = "当事人系小微企业，货值金额仅192元，按法定最低额处罚"
    choice = choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", reason=reason)
    assert (choice.tier, choice.reason) == ("general", reason)
    expected = ("罚款50000元不在裁量基准建议幅度内（FSL-124-5-A，一般：65000元至85000元，"
                f"第 1 版）；说明理由：{reason}")
    assert choice.outside == expected
    assert outside(workspace, penalty_case) == expected
    with workspace.db.read() as session:
        english = penalty_outside_benchmark(session, penalty_case.id, "en")
    assert english.startswith("the fine of 50000 yuan is outside the discretion benchmark's "
                              "suggested range (FSL-124-5-A, general: 65000 to 85000 yuan")
    data = get_choice(clerk, penalty_case.number).as_json()
    assert (data["needs_review"], data["penalty_at_choice"], data["version"]) == (True, "50000",
                                                                                  1)


@pytest.mark.parametrize("amount,inside", [("49999.99", False), ("50000.00", True),
                                           ("65000.00", True), ("65000.01", False)])
def test_the_range_includes_both_ends(workspace, clerk, fined, amount, inside):
    case = fined(amount)
    if inside:
        choice = choose_for_case(clerk, case.number, "FSL-124-5-A", ["eliminated_harm"])
        assert choice.outside is None and outside(workspace, case) is None
    else:
        with pytest.raises(PenaltyOutsideBenchmark):
            choose_for_case(clerk, case.number, "FSL-124-5-A", ["eliminated_harm"])
        choose_for_case(clerk, case.number, "FSL-124-5-A", ["eliminated_harm"], "理由")
        assert outside(workspace, case).startswith(f"罚款{amount.removesuffix('.00')}元不在")


@pytest.mark.parametrize("amount,circumstances,inside", [
    ("1500.00", ["cooperated"], True), ("1500.01", ["cooperated"], False),
    ("1499.99", [], False), ("1500.00", [], True), ("3500.00", [], True),
    ("3500.01", [], False), ("5000.00", ["obstruction"], True),
    ("5000.01", ["obstruction"], False)])
def test_a_maximum_only_offence_at_its_tier_boundaries(workspace, clerk, fined, amount,
                                                       circumstances, inside):
    case = fined(amount)
    if inside:
        assert choose_for_case(clerk, case.number, "PRICE-42", circumstances).outside is None
    else:
        with pytest.raises(PenaltyOutsideBenchmark):
            choose_for_case(clerk, case.number, "PRICE-42", circumstances)


def test_a_multiple_needs_its_base_to_compare_the_fine(workspace, clerk, fined):
    case = fined("50000.00")
    with pytest.raises(BaseAmountNeeded) as refused:
        choose_for_case(clerk, case.number, "PQL-49")
    assert refused.value.message().startswith("违法行为“PQL-49”按货值金额的倍数处罚：请给出货值金额")
    # 一般 1.6–2.4 times a value of 20,000: 32,000–48,000 yuan.
    with pytest.raises(PenaltyOutsideBenchmark) as high:
        choose_for_case(clerk, case.number, "PQL-49", base_amount=D("20000"))
    assert "（按货值金额20000元计：32000元至48000元）" in high.value.message()
    choice = choose_for_case(clerk, case.number, "PQL-49", base_amount=D("25000"))
    assert choice.outside is None and choice.base_amount == D("25000")   # 40,000–60,000


def test_a_case_without_a_fine_yet_chooses_freely(workspace, clerk, fined):
    case = fined(None)
    choice = choose_for_case(clerk, case.number, "PQL-49", ["eliminated_harm"])
    assert (choice.penalty_amount, choice.outside) == (None, None)
    assert outside(workspace, case) is None


def test_a_fine_changed_after_the_choice_is_caught(workspace, clerk, penalty_case,
                                                  case_input, example_input):  # noqa: F811
    choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", ["eliminated_harm"])
    update_case(clerk, penalty_case.number, case_input(penalty_amount=D("70000.00")))
    assert outside(workspace, penalty_case) == (
        "罚款70000元不在裁量基准建议幅度内（FSL-124-5-A，从轻：50000元至65000元，第 1 版）"
        "；选择裁量基准后罚款已变更")
    update_case(clerk, penalty_case.number, example_input)   # back to 50000.00
    assert outside(workspace, penalty_case) is None


def test_choosing_again_replaces_the_choice(workspace, clerk, penalty_case):  # noqa: F811
    choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", ["eliminated_harm"])
    choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", ["coerced"])
    with workspace.db.read() as session:
        rows = session.execute(select(CaseBenchmarkChoice)).scalars().all()
    assert [(r.tier, r.circumstances) for r in rows] == [("mitigated", '["coerced"]')]


def test_a_closed_case_cannot_choose(workspace, clerk, penalty_case, advance):  # noqa: F811
    advance(penalty_case, "filing", "investigation", "notice", "decision", "service",
            "execution", "closing")
    with pytest.raises(CaseClosedForBenchmark) as refused:
        choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", ["eliminated_harm"])
    assert refused.value.message() == f"案件 {penalty_case.number} 已结案，不能再选择裁量基准"


def test_choosing_needs_the_right_to_edit_cases(as_role, penalty_case):  # noqa: F811
    with pytest.raises(PermissionDenied):
        choose_for_case(as_role("reviewer"), penalty_case.number, "FSL-124-5-A")
