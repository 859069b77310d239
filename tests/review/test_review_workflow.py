"""A review from draft to its outcome, every transition and the refused ones: an
incomplete submission, a handler reviewing their own case, a reviewer without a
qualification or a valid certificate, a step out of turn. Each step is on record with who
took it, when and what they said, and in the ledger."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.cases import record_step
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from review.errors import (HandlerMayNotReview, MaterialsIncomplete, NotAPdf,
                           NotQualifiedReviewer, ReviewTakenByOther, WrongReviewState)
from review.materials import attach_generated, attach_material, list_materials
from review.queries import disputes, list_reviews, review_detail, review_queue
from review.workflow import (coordinate_review, decide_review, disagree_review,
                             start_review, submit_review)
from tests.conftest import NOW
from tests.review.conftest import ALL_PASS, OPINION
from tests.review.reviewed_case import tiny_pdf

REQUIRED = ["report", "draft_decision", "evidence_list", "legal_basis", "statements"]


def actions(clerk, case) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(s.action, s.state, s.actor) for s in review_detail(clerk, case.number).steps]


def test_the_checklist_lists_each_item_and_what_is_required(clerk, major):
    rows = [m.as_json() for m in list_materials(clerk, major.number)]
    assert [r["item"] for r in rows] == REQUIRED + ["hearing_record"]
    assert rows[0] == {"item": "report", "title": "送审报告", "required": True,
                       "present": False}
    assert rows[-1]["required"] is False  # no hearing was held


def test_an_incomplete_submission_is_refused_naming_what_is_missing(clerk, archive, major,
                                                                   ledger_length):
    attach_material(clerk, archive, major.number, "report", tiny_pdf(), "送审报告.pdf")
    length = ledger_length()
    with pytest.raises(MaterialsIncomplete) as refused:
        submit_review(clerk, major.number)
    assert "缺少行政处罚决定书（代拟稿）、证据材料及清单、法律依据、陈述申辩材料" in str(refused.value)
    assert ledger_length() == length
    assert review_detail(clerk, major.number).state == "draft"


def test_a_hearing_record_is_required_once_a_hearing_was_held(clerk, archive, attach_all,
                                                             fined, advance):
    case = fined("150000.00")
    advance(case, "filing", "investigation", "notice", "hearing")
    attach_all(case)
    with pytest.raises(MaterialsIncomplete, match="听证笔录及听证报告"):
        submit_review(clerk, case.number)
    attach_material(clerk, archive, case.number, "听证笔录及听证报告", tiny_pdf(), "听证.pdf")
    assert submit_review(clerk, case.number).state == "submitted"


def test_the_draft_decision_may_be_generated_from_its_template(clerk, archive, major,
                                                              pdf_text):
    rows = attach_generated(clerk, archive, major.number, "draft_decision")
    row = next(r for r in rows if r.item.code == "draft_decision")
    assert row.present and row.source == "generated:penalty_decision"
    text = pdf_text(archive.read(row.sha256))
    assert "行政处罚决定书" in text and "（预览，未编号）" in text
    with pytest.raises(InvalidInput, match="不能自动生成"):
        attach_generated(clerk, archive, major.number, "report")


def test_a_material_must_be_a_pdf(clerk, archive, major):
    with pytest.raises(NotAPdf, match="scan.jpg 不是 PDF"):
        attach_material(clerk, archive, major.number, "report", b"\xff\xd8\xff\xe0JFIF",
                        "scan.jpg")


def test_the_way_through_submitted_in_review_agreed(clerk, people, submitted, workspace):
    detail = review_detail(clerk, submitted.number)
    assert (detail.state, detail.row.round, detail.row.submitted_on, detail.row.due_on) == (
        "submitted", 1, date(2026, 6, 15), date(2026, 6, 25))
    assert [m["rule"] for m in detail.submitted_matches] == ["large_fine"]
    assert [r.case_number for r in review_queue(people.reviewer)] == [submitted.number]
    assert start_review(people.reviewer, submitted.number).row.reviewer == "wangshen"
    done = decide_review(people.reviewer, submitted.number, "agreed", OPINION, ALL_PASS)
    assert (done.state, done.passed, done.points["other"]) == (
        "agreed", True, {"result": "pass", "text": ""})
    assert actions(clerk, submitted) == [("submit", "submitted", "clerk"),
                                         ("start", "in_review", "wangshen"),
                                         ("decide", "agreed", "wangshen")]
    step = done.steps[-1]
    assert (step.outcome, step.opinion, step.at) == ("agreed", OPINION, NOW)
    with workspace.db.read() as session:
        logged = session.execute(select(LedgerEntry.action, LedgerEntry.actor).where(
            LedgerEntry.object_type == "review_step")).all()
    assert logged == [("review.submit", "clerk"), ("review.start", "wangshen"),
                      ("review.decide", "wangshen")]


def test_deciding_a_submitted_case_takes_it_into_review_first(clerk, people, submitted):
    decide_review(people.reviewer, submitted.number, "supplement", "需补充当事人的进货凭证。")
    assert actions(clerk, submitted)[1:] == [("start", "in_review", "wangshen"),
                                             ("decide", "supplement", "wangshen")]


@pytest.mark.parametrize("outcome", ["supplement", "correct"])
def test_returned_cases_are_put_right_and_submitted_again(clerk, archive, people, submitted,
                                                          outcome):
    decide_review(people.reviewer, submitted.number, outcome, "违法所得计算有误，请更正。")
    attach_material(clerk, archive, submitted.number, "evidence_list", tiny_pdf("v2"),
                    "证据清单（补充）.pdf")
    again = submit_review(clerk, submitted.number)
    assert (again.state, again.row.round, again.row.reviewer) == ("submitted", 2, None)
    assert decide_review(people.reviewer, submitted.number, "agreed", OPINION).passed


def test_transfer_is_the_end_unless_the_handler_disagrees(clerk, people, submitted):
    decide_review(people.reviewer, submitted.number, "transfer", "涉嫌犯罪，应移送公安机关。")
    with pytest.raises(WrongReviewState, match="当前为“移送”，不能再次提交"):
        submit_review(clerk, submitted.number)


def test_a_disagreement_goes_to_the_head_and_ends_final(clerk, people, submitted):
    decide_review(people.reviewer, submitted.number, "correct", "罚款偏高，建议纠正。")
    assert disagree_review(clerk, submitted.number,
                           "罚款在裁量基准幅度内，不同意纠正。").state == "coordination"
    assert [r.case_number for r in disputes(people.head)] == [submitted.number]
    final = coordinate_review(people.head, submitted.number, "agreed", "经协调，同意原处罚。")
    assert (final.state, final.row.outcome, final.passed) == ("final", "agreed", True)
    assert actions(clerk, submitted)[-2:] == [("disagree", "coordination", "clerk"),
                                              ("coordinate", "final", "head")]
    assert final.steps[-1].opinion == "经协调，同意原处罚。"


def test_a_final_supplement_goes_back_to_the_handler(clerk, people, submitted):
    decide_review(people.reviewer, submitted.number, "supplement", "需补充调查。")
    disagree_review(clerk, submitted.number, "证据已充分。")
    coordinate_review(people.head, submitted.number, "supplement", "补充调查后再送审。")
    assert submit_review(clerk, submitted.number).row.round == 2


def test_a_handler_may_never_review_their_own_case(clerk, people, submitted, ledger_length):
    length = ledger_length()
    with pytest.raises(HandlerMayNotReview) as refused:
        decide_review(people.handler, submitted.number, "agreed", OPINION)
    assert "zhangwei（张伟）是案件" in str(refused.value) and "办案人员回避" in str(refused.value)
    with pytest.raises(HandlerMayNotReview):
        start_review(people.handler, submitted.number)
    assert ledger_length() == length


def test_a_reviewer_without_a_legal_qualification_is_refused(people, submitted):
    with pytest.raises(NotQualifiedReviewer, match="没有法律职业资格.*第五十八条第二款"):
        decide_review(people.unqualified, submitted.number, "agreed", OPINION)


def test_a_reviewer_whose_certificate_expired_is_refused(people, submitted):
    with pytest.raises(NotQualifiedReviewer, match="赵强执法证 22010003 已于 2026-03-31 到期"):
        start_review(people.expired, submitted.number)


def test_only_the_reviewer_role_records_an_opinion(admin_ctx, as_role, people, submitted):
    # An admin holds every permission but is not a reviewer (measure 21).
    with pytest.raises(NotQualifiedReviewer, match="没有法制审核员角色"):
        decide_review(admin_ctx, submitted.number, "agreed", OPINION)
    with pytest.raises(PermissionDenied):
        decide_review(as_role("clerk"), submitted.number, "agreed", OPINION)


def test_a_case_taken_by_one_reviewer_is_not_decided_by_another(people, submitted):
    start_review(people.reviewer, submitted.number)
    with pytest.raises(ReviewTakenByOther, match="wangshen"):
        decide_review(people.second, submitted.number, "agreed", OPINION)


def test_steps_out_of_turn_are_refused(clerk, archive, people, major, submitted):
    with pytest.raises(WrongReviewState, match="已提交待审核.*不能更换送审材料"):
        attach_material(clerk, archive, major.number, "report", tiny_pdf(), "r.pdf")
    with pytest.raises(WrongReviewState, match="不能提出异议"):
        disagree_review(clerk, major.number, "不同意")
    with pytest.raises(WrongReviewState, match="不能协调决定"):
        coordinate_review(people.head, major.number, "agreed", "同意")
    decide_review(people.reviewer, major.number, "agreed", OPINION)
    with pytest.raises(WrongReviewState, match="当前为“同意”，不能出具审核意见"):
        decide_review(people.second, major.number, "correct", "再审")
    with pytest.raises(WrongReviewState, match="不能提出异议"):
        disagree_review(clerk, major.number, "同意的结论不需要协调")


def test_nothing_to_review_before_submission(people, major):
    with pytest.raises(WrongReviewState, match="未送审.*不能开始审核"):
        start_review(people.reviewer, major.number)


def test_the_opinion_and_points_are_checked(people, submitted):
    with pytest.raises(InvalidInput, match="须写明审核意见"):
        decide_review(people.reviewer, submitted.number, "agreed", "  ")
    with pytest.raises(InvalidInput, match="审核结论须为"):
        decide_review(people.reviewer, submitted.number, "maybe", OPINION)
    partial = {k: v for k, v in ALL_PASS.items() if k != "authority"}
    with pytest.raises(InvalidInput, match="缺少要点：权限"):
        decide_review(people.reviewer, submitted.number, "agreed", OPINION, partial)
    silent = {**ALL_PASS, "程序": {"result": "problem", "text": ""}}
    with pytest.raises(InvalidInput, match="要点“程序”存在问题，须写明问题"):
        decide_review(people.reviewer, submitted.number, "agreed", OPINION,
                      {k: v for k, v in silent.items() if k != "procedure"})
    assert review_detail(people.reviewer, submitted.number).state == "submitted"


def test_points_may_be_named_in_chinese(people, submitted):
    points = {"主体资格": {"result": "通过"}, "程序": {"result": "pass"},
              "事实证据": {"result": "pass"}, "法律适用与裁量": {"result": "存在问题",
                                                          "text": "说理不足"},
              "权限": {"result": "pass"}, "文书": {"result": "pass"},
              "涉嫌犯罪移送": {"result": "pass"}, "其他": {"result": "pass"}}
    detail = decide_review(people.reviewer, submitted.number, "correct", "请补充说理。",
                           points)
    assert detail.points["law_discretion"] == {"result": "problem", "text": "说理不足"}
    assert detail.as_json("en")["points"][3]["name"] == "law applied and discretion"


def test_the_list_shows_every_review_soonest_due_first(clerk, fined, advance, attach_all,
                                                       submitted):
    other = fined("200000.00")
    advance(other, "filing", "investigation", "notice")
    attach_all(other, skip=("report",))
    rows = list_reviews(clerk)
    assert [(r.case_number, r.state) for r in rows] == [(submitted.number, "submitted"),
                                                        (other.number, "draft")]
    assert rows[0].as_json()["due_on"] == "2026-06-25"


def test_a_closed_case_is_no_longer_reviewed(clerk, people, submitted):
    from casework.errors import CaseClosed
    decide_review(people.reviewer, submitted.number, "transfer", "移送公安机关。")
    for step, day in (("decision", 10), ("service", 11), ("execution", 12), ("closing", 15)):
        record_step(clerk, submitted.number, step, date(2026, 6, day))
    with pytest.raises(CaseClosed):
        disagree_review(clerk, submitted.number, "不同意")
