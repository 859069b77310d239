"""The major-decision catalogue: each shipped rule matching and not (fines at, below and
above the thresholds, for a person and an organisation), the setting of measure 24, and
the catalogue as versioned data admins change and HQ owns once enrolled."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.cases import record_step
from config.settings import set_setting
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from db.models import LedgerEntry, ReviewRule
from review.case_facts import set_decision_facts
from review.catalogue import list_rules, retire_rule, set_rule, shipped_rules
from review.matching import needs_review
from sync.ownership import ManagedByHq
from tests.review.conftest import on

SHIPPED = {"large_fine", "revoke_licence", "suspend_business", "hearing_held",
           "major_social_impact"}


def matched(ctx, case) -> set[str]:  # noqa: ANN001
    return {m.code for m in needs_review(ctx, case.number).matches}


def test_the_shipped_catalogue_is_seeded_with_its_sources(workspace, clerk):
    rules = {r.code: r for r in list_rules(clerk)}
    assert set(rules) == SHIPPED
    assert rules["large_fine"].fine_person_at_least == 10000
    assert rules["large_fine"].fine_organisation_at_least == 100000
    assert "听证办法》第五条" in rules["large_fine"].source
    assert "第五十八条第一款第（二）项" in rules["hearing_held"].source
    assert all(r.source and r.version == 1 for r in rules.values())
    assert {r.code for r in shipped_rules()} == SHIPPED
    with workspace.db.read() as session:
        assert session.execute(select(LedgerEntry.actor).where(
            LedgerEntry.object_type == "review_rule")).scalars().all() == ["system"] * 5


@pytest.mark.parametrize("amount,person,expected", [
    ("9999.99", True, False), ("10000.00", True, True), ("10000.01", True, True),
    ("99999.99", False, False), ("100000.00", False, True), ("100000.01", False, True),
    # The person's threshold is not the organisation's, and the other way round.
    ("50000.00", False, False), ("50000.00", True, True),
], ids=["person-below", "person-at", "person-above", "org-below", "org-at", "org-above",
        "org-at-persons-threshold", "person-at-orgs-midpoint"])
def test_a_large_fine_matches_at_its_threshold(clerk, fined, amount, person, expected):
    case = fined(amount, person=person)
    assert ("large_fine" in matched(clerk, case)) is expected


def test_the_reasons_name_the_fine_the_party_and_the_threshold(clerk, fined):
    need = needs_review(clerk, fined("100000.00").number)
    (match,) = need.matches
    assert need.needed and match.code == "large_fine" and match.version == 1
    assert match.reasons() == ["案件类型 行政处罚",
                               "对法人或者其他组织罚款 100000.00 元，达到 100000 元"]
    assert match.as_json("en")["why"][1] == (
        "a fine of ¥100000.00 on an organisation, at or above ¥100000")


def test_the_example_case_matches_nothing(clerk, penalty_case):
    need = needs_review(clerk, penalty_case.number)
    assert not need.needed and need.as_json() == {
        "case": penalty_case.number, "needs_review": False, "rules": []}


def test_a_fine_rule_holds_for_its_case_types_only(clerk, fined):
    assert "large_fine" not in matched(clerk, fined("500000.00", type="inspection"))


def test_a_case_without_a_fine_matches_no_fine_rule(clerk, fined):
    assert matched(clerk, fined(None)) == set()


@pytest.mark.parametrize("rule,kind", [("revoke_licence", "吊销许可证件"),
                                       ("suspend_business", "suspend_business")])
def test_penalty_kinds_match_their_rule(clerk, fined, rule, kind):
    case = fined("1000.00")
    set_decision_facts(clerk, case.number, penalty_kinds=["fine", "warning"])
    assert matched(clerk, case) == set()
    facts = set_decision_facts(clerk, case.number, penalty_kinds=["fine", kind])
    assert rule in facts.penalty_kinds
    assert matched(clerk, case) == {rule}


def test_a_hearing_held_matches(clerk, fined, advance):
    case = fined("1000.00")
    advance(case, "filing", "investigation", "notice")
    assert matched(clerk, case) == set()
    record_step(clerk, case.number, "hearing", date(2026, 6, 9))
    assert matched(clerk, case) == {"hearing_held"}


def test_major_social_impact_is_a_flag_on_the_case(clerk, fined):
    case = fined("1000.00")
    set_decision_facts(clerk, case.number, major_social_impact=False)
    assert matched(clerk, case) == set()
    set_decision_facts(clerk, case.number, major_social_impact=True)
    assert matched(clerk, case) == {"major_social_impact"}


def test_a_mitigated_penalty_matches_a_rule_an_admin_adds(admin_ctx, clerk, fined):
    set_rule(admin_ctx, {"code": "mitigated", "name_zh": "减轻处罚", "name_en": "mitigated",
                         "source": "本局目录清单（地方规则）", "mitigated": True})
    case = fined("1000.00")
    assert matched(clerk, case) == set()
    set_decision_facts(clerk, case.number, mitigated=True)
    assert matched(clerk, case) == {"mitigated"}


def test_measure_24_puts_every_ordinary_decision_under_review(admin_ctx, clerk, fined):
    ordinary, simplified = fined("100.00"), fined("100.00", procedure="simplified",
                                                 officers=("22010001",))
    assert matched(clerk, ordinary) == set()  # off unless an admin turns it on
    set_setting(admin_ctx, "review.all_ordinary", True)
    assert matched(clerk, ordinary) == {"all_ordinary"}
    assert matched(clerk, simplified) == set()
    with pytest.raises(PermissionDenied):
        set_setting(clerk, "review.all_ordinary", False)


def test_a_change_is_a_new_version_and_the_old_one_stays(admin_ctx, clerk, fined):
    case = fined("100000.00")
    rule = set_rule(admin_ctx, {
        "code": "large_fine", "name_zh": "较大数额罚款", "name_en": "a large fine",
        "source": "本局目录清单（地方规则）2026年修订", "case_types": ["administrative_penalty"],
        "fine_person_at_least": "20000", "fine_organisation_at_least": "200000"})
    assert (rule.version, rule.effective_from) == (2, date(2026, 6, 15))
    assert matched(clerk, case) == set()
    history = [(r.code, r.version) for r in list_rules(clerk, history=True)
               if r.code == "large_fine"]
    assert history == [("large_fine", 1), ("large_fine", 2)]


def test_a_version_takes_effect_on_its_day(admin_ctx, clerk, fined):
    case = fined("100000.00")
    set_rule(admin_ctx, {"code": "large_fine", "name_zh": "较大数额罚款", "name_en": "large",
                         "source": "地方规则", "fine_organisation_at_least": "300000"},
             effective_from=date(2026, 7, 1))
    assert matched(clerk, case) == {"large_fine"}
    assert matched(on(clerk, date(2026, 6, 30)), case) == {"large_fine"}
    assert matched(on(clerk, date(2026, 7, 1)), case) == set()


def test_a_retired_rule_stops_matching_but_stays_on_record(admin_ctx, clerk, fined):
    case = fined("100000.00")
    retired = retire_rule(admin_ctx, "large_fine")
    assert (retired.version, retired.active) == (2, False)
    assert matched(clerk, case) == set()
    assert "large_fine" not in {r.code for r in list_rules(clerk)}
    assert len([r for r in list_rules(clerk, history=True) if r.code == "large_fine"]) == 2


@pytest.mark.parametrize("data,message", [
    ({"code": "x1", "name_zh": "空", "name_en": "empty", "source": "s"}, "至少须有一项"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "source": "s",
      "penalty_kinds": ["flogging"]}, "未知处罚种类“flogging”"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "source": "s", "hearing_held": True,
      "case_types": ["tax"]}, "未知案件类型：tax"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "source": "s", "hearing_held": True,
      "procedures": ["summary"]}, "未知办案程序：summary"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "hearing_held": True}, "缺少“source”"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "source": "s",
      "fine_person_at_least": "1.234"}, "两位小数"),
    ({"code": "x1", "name_zh": "a", "name_en": "a", "source": "s", "mitigated": True,
      "colour": "red"}, "未知项：colour"),
])
def test_a_bad_rule_is_refused_naming_the_problem(admin_ctx, workspace, data, message):
    with pytest.raises(InvalidInput, match=message):
        set_rule(admin_ctx, data)


def test_a_new_version_cannot_take_effect_in_the_past(admin_ctx):
    with pytest.raises(InvalidInput, match="早于今天"):
        retire_rule(admin_ctx, "large_fine", effective_from=date(2026, 6, 14))


def test_only_admins_change_the_catalogue(clerk, people):
    for ctx in (clerk, people.reviewer, people.head):
        with pytest.raises(PermissionDenied):
            retire_rule(ctx, "large_fine")


def test_once_enrolled_the_catalogue_is_hqs(workspace, admin_ctx, raw_db):
    with raw_db() as connection:  # enrolled, as sync.link records it
        connection.execute(
            "INSERT INTO sync_link (id, server_url, unit_id, server_id, enrolled_at, "
            "enrolled_by, enrolled_at_seq) VALUES (1, 'https://hq', 'u', 's', "
            "'2026-06-01 00:00:00.000000', 'admin', 0)")
    with pytest.raises(ManagedByHq, match="重大执法决定目录"):
        retire_rule(admin_ctx, "large_fine")
    with workspace.db.read() as session:
        assert session.execute(select(ReviewRule.version)).scalars().all() == [1] * 5


def test_a_penalty_outside_the_benchmark_needs_review(clerk, archive, penalty_case, advance):
    from casework.documents import issue_document
    from review.benchmarks import choose_for_case
    from review.errors import ReviewRequired
    reason = "当事人系小微企业，按法定最低额处罚"
    choose_for_case(clerk, penalty_case.number, "FSL-124-5-A", reason=reason)
    (match,) = needs_review(clerk, penalty_case.number).matches
    assert match.code == "outside_benchmark" and match.name() == "处罚超出裁量基准"
    assert match.reasons()[0].endswith(f"说明理由：{reason}")
    assert match.reasons("en")[0].startswith("the fine of 50000 yuan is outside")
    advance(penalty_case, "filing", "investigation", "notice")
    with pytest.raises(ReviewRequired, match="处罚超出裁量基准"):
        issue_document(clerk, archive, penalty_case.number, "penalty_decision")
