"""Counting working days on the official calendar.

The rule source: the General Office of the State Council's yearly notices on the holiday
arrangements, as transcribed by the chinese-calendar library:
- 国务院办公厅关于2024年部分节假日安排的通知（2023年10月25日）: National Day 10月1日至7日
  放假, 9月29日（周日）、10月12日（周六）上班;
- 国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日）: National Day and
  Mid-autumn 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班;
- 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）: 元旦 1月1日至3日放假, 1月4日
  （周日）上班; 春节 2月15日至23日放假, 2月14日（周六）、2月28日（周六）上班.
Every expected date below was worked out by hand from those notices, not from the library.
"""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput
from workdays import FALLBACK, LIBRARY, WorkdayCalendar, WorkdayCount, library
from workdays.counting import MAX_WORKDAYS

D = date.fromisoformat


@pytest.fixture
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()  # nothing imported: the library, then Monday to Friday


def test_the_library_covers_2024_to_2026_and_names_its_source(cal):
    for year in (2024, 2025, 2026):
        assert cal.coverage(year) == LIBRARY
        assert "国务院办公厅" in cal.source(year) and library.VERSION in cal.source(year)
    # 1.11 ends with 2026; whatever a newer release adds, 2031 is years away from any notice.
    assert cal.coverage(2031) == FALLBACK and cal.source(2031) is None


# ------------------------------------------------------------------ National Day 2025
@pytest.mark.parametrize("day,working", [
    ("2025-09-27", False),  # an ordinary Saturday
    ("2025-09-28", True),   # make-up Sunday
    ("2025-09-30", True),
    ("2025-10-01", False), ("2025-10-08", False),  # the eight days off
    ("2025-10-09", True),
    ("2025-10-11", True),   # make-up Saturday
    ("2025-10-12", False),
])
def test_national_day_2025(cal, day, working):
    assert cal.is_workday(D(day)) is working


@pytest.mark.parametrize("start,n,expected", [
    ("2025-09-30", 0, "2025-09-30"),   # at the boundary: the start itself
    ("2025-09-30", 1, "2025-10-09"),   # the whole holiday skipped
    ("2025-09-30", 7, "2025-10-16"),   # 9, 10, 11 (Sat, worked), 13, 14, 15, 16
    ("2025-09-28", 1, "2025-09-29"),   # from the make-up Sunday
    ("2025-09-28", 2, "2025-09-30"),
    ("2025-09-28", 3, "2025-10-09"),
    ("2025-09-28", 7, "2025-10-14"),
    ("2025-10-11", 1, "2025-10-13"),   # from the make-up Saturday
    ("2025-10-11", 7, "2025-10-21"),
    ("2025-10-03", 1, "2025-10-09"),   # from a day off
    ("2025-10-10", 1, "2025-10-11"),   # the make-up Saturday counts
])
def test_deadlines_across_national_day_2025(cal, start, n, expected):
    count = cal.add_workdays(D(start), n)
    assert count == WorkdayCount(D(start), n, D(expected), ())
    assert count.warning() is None and count.warning("en") is None


def test_national_day_2024_make_up_days(cal):
    assert cal.is_workday(D("2024-09-29")) and cal.is_workday(D("2024-10-12"))
    assert not cal.is_workday(D("2024-10-07"))
    assert cal.add_workdays(D("2024-09-30"), 1).date == D("2024-10-08")


# ---------------------------------------------------------------- Spring Festival 2026
@pytest.mark.parametrize("start,n,expected", [
    ("2026-02-13", 1, "2026-02-14"),   # Friday -> the make-up Saturday
    ("2026-02-13", 2, "2026-02-24"),   # then nine days off
    ("2026-02-13", 7, "2026-03-02"),   # 14, 24, 25, 26, 27, 28 (Sat, worked), Mar 2
    ("2026-02-14", 1, "2026-02-24"),   # from the make-up Saturday
    ("2026-02-27", 1, "2026-02-28"),   # the second make-up Saturday
    ("2026-02-28", 1, "2026-03-02"),
])
def test_deadlines_across_spring_festival_2026(cal, start, n, expected):
    assert cal.add_workdays(D(start), n).date == D(expected)


def test_workdays_between(cal):
    assert cal.workdays_between(D("2025-09-30"), D("2025-10-08")) == 0  # all days off
    assert cal.workdays_between(D("2025-09-30"), D("2025-10-09")) == 1
    assert cal.workdays_between(D("2025-09-30"), D("2025-10-16")) == 7
    assert cal.workdays_between(D("2026-02-13"), D("2026-03-02")) == 7
    assert cal.workdays_between(D("2025-09-30"), D("2025-09-30")) == 0  # end == start
    assert cal.workdays_between(D("2025-10-09"), D("2025-09-30")) == 0  # end before start


# ------------------------------------------------------------------- the end of a year
def test_last_day_of_2025_plus_7_uses_the_2026_new_year_make_up_sunday(cal):
    # 1月1日至3日 off, 1月4日 (Sunday) worked: 4, 5, 6, 7, 8, 9, 12.
    count = cal.add_workdays(D("2025-12-31"), 7)
    assert count.date == D("2026-01-12") and count.fallback_years == ()


def test_last_day_of_2026_plus_7_enters_2027(cal):
    count = cal.add_workdays(D("2026-12-31"), 7)
    if library.covers(2027):  # a newer library release with the 2027 notice
        assert count.fallback_years == ()
    else:  # chinese-calendar 1.11: Monday to Friday in 2027, New Year's Day counted
        assert count == WorkdayCount(D("2026-12-31"), 7, D("2027-01-11"), (2027,))
        assert "2027" in count.warning()


def test_a_year_nobody_covers_is_counted_monday_to_friday_with_a_warning(cal):
    count = cal.add_workdays(D("2030-12-31"), 3)  # Tue -> Wed 1, Thu 2, Fri 3 January 2031
    assert count.date == D("2031-01-03")
    assert 2031 in count.fallback_years
    zh, en = count.warning(), count.warning("en")
    assert "2031" in zh and "周一至周五" in zh and "lawdesk calendar import" in zh
    assert "2031" in en and "Monday to Friday" in en
    assert count.as_json("en")["warning"] == en
    assert count.as_json()["fallback_years"] == list(count.fallback_years)


def test_fallback_over_several_years_names_each(cal):
    count = cal.add_workdays(D("2031-06-02"), 600)  # well into 2033
    assert count.fallback_years == tuple(range(2031, count.date.year + 1))
    assert "2031、2032、2033" in count.warning()


def test_nothing_counted_means_no_warning(cal):
    count = cal.add_workdays(D("2031-03-06"), 0)
    assert count.date == D("2031-03-06") and count.fallback_years == ()
    assert count.warning() is None


def test_fallback_skips_weekends(cal):
    assert cal.add_workdays(D("2031-03-06"), 2).date == D("2031-03-10")  # Thu -> Fri, Mon
    assert cal.workdays_between(D("2031-03-06"), D("2031-03-10")) == 2


# -------------------------------------------------------------------- the count's bounds
def test_a_negative_count_is_refused(cal):
    with pytest.raises(InvalidInput) as refused:
        cal.add_workdays(D("2025-09-30"), -1)
    assert "-1" in refused.value.message("en")


def test_the_largest_count_is_accepted_and_one_more_refused(cal):
    assert cal.add_workdays(D("2025-01-01"), MAX_WORKDAYS).date.year > 2060
    with pytest.raises(InvalidInput):
        cal.add_workdays(D("2025-01-01"), MAX_WORKDAYS + 1)
