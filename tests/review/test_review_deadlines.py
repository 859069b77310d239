"""The review's time limit in working days on the official calendar: 7 by default, across
the Dragon Boat, National Day and Spring Festival holidays and their make-up working days
(调休); one extension of 3 with a reason; overdue reviews listed; a year the calendar lacks
counted Monday to Friday with a warning that stays with the review."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases import create_case
from config.settings import set_setting
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from review.errors import ExtensionUsed
from review.queries import list_reviews, review_detail
from review.workflow import decide_review, extend_review, start_review, submit_review
from tests.review.conftest import OPINION, on


@pytest.fixture
def ready(clerk, example_input, attach_all, bureau):
    """``ready(day)``: the example case opened on ``day``, its materials attached."""
    def make(day: date):
        case = create_case(on(clerk, day), example_input)
        attach_all(case)
        return case
    return make


def due_when_submitted(clerk, case, day: date) -> date:  # noqa: ANN001
    return submit_review(on(clerk, day), case.number).row.due_on


def test_seven_working_days_skip_the_dragon_boat_festival(clerk, submitted):
    # 2026-06-19 (Friday) is the Dragon Boat Festival: the seventh working day after
    # Monday 06-15 is Thursday 06-25, not Wednesday 06-24.
    assert review_detail(clerk, submitted.number).row.due_on == date(2026, 6, 25)


def test_national_day_and_its_make_up_saturday(clerk, ready):
    # 10-01 to 10-07 off; Saturday 10-10 is worked (国办发明电〔2025〕7号).
    case = ready(date(2026, 9, 30))
    assert due_when_submitted(clerk, case, date(2026, 9, 30)) == date(2026, 10, 15)


def test_the_spring_festival_and_its_make_up_saturdays(clerk, ready):
    # 02-15 to 02-23 off; Saturdays 02-14 and 02-28 are worked.
    case = ready(date(2026, 2, 12))
    assert due_when_submitted(clerk, case, date(2026, 2, 12)) == date(2026, 2, 28)


def test_the_time_limit_is_a_setting(admin_ctx, clerk, major, attach_all):
    set_setting(admin_ctx, "review.time_limit_days", 10)
    attach_all(major)
    assert due_when_submitted(clerk, major, date(2026, 6, 15)) == date(2026, 6, 30)
    with pytest.raises(InvalidInput):
        set_setting(admin_ctx, "review.time_limit_days", 0)


def test_one_extension_of_three_working_days_with_a_reason(clerk, people, submitted):
    start_review(people.reviewer, submitted.number)
    with pytest.raises(InvalidInput, match="须写明延长理由"):
        extend_review(people.reviewer, submitted.number, "")
    with pytest.raises(PermissionDenied):
        extend_review(clerk, submitted.number, "案情复杂")
    detail = extend_review(people.reviewer, submitted.number, "案情复杂，需调阅全部音视频。")
    assert (detail.row.due_on, detail.row.extended) == (date(2026, 6, 30), True)
    assert detail.steps[-1].action == "extend"
    assert detail.steps[-1].opinion == "案情复杂，需调阅全部音视频。"
    with pytest.raises(ExtensionUsed, match="已延长过一次期限（至 2026-06-30）"):
        extend_review(people.reviewer, submitted.number, "还需要时间")


def test_overdue_reviews_are_listed(clerk, people, submitted):
    assert list_reviews(on(clerk, date(2026, 6, 25)), overdue=True) == []  # due today
    (late,) = list_reviews(on(clerk, date(2026, 6, 26)), overdue=True)
    assert (late.case_number, late.overdue) == (submitted.number, True)
    assert late.as_json()["overdue"] is True
    decide_review(on(people.reviewer, date(2026, 6, 26)), submitted.number, "agreed", OPINION)
    assert list_reviews(on(clerk, date(2026, 6, 29)), overdue=True) == []


def test_a_year_the_calendar_lacks_is_counted_monday_to_friday_with_a_warning(clerk, major,
                                                                            attach_all):
    attach_all(major)
    detail = submit_review(on(clerk, date(2030, 6, 14)), major.number)
    assert detail.row.due_on == date(2030, 6, 25)          # Monday to Friday only
    assert detail.row.fallback_years == (2030,)
    assert "2030 年的法定节假日安排尚未导入" in detail.row.warning()
    assert "2030" in detail.as_json("en")["warning"]
    (row,) = list_reviews(on(clerk, date(2030, 6, 14)))
    assert row.warning() == detail.row.warning()


def test_a_limit_running_into_a_year_the_calendar_lacks_says_so(clerk, major, attach_all):
    # 2026 is known; 2027 is not (yet): its New Year's Day is counted as a working day,
    # which is why the warning must be seen.
    attach_all(major)
    detail = submit_review(on(clerk, date(2026, 12, 28)), major.number)
    assert (detail.row.due_on, detail.row.fallback_years) == (date(2027, 1, 6), (2027,))
    assert "2027 年的法定节假日安排尚未导入" in detail.row.warning()
