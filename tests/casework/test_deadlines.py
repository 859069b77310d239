"""办案期限 (casework.deadlines): 《行政处罚法》第六十条 90 days from filing, counted from the
day after (《民法典》第二百零一条), 30 more days per approved extension (《市场监督管理行政处罚
程序规定》第六十四条); and the case list carries each case's limit."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases import list_cases, record_step
from casework.deadlines import case_deadline, time_limit, time_limits
from tests.casework.conftest import TODAY

FILED = date(2026, 1, 1)


@pytest.mark.parametrize("today, days_left, overdue", [
    (date(2026, 3, 31), 1, False),    # the 89th day: one left
    (date(2026, 4, 1), 0, False),     # the 90th day: the last day, not yet late
    (date(2026, 4, 2), -1, True),     # the 91st day: overdue
])
def test_an_ordinary_penalty_case_is_due_90_days_after_filing(today, days_left, overdue):
    deadline = case_deadline("administrative_penalty", "ordinary", FILED, today)
    assert deadline.due_on == date(2026, 4, 1)
    assert (deadline.days_left, deadline.overdue) == (days_left, overdue)
    assert "第六十条" in deadline.limit.source


def test_an_approved_extension_adds_30_days_and_a_decision_stops_the_clock():
    late = date(2026, 4, 2)
    extended = case_deadline("administrative_penalty", "ordinary", FILED, late, extended_days=30)
    assert extended.due_on == date(2026, 5, 1) and not extended.overdue
    assert extended.as_json()["extended_days"] == 30
    decided = case_deadline("administrative_penalty", "ordinary", FILED, late, decided=True)
    assert decided.days_left == -1 and not decided.overdue and not decided.due_soon


def test_types_and_procedures_without_a_limit_have_none():
    assert case_deadline("administrative_penalty", "simplified", FILED, FILED) is None
    assert case_deadline("inspection", "ordinary", FILED, FILED) is None
    assert time_limit("permit", "ordinary").days == 20
    assert all(limit.source.startswith("《") for limit in time_limits().values())


def test_the_case_list_flags_a_case_past_its_limit(penalty_case, clerk, case_input):
    from casework.cases import create_case
    # Filed 2026-03-16: day 90 was 06-14, so on 06-15 the case is one day late; the second,
    # filed a day later, is on its last day.
    late = penalty_case
    record_step(clerk, late.number, "filing", date(2026, 3, 16))
    on_time = create_case(clerk, case_input(cause="第二件"))
    record_step(clerk, on_time.number, "filing", date(2026, 3, 17))
    rows = {row.number: row.deadline for row in list_cases(clerk)}
    assert rows[late.number].overdue and rows[late.number].days_left == -1
    assert not rows[on_time.number].overdue and rows[on_time.number].days_left == 0
    assert rows[on_time.number].due_on == TODAY
    assert list_cases(clerk)[0].as_json()["deadline"]["days"] == 90


def test_the_data_says_how_many_extensions_each_source_allows():
    from casework.deadlines import parse_time_limits
    # 第六十四条, 《行政强制法》第二十五条, 《行政许可法》第四十二条: one extension each.
    assert {(t.type_code, t.extension, t.max_extensions) for t in time_limits().values()} == {
        ("administrative_penalty", 30, 1), ("compulsory_measure", 30, 1), ("permit", 10, 1)}
    entry = {"type": "t", "procedure": "ordinary", "days": 60, "source": "《某法》第一条"}
    assert parse_time_limits({"time_limit": [{**entry, "extension": 15, "max_extensions": 2}]}
                             )[("t", "ordinary")].max_extensions == 2
    assert parse_time_limits({"time_limit": [entry]})[("t", "ordinary")].max_extensions == 0
    for wrong in ({"extension": 30}, {"max_extensions": 1}, {"extension": 30,
                                                             "max_extensions": -1}):
        with pytest.raises(ValueError, match="bad time limit for t"):
            parse_time_limits({"time_limit": [{**entry, **wrong}]})
