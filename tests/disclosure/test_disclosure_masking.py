"""Masking, rule by rule: on the structured fields of a drafted record and in free text,
with numbers whose check digit is right and numbers whose check digit is wrong (those are
some other number, and stay)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.identity import parse_resident_id, resident_check_char
from db.models import DisclosureRecord
from disclosure.masking import (FULL, PARTIAL, MaskPolicy, Person, luhn_valid, mask_address,
                                mask_id_number, mask_name, mask_text)
from disclosure.records import disclosure_detail
from tests.disclosure.conftest import ADULT_ID, MINOR_ID, masked_of

POLICY = MaskPolicy(FULL, health_words=("患有", "确诊", "病史"),
                    account_words=("账号", "银行卡号"))
CARD = "6222021234567890128"           # passes the Luhn check
NOT_A_CARD = "6222021234567890123"     # fails it: an order number, say


def wrong_check(number: str) -> str:
    right = number[17]
    return number[:17] + ("0" if right != "0" else "1")


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_valid(prefix + d))


# ----------------------------------------------------------------------------- values
def test_an_identity_number_keeps_its_first_6_and_last_4_only_where_the_rule_allows():
    assert mask_id_number(ADULT_ID, PARTIAL) == "220122********0013"
    assert mask_id_number(ADULT_ID, FULL) == "*" * 18


@pytest.mark.parametrize("address,masked", [
    ("吉林省长春市农安县农安镇兴华路188号3单元502室", "吉林省长春市农安县***"),
    ("北京市朝阳区建国路1号", "北京市朝阳区***"),
    ("吉林省公主岭市范家屯镇开发区8号", "吉林省公主岭市***"),   # a county-level city; 开发区 is below it
    ("长春市南关区", "长春市南关区"),                          # nothing below the county: nothing hidden
    ("兴华路188号", "***"),                                    # no county at all: hidden whole
])
def test_an_address_keeps_only_what_is_above_the_county(address, masked):
    assert mask_address(address) == masked


def test_another_natural_persons_name_keeps_the_surname():
    assert mask_name("张三丰") == "张某"


# ----------------------------------------------------------------------------- free text
def test_an_identity_number_in_the_text_is_masked_only_with_a_valid_check_character():
    text = f"经查，证人身份证号{ADULT_ID}；另一编号{wrong_check(ADULT_ID)}为货单号。"
    done = mask_text(text, [], POLICY)
    assert ADULT_ID not in done.text and "*" * 18 in done.text
    assert wrong_check(ADULT_ID) in done.text
    assert done.hits["resident_id"] == 1


def test_an_identity_number_ending_in_x_is_found_in_either_case():
    first17 = "11010519491231002"
    number = first17 + resident_check_char(first17)
    assert number.endswith("X")
    done = mask_text(f"号码{number.lower()}。", [], MaskPolicy(PARTIAL))
    assert done.text == "号码110105********002X。"


@pytest.mark.parametrize("digits,masked", [
    ("1390431123", False),    # 10 digits: below a mobile number
    ("13904311234", True),    # 11 digits starting 1[3-9]: a mobile number
    ("139043112345", False),  # 12 digits: above it (and not a valid card either)
    ("12904311234", False),   # 11 digits but 12…: no mainland mobile starts so
])
def test_a_mobile_number_is_exactly_11_digits(digits, masked):
    done = mask_text(f"联系电话{digits}。", [], POLICY)
    assert (digits not in done.text) is masked


@pytest.mark.parametrize("length", [11, 12, 19, 20])
def test_a_bank_card_is_12_to_19_digits_passing_the_luhn_check(length):
    number = luhn_complete("4" + "1" * (length - 2))
    done = mask_text(f"转入卡{number}内。", [], MaskPolicy(FULL))
    assert (number not in done.text) is (12 <= length <= 19)


def test_a_bank_card_is_masked_by_its_check_digit_with_or_without_spaces():
    grouped = " ".join(CARD[i:i + 4] for i in range(0, len(CARD), 4))
    done = mask_text(f"事实：款项转入{CARD}及{grouped}，订单号{NOT_A_CARD}。", [],
                     MaskPolicy(FULL))
    assert CARD not in done.text and grouped not in done.text
    assert NOT_A_CARD in done.text
    assert done.hits["bank_card"] == 2


def test_digits_after_an_account_word_are_masked_whatever_their_check_digit():
    # An organisation's account has no check digit: its label finds it.
    done = mask_text(f"当事人账号：{NOT_A_CARD}，开户行某银行。", [], POLICY)
    assert NOT_A_CARD not in done.text and "开户行某银行" in done.text
    assert done.hits["bank_account"] == 1


def test_health_information_is_hidden_up_to_the_next_punctuation():
    done = mask_text("当事人患有高血压，确诊为糖尿病；经营正常。", [], POLICY)
    assert "高血压" not in done.text and "糖尿病" not in done.text
    assert done.text.endswith("经营正常。")


def test_known_values_and_other_persons_names_are_masked_wherever_they_appear():
    people = [Person("李明", ADULT_ID, "吉林省长春市农安县农安镇兴华路188号", "0431-83216688",
                     party=True),
              Person("王小二")]
    text = ("李明住吉林省长春市农安县农安镇兴华路188号，电话0431-83216688，"
            "证人王小二在场。")
    done = mask_text(text, people, POLICY)
    assert done.text == "李明住吉林省长春市农安县***，电话****-********，证人王某在场。"
    assert dict(done.hits) == {"address": 1, "phone": 1, "name": 1}


def test_public_values_are_kept(uscc):
    code = uscc("91220122MA14CK3D0")
    done = mask_text(f"统一社会信用代码{code}", [], POLICY, keep=frozenset({code}))
    assert code in done.text


# ----------------------------------------------------------------------------- drafted records
def test_a_natural_persons_structured_fields_are_masked_in_the_record(decide, workspace,
                                                                      person_party):
    record = decide(parties=(person_party(),))
    masked = masked_of(workspace, record)
    assert masked["party_name"] == "李明"                      # the party is published by name
    assert masked["party_code"] == "220122********0013"        # penalty rule: partial
    assert masked["party_address"] == "吉林省长春市农安县***"


def test_an_organisations_fields_stay_but_its_bank_account_in_the_facts_goes(
        decide, workspace, example_input):
    facts = example_input.facts + f"罚款应缴入当事人账号{NOT_A_CARD}之外的指定账户。"
    record = decide(facts=facts)
    masked = masked_of(workspace, record)
    assert masked["party_code"] == "91220122MA14CK3D0J"
    assert masked["party_address"] == "吉林省长春市农安县农安镇兴华路188号"
    assert NOT_A_CARD not in masked["facts"]


def test_free_text_of_a_record_is_masked_and_the_reviewer_sees_both(decide, workspace,
                                                                   as_role, example_input):
    facts = (example_input.facts + f"证人身份证号{ADULT_ID}，手机13812345678，"
             f"货款转入银行卡{CARD}；另有单号{wrong_check(ADULT_ID)}。当事人称其患有心脏病。")
    record = decide(facts=facts)
    detail = disclosure_detail(as_role("reviewer"), record)
    view = next(f for f in detail.fields if f.key == "facts")
    assert view.original == facts
    for secret in (ADULT_ID, "13812345678", CARD, "心脏病"):
        assert secret in view.original and secret not in view.masked
    assert wrong_check(ADULT_ID) in view.masked
    counted = {(m["field"], m["rule"]): m["count"] for m in detail.masks}
    assert counted[("facts", "resident_id")] == 1 and counted[("facts", "bank_card")] == 1
    assert counted[("facts", "mobile")] == 1 and counted[("facts", "health")] == 1


def test_the_person_questioned_is_masked_from_the_case_fields(decide, workspace,
                                                             example_input):
    facts = example_input.facts + "现场负责人赵小六（身份证号220122198305120013）配合检查。"
    record = decide(facts=facts, fields={"interviewee": "赵小六"})
    masked = masked_of(workspace, record)["facts"]
    assert "赵小六" not in masked and "赵某" in masked
    assert ADULT_ID not in masked


@pytest.mark.parametrize("birth_shift,minor", [(-1, False), (0, False), (1, True)])
def test_a_party_under_18_on_the_decision_day_withholds_the_record(
        decide, workspace, person_party, birth_shift, minor):
    decided = date(2026, 6, 15)
    born = date(2008, 6, 15 + birth_shift)  # 18 today: an adult; a day younger: a minor
    first17 = "220122" + born.strftime("%Y%m%d") + "001"
    number = first17 + resident_check_char(first17)
    record = decide(decided, parties=(person_party(number),))
    with workspace.db.read() as session:
        withheld = session.execute(select(DisclosureRecord.withheld).where(
            DisclosureRecord.id == record)).scalar_one()
    assert (withheld == "minor") is minor


def test_the_minor_used_by_other_tests_is_one():
    assert parse_resident_id(MINOR_ID).age_on(date(2026, 6, 15)) < 18


def test_the_person_questioned_who_is_the_legal_representative_keeps_a_public_name(
        decide, workspace):
    record = decide(fields={"interviewee": "王建国"})  # the company's legal representative
    masked = masked_of(workspace, record)
    assert masked["legal_representative"] == "王建国"
