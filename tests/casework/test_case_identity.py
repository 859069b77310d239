"""Parties' identity numbers: the resident identity number and the unified social credit
code are checked by their check characters, and a case with a wrong one is refused."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases import create_case
from casework.errors import InvalidIdNumber
from casework.identity import (Problem, ResidentId, check_uscc, parse_resident_id,
                               resident_check_char, uscc_check_char)
from casework.inputs import PartyInput

# The example of GB 11643-1999 itself: its check character is X.
STANDARD_EXAMPLE = "11010519491231002X"
# Published codes of real organisations (the second is GB 32100-2015's example).
REAL_CODES = ("91110000802100433B", "91350100M000100Y43")


def test_the_standards_own_example_with_check_character_x_is_valid():
    parsed = parse_resident_id(STANDARD_EXAMPLE)
    assert parsed == ResidentId(STANDARD_EXAMPLE, date(1949, 12, 31), "女")


def test_a_lower_case_x_and_full_width_digits_are_accepted_as_typed():
    assert isinstance(parse_resident_id("11010519491231002x"), ResidentId)
    assert parse_resident_id("１１０１０５１９４９１２３１００２Ｘ").number == STANDARD_EXAMPLE
    assert parse_resident_id(" 110105 19491231 002X ").number == STANDARD_EXAMPLE


@pytest.mark.parametrize("number,reason", [
    ("110105194912310021", "校验码应为 X，实为 1"),
    ("11010519491231002Y", "末位为数字或 X"),
    ("1101051949123100", "应为 18 位，实为 16 位"),
    ("110105194902300027", "出生日期“19490230”不存在"),
])
def test_wrong_resident_numbers_are_refused_with_the_reason(number: str, reason: str):
    problem = parse_resident_id(number)
    assert isinstance(problem, Problem)
    assert reason in problem.zh


def test_any_single_wrong_digit_is_caught():
    # Every weight is non-zero modulo 11, so changing one digit always changes the check.
    valid = "220122198305120013"
    assert resident_check_char(valid[:17]) == valid[17]
    for position in range(17):
        digit = str((int(valid[position]) + 1) % 10)
        changed = valid[:position] + digit + valid[position + 1:]
        assert isinstance(parse_resident_id(changed), Problem), changed


def test_gender_and_birth_date_come_from_the_number():
    man = parse_resident_id("220122198305120013")
    assert (man.gender, man.birth_date, man.age_on(date(2026, 6, 15))) == (
        "男", date(1983, 5, 12), 43)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_unified_social_credit_codes_pass(code: str):
    assert check_uscc(code) == code
    assert check_uscc(code.lower()) == code


@pytest.mark.parametrize("code,reason", [
    ("91110000802100433A", "校验码应为 B，实为 A"),
    ("91110000802100I33B", "含有不允许的字符 I"),
    ("9111000080210043", "应为 18 位"),
    ("911AB000802100433B", "第 3 至 8 位"),
])
def test_wrong_credit_codes_are_refused_with_the_reason(code: str, reason: str):
    problem = check_uscc(code)
    assert isinstance(problem, Problem)
    assert reason in problem.zh


def test_the_credit_code_check_character_can_be_0():
    # (31 - sum mod 31) mod 31 == 0: the one case a naive "31 - r" gets wrong.
    for first in ("9122012200000000", "9122012200000001", "9122012200000002"):
        for last in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if uscc_check_char(first + last) == "0":
                assert check_uscc(first + last + "0") == first + last + "0"
                return
    pytest.fail("no code with check character 0 found")


def test_a_case_whose_party_has_a_wrong_number_is_refused_and_nothing_is_written(
        bureau, clerk, case_input, ledger_length):
    before = ledger_length()
    person = PartyInput("person", "刘某", "220122198305120014", address="某县某路1号")
    with pytest.raises(InvalidIdNumber) as refused:
        create_case(clerk, case_input(parties=(person,)))
    assert "刘某的公民身份号码“220122198305120014”无效：校验码应为 3，实为 4" == str(refused.value)
    assert ledger_length() == before


def test_an_organisation_with_a_wrong_credit_code_is_refused(bureau, clerk, case_input):
    company = PartyInput("organisation", "某公司", "91220122MA14CK3D0K")
    with pytest.raises(InvalidIdNumber) as refused:
        create_case(clerk, case_input(parties=(company,)))
    assert "统一社会信用代码" in str(refused.value) and "校验码应为 J" in str(refused.value)


def test_other_identity_documents_are_kept_as_typed(bureau, clerk, case_input):
    visitor = PartyInput("person", "John Smith", "E12345678", id_type="other")
    detail = create_case(clerk, case_input(parties=(visitor,)))
    assert detail.parties[0].id_label() == "证件号码"
    assert detail.parties[0].id_number == "E12345678"


def test_numbers_are_stored_normalised(bureau, clerk, case_input):
    person = PartyInput("person", "刘某", "22012219830512001３")
    detail = create_case(clerk, case_input(parties=(person,)))
    assert detail.parties[0].id_number == "220122198305120013"
    assert detail.parties[0].gender == "男"
