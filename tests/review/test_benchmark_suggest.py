"""The discretion benchmark's suggestion: the shipped example set (version 1, seeded at
set-up), the tier the circumstances give, and the range for a tiered offence, an offence the
law caps only with a maximum (percentages of it) and one fined in multiples of a value."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import NotFound
from core.permissions import PermissionDenied
from review.benchmark_files import load_shipped
from review.benchmarks import (BenchmarkNotInForce, CircumstanceNotApplicable,
                               OffenceNotInBenchmark, get_benchmarks, list_versions, pick_tier,
                               suggest)

D = Decimal


def test_the_shipped_example_set_is_version_1_and_names_its_sources(admin):
    [version] = list_versions(admin)
    assert (version.number, version.effective_from, version.offences, version.in_force,
            version.imported_by) == (1, date(2022, 10, 8), 8, True, "system")
    _info, bset = get_benchmarks(admin)
    by_code = {o.code: o for o in bset.offences}
    assert by_code["FSL-122-A"].penalty.text() == "《中华人民共和国食品安全法》第一百二十二条第一款"
    assert by_code["FSL-124-5-A"].violation.text() == "《中华人民共和国食品安全法》第三十四条第（十）项"
    assert by_code["AD-55-NOFEE"].penalty.text() == "《中华人民共和国广告法》第五十五条第一款"
    assert by_code["PQL-49"].penalty.text() == "《中华人民共和国产品质量法》第四十九条"
    assert by_code["PQL-50"].penalty.text() == "《中华人民共和国产品质量法》第五十条"
    # The statutory ranges as the articles state them.
    assert [(o.code, o.statutory_text()) for o in bset.offences] == [
        ("FSL-122-A", "50000元以上100000元以下"), ("FSL-122-B", "货值金额10倍以上20倍以下"),
        ("FSL-124-5-A", "50000元以上100000元以下"), ("AD-55-FEE", "广告费用3倍以上5倍以下"),
        ("AD-55-NOFEE", "200000元以上1000000元以下"), ("PQL-49", "货值金额1倍以上3倍以下"),
        ("PQL-50", "货值金额0.5倍以上3倍以下"), ("PRICE-42", "5000元以下")]
    assert bset.circumstances["eliminated_harm"] == "主动消除或者减轻违法行为危害后果"


def test_the_shipped_file_says_its_tiers_are_illustrative():
    from resources import resource_path
    text = resource_path("review", "benchmarks", "market_regulation.toml").read_text("utf-8")
    assert "ILLUSTRATIVE" in text and "国市监法规〔2022〕2号" in text
    bset, digest = load_shipped()
    assert len(digest) == 64 and bset.title.endswith("（示例，阶次划分为示意）")


TIERED = [  # FSL-124-5-A: 50000–100000 yuan; circumstances -> tier and range
    ((), "general", "65000", "85000"),
    (("eliminated_harm",), "lighter", "50000", "65000"),
    (("cooperated", "confessed"), "lighter", "50000", "65000"),
    (("coerced",), "mitigated", "0", "50000"),
    (("coerced", "eliminated_harm"), "mitigated", "0", "50000"),
    (("repeat_offence",), "heavier", "85000", "100000"),
    (("first_minor",), "no_penalty", "0", "0"),
    (("first_minor", "obstruction"), "no_penalty", "0", "0"),
    (("eliminated_harm", "repeat_offence"), "general", "65000", "85000"),  # they offset
]


@pytest.mark.parametrize("circumstances,tier,low,high", TIERED,
                         ids=["-".join(c[0]) or "none" for c in TIERED])
def test_circumstances_give_the_tier_of_a_tiered_offence(admin, circumstances, tier, low, high):
    found = suggest(admin, "FSL-124-5-A", circumstances)
    assert (found.tier, found.range_low, found.range_high) == (tier, D(low), D(high))
    assert (found.measure, found.version, found.yuan()) == ("yuan", 1, (D(low), D(high)))
    assert found.offset == (tier == "general" and bool(circumstances))


def test_the_basis_names_the_law_the_circumstances_and_the_version(admin):
    found = suggest(admin, "fsl-124-5-a", ["eliminated_harm"])   # codes match in any case
    assert found.basis == (
        "违法依据：《中华人民共和国食品安全法》第三十四条第（十）项；"
        "处罚依据：《中华人民共和国食品安全法》第一百二十四条第一款第（五）项；"
        "法定幅度：50000元以上100000元以下；阶次：从轻（主动消除或者减轻违法行为危害后果）；"
        "建议幅度：50000元至65000元；裁量基准第 1 版（2022-10-08 起施行）")
    assert found.range_text() == "从轻：50000元至65000元"
    assert found.range_text("en") == "lighter: 50000 to 65000 yuan"
    offset = suggest(admin, "FSL-124-5-A", ["cooperated", "serious_harm"])
    assert "同时具有从轻（减轻）和从重情形，按一般阶次" in offset.basis
    assert "阶次：一般（无从轻、减轻、从重或不予处罚情形）" in suggest(admin, "FSL-124-5-A").basis
    assert "建议：不予行政处罚" in suggest(admin, "FSL-124-5-A", ["no_fault"]).basis


MAXIMUM_ONLY = [  # PRICE-42: 可以并处五千元以下的罚款; tiers are percentages of 5000
    ((), "general", "1500", "3500"),
    (("cooperated",), "lighter", "0", "1500"),
    (("coerced",), "lighter", "0", "1500"),   # no statutory minimum: no 减轻 tier here
    (("obstruction",), "heavier", "3500", "5000"),
    (("minor_corrected",), "no_penalty", "0", "0"),
]


@pytest.mark.parametrize("circumstances,tier,low,high", MAXIMUM_ONLY,
                         ids=["-".join(c[0]) or "none" for c in MAXIMUM_ONLY])
def test_a_maximum_only_offence_gets_a_percentage_of_the_maximum(admin, circumstances, tier,
                                                                 low, high):
    found = suggest(admin, "PRICE-42", circumstances)
    assert (found.tier, found.range_low, found.range_high) == (tier, D(low), D(high))
    if tier != "no_penalty":
        assert "法定幅度：5000元以下" in found.basis and "法定最高额的 " in found.basis


def test_percentages_of_the_maximum_at_their_boundaries():
    from review.benchmarks import TierSpec
    tier = TierSpec("lighter", ("x",), percent_low=D("0"), percent_high=D("30"))
    assert tier.bounds(D("5000")) == (D("0"), D("1500"))
    assert tier.bounds(D("3333")) == (D("0"), D("999.9"))
    assert TierSpec("general", percent_low=D("30"), percent_high=D("70")).bounds(
        D("5000")) == (D("1500"), D("3500"))


def test_an_offence_fined_in_multiples_gives_yuan_once_its_base_is_known(admin):
    found = suggest(admin, "PQL-49", ["eliminated_harm"])
    assert (found.tier, found.range_low, found.range_high, found.measure, found.base) == (
        "lighter", D("1"), D("1.6"), "multiple", "货值金额")
    assert found.yuan() is None and found.as_json()["amount_low"] is None
    known = suggest(admin, "PQL-49", ["eliminated_harm"], base_amount=D("20000"))
    assert known.yuan() == (D("20000.00"), D("32000.00"))
    assert known.range_text() == "从轻：货值金额1倍至1.6倍（按货值金额20000元计：20000元至32000元）"
    data = known.as_json()
    assert (data["unit"], data["low"], data["high"], data["amount_low"], data["amount_high"],
            data["base_amount"]) == ("multiple", "1", "1.6", "20000", "32000", "20000")


def test_a_circumstance_the_offence_does_not_name_is_refused_with_the_choices(admin):
    with pytest.raises(CircumstanceNotApplicable) as refused:
        suggest(admin, "PRICE-42", ["nope", "cooperated"])
    message = refused.value.message()
    assert message.startswith("违法行为“PRICE-42”的裁量基准没有情形 nope；可选情形：")
    assert "cooperated" in message and "coerced" in message


def test_an_unknown_offence_is_refused_naming_the_version(admin):
    with pytest.raises(OffenceNotInBenchmark) as refused:
        suggest(admin, "XYZ-1")
    assert refused.value.message() == ("裁量基准第 1 版中没有违法行为“XYZ-1”"
                                       "（lawdesk benchmark list 列出全部）")


def test_no_version_in_force_before_the_first_takes_effect(admin):
    with pytest.raises(BenchmarkNotInForce) as refused:
        suggest(admin, "PRICE-42", on=date(2022, 10, 7))
    assert "2022-10-07 没有已生效的裁量基准" in refused.value.message()
    assert suggest(admin, "PRICE-42", on=date(2022, 10, 8)).version == 1
    with pytest.raises(NotFound):
        get_benchmarks(admin, version=9)


def test_pick_tier_does_not_care_for_order_or_repeats(admin):
    _info, bset = get_benchmarks(admin)
    offence = next(o for o in bset.offences if o.code == "FSL-122-A")
    assert pick_tier(offence, [" repeat_offence ", "repeat_offence"])[0].tier == "heavier"


def test_reading_benchmarks_needs_the_right_to_view_cases(as_role):
    with pytest.raises(PermissionDenied):
        suggest(as_role("custodian"), "PRICE-42")
    assert suggest(as_role("reviewer"), "PRICE-42").tier == "general"
