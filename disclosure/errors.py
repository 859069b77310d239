"""Refusals of the disclosure services; each names the rule that refuses."""
from __future__ import annotations

from core.errors import DomainError


class WrongDisclosureStatus(DomainError):
    """A step of the workflow asked of a record in a state that does not allow it."""

    code = "wrong_disclosure_status"
    zh = "公示记录 {record} 当前为“{status_zh}”，不能{action_zh}：{rule_zh}"
    en = "Disclosure {record} is {status_en}; it cannot be {action_en}: {rule_en}"


class DisclosureNotReviewed(DomainError):
    code = "disclosure_not_reviewed"
    zh = "公示记录 {record} 尚未审核，不能发布：公示信息须经审核后方可发布（公示规则“{rule}”）"
    en = ("Disclosure {record} has not been approved; it cannot be published: every "
          "disclosure is reviewed before release (disclosure rule '{rule}')")


class DisclosureWithheld(DomainError):
    code = "disclosure_withheld"
    zh = "公示记录 {record} 不予公开（{reason_zh}）：{rule_zh}"
    en = "Disclosure {record} is not to be published ({reason_en}): {rule_en}"


class SelfApproval(DomainError):
    code = "disclosure_self_approval"
    zh = "公示记录 {record} 由 {user} 起草或修改，须由其他人员审核"
    en = "Disclosure {record} was drafted or revised by {user}; someone else must approve it"


class NothingToDisclose(DomainError):
    code = "nothing_to_disclose"
    zh = "案件 {case} 没有可公示的执法结果：{reason_zh}"
    en = "Case {case} has no result to disclose: {reason_en}"


WITHHELD_REASONS = {
    "minor": ("涉及未成年人", "a minor is involved",
              "《未成年人保护法》第一百零三条：不得披露未成年人的姓名、住所等可能识别其身份的信息",
              "Minors Protection Law art. 103: nothing identifying a minor may be disclosed"),
    "secret": ("涉及国家秘密或商业秘密", "it involves state or trade secrets",
               "国办发〔2018〕118号：涉及国家秘密、商业秘密的信息不予公开",
               "State Council 2018 No. 118: secrets are not published"),
    "privacy": ("涉及个人隐私", "it involves personal privacy",
                "国办发〔2018〕118号：涉及个人隐私等不宜公开的信息不予公开",
                "State Council 2018 No. 118: personal privacy is not published"),
}


def withheld_error(record: str, reason: str) -> DisclosureWithheld:
    zh, en, rule_zh, rule_en = WITHHELD_REASONS[reason]
    return DisclosureWithheld(record=record, reason_zh=zh, reason_en=en, rule_zh=rule_zh,
                              rule_en=rule_en)
