"""The official Chinese working-day calendar, shared by every deadline counted in working
days (legal review, information disclosure …).

    from workdays import load_calendar
    count = load_calendar(session_or_database).add_workdays(decided_on, 7)
    count.date, count.fallback_years, count.warning("zh_CN")

See workdays.counting for where a year's schedule comes from and workdays.year_file for the
file an admin imports.
"""
from workdays.counting import (
    FALLBACK, IMPORTED, LIBRARY, WorkdayCalendar, WorkdayCount, YearSchedule, load_calendar,
)

__all__ = ["load_calendar", "WorkdayCalendar", "WorkdayCount", "YearSchedule",
           "IMPORTED", "LIBRARY", "FALLBACK"]
