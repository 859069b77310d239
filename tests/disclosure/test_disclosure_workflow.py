"""The workflow: drafted → reviewed → published → withdrawn, or expired; each step by a
permitted role and in the ledger; every refusal names its rule; the withdrawal deadline
in working days; drafts that are not disclosed, and drafting by hand."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.documents import issue_document
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from db.models import DisclosureRecord, LedgerEntry
from disclosure.drafting import draft_disclosure
from disclosure.errors import (DisclosureNotReviewed, DisclosureWithheld, NothingToDisclose,
                               SelfApproval, WrongDisclosureStatus)
from disclosure.records import (DisclosureFilter, disclosure_detail, disclosure_summary,
                                list_disclosures, pending_review)
from disclosure.rules import set_rule
from disclosure.workflow import (approve_disclosure, expire_due, note_decision_changed,
                                 publish_disclosure, revise_disclosure, withdraw_disclosure,
                                 withhold_disclosure)
from tests.disclosure.conftest import MINOR_ID, PENALTY_FIELDS, context_on


def ledger(workspace, record_id: str) -> list[tuple[str, str]]:  # noqa: ANN001
    with workspace.db.read() as session:
        return [(e.action, e.actor) for e in session.execute(
            select(LedgerEntry).where(LedgerEntry.object_type == "disclosure_record",
                                      LedgerEntry.object_id == record_id)
            .order_by(LedgerEntry.seq)).scalars()]


def test_the_whole_workflow_each_step_by_its_role_and_in_the_ledger(
        decide, workspace, clerk, reviewer, as_role):
    record = decide()
    assert [r.id for r in pending_review(reviewer)] == [record]
    with pytest.raises(PermissionDenied):
        approve_disclosure(clerk, record)          # the clerk prepares, never approves
    approved = approve_disclosure(reviewer, record)
    assert (approved.row.status, approved.approved_by) == ("reviewed", "reviewer")
    with pytest.raises(PermissionDenied):
        publish_disclosure(reviewer, record)       # the reviewer approves, never publishes
    published = publish_disclosure(clerk, record)
    assert published.row.published_on == date(2026, 6, 15)
    assert published.online_until == date(2031, 6, 14)  # an organisation: 5 years
    withdrawn = withdraw_disclosure(clerk, record, "行政复议决定撤销原处罚决定")
    assert (withdrawn.row.status, withdrawn.row.withdrawn_on) == ("withdrawn", date(2026, 6, 15))
    assert withdrawn.withdrawal_reason == "行政复议决定撤销原处罚决定"
    assert ledger(workspace, record) == [
        ("document.issue", "clerk"), ("disclosure.approve", "reviewer"),
        ("disclosure.publish", "clerk"), ("disclosure.withdraw", "clerk")]
    # The bureau head approves too (measure 1's review before release).
    second = decide()
    assert approve_disclosure(as_role("head", username="head"), second).row.status == "reviewed"


def test_a_natural_persons_record_stays_online_2_years(decide, reviewer, clerk, person_party):
    record = decide(parties=(person_party(),))
    approve_disclosure(reviewer, record)
    assert publish_disclosure(clerk, record).online_until == date(2028, 6, 14)


def test_every_refusal_names_its_rule(decide, workspace, clerk, reviewer, admin_ctx, archive,
                                      case_input):
    record = decide()
    with pytest.raises(DisclosureNotReviewed) as refused:
        publish_disclosure(clerk, record)
    assert "审核" in str(refused.value) and "行政处罚决定" in str(refused.value)
    with pytest.raises(WrongDisclosureStatus) as refused:
        withdraw_disclosure(clerk, record, "撤销")
    assert "只有已公示的记录才能撤回" in str(refused.value)
    approve_disclosure(reviewer, record)
    with pytest.raises(WrongDisclosureStatus):
        approve_disclosure(reviewer, record)       # approved once is enough
    publish_disclosure(clerk, record)
    with pytest.raises(WrongDisclosureStatus):
        publish_disclosure(clerk, record)
    with pytest.raises(InvalidInput):
        withdraw_disclosure(clerk, record, "  ")   # the notice publishes a reason
    # Whoever drafted a record does not approve it: the admin holds every permission.
    from casework.cases import create_case, record_step
    case = create_case(admin_ctx, case_input())
    for step in ("filing", "investigation", "notice"):
        record_step(admin_ctx, case.number, step)
    issued = issue_document(admin_ctx, archive, case.number, "penalty_decision", PENALTY_FIELDS)
    with pytest.raises(SelfApproval):
        approve_disclosure(admin_ctx, issued.number)
    assert approve_disclosure(reviewer, issued.number).row.status == "reviewed"


def test_a_minors_record_and_a_secret_one_are_never_published(decide, clerk, reviewer,
                                                             person_party, workspace):
    minor = decide(parties=(person_party(MINOR_ID, name="小明"),))
    detail = disclosure_detail(clerk, minor)
    assert detail.row.withheld == "minor" and detail.withheld_text() == "涉及未成年人"
    approve_disclosure(reviewer, minor)
    with pytest.raises(DisclosureWithheld) as refused:
        publish_disclosure(clerk, minor)
    assert "未成年人保护法" in str(refused.value)
    secret = decide()
    withhold_disclosure(clerk, secret, "secret")
    assert revise_disclosure(clerk, secret).row.withheld == "secret"  # drafted again: kept
    with pytest.raises(DisclosureWithheld) as refused:
        publish_disclosure(clerk, secret)
    assert "商业秘密" in str(refused.value)
    flagged = decide(fields={"disclosure_withheld": "privacy"})
    assert disclosure_detail(clerk, flagged).row.withheld == "privacy"
    # Withheld drafts are never late: they are not to be published.
    late = context_on(workspace, date(2026, 12, 1), "clerk", username="clerk")
    assert list_disclosures(late, DisclosureFilter(overdue=True)) == []


@pytest.mark.parametrize("limit,changed,due", [
    # Changed on the day before National Day 2025: 9, 10 and 11 October (a make-up
    # Saturday) are the 3 working days (行政处罚法 第四十八条、第八十五条).
    (3, date(2025, 9, 30), date(2025, 10, 11)),
    # A province allowing 5 working days: 13 and 14 October more.
    (5, date(2025, 9, 30), date(2025, 10, 14)),
])
def test_a_changed_decision_is_due_for_withdrawal_in_working_days(
        decide, workspace, admin_ctx, reviewer, limit, changed, due):
    set_rule(admin_ctx, "penalty_decision", withdrawal_workdays=limit)
    record = decide(date(2025, 9, 26))
    approve_disclosure(reviewer, record)
    clerk_then = context_on(workspace, date(2025, 9, 29), "clerk", username="clerk")
    publish_disclosure(clerk_then, record)
    clerk_on = context_on(workspace, changed, "clerk", username="clerk")
    noted = note_decision_changed(clerk_on, record, changed, "行政复议机关变更处罚决定")
    assert noted.row.withdrawal_due == due
    for day, late in ((due, False), (date.fromordinal(due.toordinal() + 1), True)):
        ctx = context_on(workspace, day, "clerk", username="clerk")
        (row,) = list_disclosures(ctx, DisclosureFilter(withdrawals_due=True))
        assert row.withdrawal_overdue is late
        summary = disclosure_summary(ctx)
        assert (summary.withdrawals_due, summary.withdrawals_overdue) == (1, int(late))
    done = withdraw_disclosure(context_on(workspace, due, "clerk", username="clerk"), record,
                               "行政复议机关变更处罚决定")
    assert (done.row.withdrawn_on, done.row.withdrawal_due) == (due, due)
    assert disclosure_summary(context_on(workspace, due, "clerk", username="c")
                              ).withdrawals_due == 0


def test_a_published_record_expires_at_the_end_of_its_online_period(decide, workspace,
                                                                    clerk, reviewer):
    record = decide()
    approve_disclosure(reviewer, record)
    until = publish_disclosure(clerk, record).online_until
    assert expire_due(context_on(workspace, until, "clerk", username="clerk")) == 0
    after = context_on(workspace, date.fromordinal(until.toordinal() + 1), "clerk",
                       username="clerk")
    assert expire_due(after) == 1
    assert disclosure_detail(after, record).row.status == "expired"


def test_overdue_drafts_are_listed_and_counted(decide, workspace):
    decide(date(2026, 6, 1))   # due 10 June
    decide(date(2026, 6, 15))  # due 25 June
    ctx = context_on(workspace, date(2026, 6, 15), "clerk", username="clerk")
    summary = disclosure_summary(ctx)
    assert (summary.drafted, summary.overdue, summary.due_soon) == (2, 1, 0)
    assert [r.deadline for r in list_disclosures(ctx, DisclosureFilter(overdue=True))] == [
        date(2026, 6, 10)]


def test_revising_a_draft_masks_named_persons_and_voids_the_approval(
        decide, workspace, clerk, reviewer, example_input):
    facts = example_input.facts + "举报人孙小美提供了线索。"
    record = decide(facts=facts)
    approve_disclosure(reviewer, record)
    revised = revise_disclosure(clerk, record, other_names=("孙小美",),
                                edits={"cause": "销售过期食品"})
    masked = {f.key: f.masked for f in revised.fields}
    assert "孙小美" not in masked["facts"] and "孙某" in masked["facts"]
    assert masked["cause"] == "销售过期食品"
    assert (revised.row.status, revised.approved_by) == ("drafted", None)
    again = revise_disclosure(clerk, record)  # the names and edits are kept
    assert {f.key: f.masked for f in again.fields} == masked
    with pytest.raises(InvalidInput):
        revise_disclosure(clerk, record, edits={"no_such_field": "x"})


def test_a_result_no_rule_discloses_drafts_nothing_and_issues_as_before(
        decide, workspace, clerk, case_input, archive, bureau):
    # Market regulation: a warning alone under the simplified procedure is not published.
    assert decide(procedure="simplified", penalty="警告。", penalty_amount=None) is None
    # A document that is no decision: issued, nothing drafted.
    from casework.cases import create_case
    case = create_case(clerk, case_input())
    issue_document(clerk, archive, case.number, "rectification_notice",
                   {**PENALTY_FIELDS, "rectify_requirement": "立即停止销售",
                    "rectify_deadline": "2026-06-30"})
    with workspace.db.read() as session:
        assert session.execute(select(DisclosureRecord.id).where(
            DisclosureRecord.case_id == case.id)).first() is None
    with pytest.raises(NothingToDisclose):
        draft_disclosure(clerk, case.number)


def test_a_decision_recorded_while_its_rule_was_off_is_drafted_by_hand(
        decide, workspace, admin_ctx, clerk):
    set_rule(admin_ctx, "penalty_decision", disclosed=False)
    assert decide() is None
    set_rule(admin_ctx, "penalty_decision", disclosed=True)
    with workspace.db.read() as session:
        case_id = session.execute(select(LedgerEntry.object_id).where(
            LedgerEntry.object_type == "enforcement_case")).scalars().first()
    record = draft_disclosure(clerk, case_id)
    assert disclosure_detail(clerk, record).row.status == "drafted"
    with pytest.raises(NothingToDisclose):
        draft_disclosure(clerk, case_id)  # drafted once
