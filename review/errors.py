"""Refusals the review services raise, each with a Chinese and an English message. Each
names the rule it applies, so a refusal says why as well as what."""
from __future__ import annotations

from core.errors import DomainError


class ReviewRequired(DomainError):
    """The hard rule: no number on a decision of a catalogue case before review passes."""

    code = "review_required"
    zh = ("案件 {case} 属于重大执法决定（{rules_zh}），法制审核{state_zh}，不能出具《{title}》"
          "（《中华人民共和国行政处罚法》第五十八条：未经法制审核或者审核未通过的，不得作出决定）")
    en = ("Case {case} is a major enforcement decision ({rules_en}) and its legal review "
          "{state_en}; the document '{title}' cannot be issued (Administrative Penalty Law, "
          "art. 58: no decision before the legal review has passed)")


class PenaltyNotAsReviewed(DomainError):
    code = "penalty_not_as_reviewed"
    zh = ("《{title}》的“{field}”（{value}）与案件 {case} 经法制审核的处罚不一致：处罚须在案件中修改，"
          "修改后重新送审")
    en = ("The '{field}' of '{title}' ({value}) is not the penalty case {case} had reviewed: "
          "change the penalty on the case, and submit it for review again")


class WrongReviewState(DomainError):
    code = "wrong_review_state"
    zh = "案件 {case} 的法制审核当前为“{state_zh}”，不能{action_zh}"
    en = "The legal review of case {case} is {state_en}; it cannot be {action_en} now"


class MaterialsIncomplete(DomainError):
    code = "materials_incomplete"
    zh = "案件 {case} 的送审材料不全，不能提交法制审核：缺少{items_zh}（本局送审材料清单）"
    en = ("Case {case} cannot be submitted for legal review: its materials are incomplete "
          "(missing {items_en}; the bureau's checklist of review materials)")


class NotAPdf(DomainError):
    code = "not_a_pdf"
    zh = "送审材料须为 PDF 文件：{name} 不是 PDF"
    en = "Review materials must be PDF files: {name} is not a PDF"


class NotQualifiedReviewer(DomainError):
    """Measure 21 and 行政处罚法 art. 58 para. 2: who may give a review opinion."""

    code = "not_qualified_reviewer"
    zh = "{user} 不能出具法制审核意见：{reason_zh}"
    en = "{user} may not give a legal-review opinion: {reason_en}"


class HandlerMayNotReview(DomainError):
    code = "handler_may_not_review"
    zh = ("{user}（{officer}）是案件 {case} 的办案人员，不能审核本案"
          "（本局法制审核规则：承办与审核分离，办案人员回避）")
    en = ("{user} ({officer}) handles case {case} and may not review it (the bureau's "
          "review rules: handling and review are kept apart)")


class ReviewTakenByOther(DomainError):
    code = "review_taken_by_other"
    zh = "案件 {case} 已由审核人员 {reviewer} 审核中"
    en = "Case {case} is being reviewed by {reviewer}"


class ExtensionUsed(DomainError):
    code = "extension_used"
    zh = "案件 {case} 本次法制审核已延长过一次期限（至 {due}），不能再延长（本局规则：限延长一次）"
    en = ("The legal review of case {case} was already extended once (to {due}); it cannot "
          "be extended again (the bureau's rule: one extension)")

