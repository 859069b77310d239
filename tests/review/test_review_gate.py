"""The hard rule, in the document service itself: a case the catalogue matches gets no
number on its 行政处罚决定书 until its legal review is agreed, the refusal names the rule,
and a penalty changed after agreement sends the review back."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.cases import update_case
from casework.documents import issue_document, list_issued
from casework.inputs import parse_case
from db.models import DocumentCounter, IssuedDocument
from review.case_facts import set_decision_facts
from review.errors import ReviewRequired
from review.queries import review_detail
from review.workflow import (coordinate_review, decide_review, disagree_review,
                             submit_review)
from tests.review.conftest import OPINION


def issue_decision(clerk, archive, case):  # noqa: ANN001
    return issue_document(clerk, archive, case.number, "penalty_decision")


def decision_counter(workspace) -> int:  # noqa: ANN001
    with workspace.db.read() as session:
        return session.execute(select(DocumentCounter.last).where(
            DocumentCounter.kind == "penalty_decision")).scalar() or 0


def test_the_decision_is_refused_before_review_naming_the_rule(workspace, clerk, archive,
                                                               major):
    with pytest.raises(ReviewRequired) as refused:
        issue_decision(clerk, archive, major)
    message = refused.value.message()
    assert "较大数额罚款（自然人一万元以上、法人或者其他组织十万元以上）" in message
    assert "尚未通过（未送审）" in message and "第五十八条" in message
    assert "large fine" in refused.value.message("en")
    # No number was taken, none was skipped, nothing was issued.
    assert decision_counter(workspace) == 0 and list_issued(clerk, major.number) == []


def test_other_documents_of_the_case_are_not_held_up(clerk, archive, major):
    info = issue_document(clerk, archive, major.number, "penalty_notice")
    assert info.number == "执一罚告字〔2026〕1号"


def test_submitted_or_in_review_is_not_enough(clerk, archive, people, submitted):
    with pytest.raises(ReviewRequired, match="尚未通过（已提交待审核）"):
        issue_decision(clerk, archive, submitted)


def test_the_decision_is_issued_once_agreed(workspace, clerk, archive, people, submitted):
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    info = issue_decision(clerk, archive, submitted)
    assert info.number == "执一罚决字〔2026〕1号"   # the first: the refusals took none
    with workspace.db.read() as session:
        assert session.execute(select(IssuedDocument.kind)).scalars().all() == [
            "penalty_decision"]


@pytest.mark.parametrize("outcome", ["supplement", "correct", "transfer"])
def test_any_other_outcome_keeps_the_decision_refused(clerk, archive, people, submitted,
                                                      outcome):
    decide_review(people.reviewer, submitted.number, outcome, "证据不足，需补充调查。")
    with pytest.raises(ReviewRequired):
        issue_decision(clerk, archive, submitted)


def test_agreed_in_coordination_lets_the_decision_through(clerk, archive, people, submitted):
    decide_review(people.reviewer, submitted.number, "correct", "罚款数额偏高，建议纠正。")
    disagree_review(clerk, submitted.number, "罚款数额在裁量基准范围内。")
    with pytest.raises(ReviewRequired, match="协调中"):
        issue_decision(clerk, archive, submitted)
    coordinate_review(people.head, submitted.number, "agreed", "经协调，同意承办机构意见。")
    assert issue_decision(clerk, archive, submitted).number == "执一罚决字〔2026〕1号"


def test_corrected_in_coordination_keeps_it_refused(clerk, archive, people, submitted):
    decide_review(people.reviewer, submitted.number, "correct", "罚款数额偏高。")
    disagree_review(clerk, submitted.number, "不同意。")
    coordinate_review(people.head, submitted.number, "correct", "按审核意见纠正。")
    with pytest.raises(ReviewRequired, match="协调决定"):
        issue_decision(clerk, archive, submitted)


def test_a_penalty_changed_after_agreement_sends_the_review_back(clerk, archive, people,
                                                                 submitted, example_data):
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    changed = parse_case({**example_data, "penalty_amount": "160000.00"})
    update_case(clerk, submitted.number, changed)
    detail = review_detail(clerk, submitted.number)
    assert (detail.state, detail.passed) == ("draft", False)
    last = detail.steps[-1]
    assert (last.action, last.state, last.actor) == ("sent_back", "draft", "clerk")
    assert "处罚内容在法制审核（同意）后变更" in last.opinion
    with pytest.raises(ReviewRequired, match="尚未通过（准备送审）"):
        issue_decision(clerk, archive, submitted)
    # Submitted again with the same materials and agreed: the new penalty is decided.
    submit_review(clerk, submitted.number)
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    assert issue_decision(clerk, archive, submitted).number == "执一罚决字〔2026〕1号"


def test_a_change_that_leaves_the_penalty_alone_keeps_the_agreement(clerk, people, submitted,
                                                                    example_data):
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    same = parse_case({**example_data, "penalty_amount": "150000.00",
                       "penalty": submitted.penalty, "place": "农安县另一处"})
    update_case(clerk, submitted.number, same)
    assert review_detail(clerk, submitted.number).state == "agreed"


def test_a_new_kind_of_penalty_after_agreement_sends_it_back(clerk, archive, people,
                                                              submitted):
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    facts = set_decision_facts(clerk, submitted.number, penalty_kinds=["fine",
                                                                         "revoke_licence"])
    assert facts.sent_back
    assert review_detail(clerk, submitted.number).state == "draft"
    with pytest.raises(ReviewRequired, match="吊销许可证件"):
        issue_decision(clerk, archive, submitted)


def test_a_penalty_changed_while_in_review_sends_it_back_too(clerk, people, submitted,
                                                             example_data):
    changed = parse_case({**example_data, "penalty_amount": "120000.00"})
    update_case(clerk, submitted.number, changed)
    assert review_detail(clerk, submitted.number).state == "draft"


def test_a_case_the_catalogue_does_not_match_needs_no_review(clerk, archive, penalty_case,
                                                             advance):
    advance(penalty_case, "filing", "investigation", "notice")
    assert issue_decision(clerk, archive, penalty_case).number == "执一罚决字〔2026〕1号"


def test_measure_24_holds_up_an_ordinary_decision(admin_ctx, clerk, archive, penalty_case,
                                                  advance):
    from config.settings import set_setting
    set_setting(admin_ctx, "review.all_ordinary", True)
    advance(penalty_case, "filing", "investigation", "notice")
    with pytest.raises(ReviewRequired, match="普通程序作出的执法决定"):
        issue_decision(clerk, archive, penalty_case)


def test_a_fine_raised_over_the_threshold_is_held_up(clerk, archive, fined, advance,
                                                     example_data):
    case = fined("99999.99")
    advance(case, "filing", "investigation", "notice")
    update_case(clerk, case.number, parse_case({**example_data,
                                                "penalty_amount": "100000.00"}))
    with pytest.raises(ReviewRequired):
        issue_decision(clerk, archive, case)


def test_the_decision_prints_the_penalty_the_review_saw(clerk, archive, people, submitted):
    from casework.cases import set_case_fields
    from review.errors import PenaltyNotAsReviewed
    decide_review(people.reviewer, submitted.number, "agreed", OPINION)
    with pytest.raises(PenaltyNotAsReviewed, match="“罚款金额（元）”（1000.00）与案件.*经法制审核的处罚不一致"):
        issue_document(clerk, archive, submitted.number, "penalty_decision",
                       {"penalty_amount": "1000"})
    set_case_fields(clerk, submitted.number, {"penalty": "罚款人民币壹仟元。"})
    with pytest.raises(PenaltyNotAsReviewed, match="行政处罚内容"):
        issue_decision(clerk, archive, submitted)
    set_case_fields(clerk, submitted.number, {"penalty": ""})
    info = issue_document(clerk, archive, submitted.number, "penalty_decision",
                          {"penalty_amount": "150000"})   # the same amount, typed again
    assert info.number == "执一罚决字〔2026〕1号"
