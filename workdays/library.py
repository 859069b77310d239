"""The one door to the chinese-calendar library (PyPI chinese-calendar, LKI/chinese-calendar).

Its data transcribe the General Office of the State Council's yearly notices on the holiday
arrangements (国务院办公厅关于××年部分节假日安排的通知, e.g. 国办发明电〔2024〕12号 for 2025,
国办发明电〔2025〕7号 for 2026): days off and make-up working days (调休). Outside its years it
raises NotImplementedError, so every question goes through ``covers`` first.
"""
from __future__ import annotations

from datetime import date

import chinese_calendar

VERSION = chinese_calendar.__version__
SOURCE = f"chinese-calendar {VERSION}（国务院办公厅节假日安排通知）"

# The library's own bounds: it checks a date against the years of its holiday table.
FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year


def covers(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def years() -> range:
    return range(FIRST_YEAR, LAST_YEAR + 1)


def is_workday(day: date) -> bool:
    """Whether ``day`` is a working day by the library; only for a year it ``covers``."""
    return chinese_calendar.is_workday(day)
