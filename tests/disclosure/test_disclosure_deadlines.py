"""Deadlines in Chinese working days: a decision is published within 7 working days (a
penalty or permit) or 20 (other results), counted after the decision day across the
holidays and their make-up working days (调休); a year the calendar does not know is
counted Monday to Friday, with the warning, and nothing crashes. The expected dates are
counted by hand from the State Council's notices (国办发明电〔2024〕12号 for 2025,
国办发明电〔2025〕7号 for 2026)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import DisclosureRecord
from disclosure.records import DisclosureFilter, list_disclosures
from organisation.officers import CertificateInput, add_officer
from tests.disclosure.conftest import context_on


def record(workspace, record_id: str) -> DisclosureRecord:  # noqa: ANN001
    with workspace.db.read() as session:
        return session.execute(select(DisclosureRecord).where(
            DisclosureRecord.id == record_id)).scalar_one()


@pytest.mark.parametrize("decided,deadline", [
    # The day before National Day 2025 (1–8 October off; Saturday 11 October worked):
    # 9, 10, 11 (Sat), 13, 14, 15, 16 October.
    (date(2025, 9, 30), date(2025, 10, 16)),
    # The day before National Day 2026 (1–7 October off; Saturday 10 October worked).
    (date(2026, 9, 30), date(2026, 10, 15)),
    # The day before the Spring Festival 2025 (28 January – 4 February off; Saturday
    # 8 February worked): 5, 6, 7, 8 (Sat), 10, 11, 12 February.
    (date(2025, 1, 27), date(2025, 2, 12)),
    # Friday before the Spring Festival 2026 (15–23 February off; Saturdays 14 and
    # 28 February worked): 14 (Sat), 24, 25, 26, 27, 28 (Sat) February, 2 March.
    (date(2026, 2, 13), date(2026, 3, 2)),
    # Decided on a make-up Saturday: that day is not counted, the next ones are.
    (date(2025, 2, 8), date(2025, 2, 18)),
    (date(2026, 2, 14), date(2026, 3, 3)),
    # The last day of 2025: 1–3 January 2026 off, Sunday 4 January worked.
    (date(2025, 12, 31), date(2026, 1, 12)),
])
def test_a_penalty_decision_is_due_7_working_days_after_it(decide, workspace, decided,
                                                           deadline):
    found = record(workspace, decide(decided))
    assert (found.decided_on, found.deadline) == (decided, deadline)
    assert found.calendar_warning is None


def test_an_inspection_result_is_due_20_working_days_after_its_closing(decide, workspace):
    found = record(workspace, decide(date(2025, 9, 30), type="inspection", penalty=None,
                                     penalty_amount=None, step_note="未发现违法行为"))
    # 9 October is the first working day after the holiday; the 20th is 4 November.
    assert (found.rule_code, found.deadline) == ("inspection_result", date(2025, 11, 4))


def test_a_permit_decision_is_due_7_working_days_after_its_decision_step(decide, workspace):
    found = record(workspace, decide(date(2025, 9, 30), type="permit", penalty=None,
                                     penalty_amount=None, cause="食品经营许可",
                                     step_note="准予许可"))
    assert (found.rule_code, found.deadline) == ("permit_decision", date(2025, 10, 16))


@pytest.fixture
def officers_of_2040(bureau, admin_ctx):
    """Two officers certified in 2040, a year no calendar covers."""
    for name, number in (("周一", "22019001"), ("吴二", "22019002")):
        add_officer(admin_ctx, name, "执一", CertificateInput(number, date(2045, 12, 31),
                                                            valid_from=date(2039, 1, 1)))
    return ("22019001", "22019002")


def test_a_year_the_calendar_lacks_is_counted_monday_to_friday_with_a_warning(
        decide, workspace, officers_of_2040):
    found = record(workspace, decide(date(2040, 6, 1), officers=officers_of_2040))
    assert found.deadline == date(2040, 6, 12)  # Friday 1 June + 7 weekdays
    assert "2040" in found.calendar_warning
    rows = list_disclosures(context_on(workspace, date(2040, 6, 1), "clerk", username="c"))
    assert [r.calendar_warning for r in rows] == [found.calendar_warning]


@pytest.mark.parametrize("today,overdue,soon", [
    (date(2026, 6, 22), False, False),  # three working days left (23, 24, 25)
    (date(2026, 6, 23), False, True),   # two left: amber
    (date(2026, 6, 25), False, True),   # the deadline itself: still in time
    (date(2026, 6, 26), True, False),   # the day after: red
])
def test_a_draft_is_due_soon_then_overdue(decide, workspace, today, overdue, soon):
    decide(date(2026, 6, 15))  # Monday; 19 June (Dragon Boat Festival) is off: due 25 June
    ctx = context_on(workspace, today, "clerk", username="clerk")
    (row,) = list_disclosures(ctx)
    assert row.deadline == date(2026, 6, 25)
    assert (row.overdue, row.due_soon) == (overdue, soon)
    assert len(list_disclosures(ctx, DisclosureFilter(overdue=True))) == overdue
    assert len(list_disclosures(ctx, DisclosureFilter(due_within=2))) == (overdue or soon)
