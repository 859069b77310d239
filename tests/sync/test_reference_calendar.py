"""The working-day calendar is HQ's: a year imported at HQ reaches every enrolled
workstation with the next sync, a workstation may not import one of its own once enrolled,
and the years it imported before enrolling give way to HQ's."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import LedgerEntry, WorkdayCalendarYear
from sync.engine import run_pass
from sync.link import enroll
from sync.ownership import ManagedByHq
from sync.protocol import REFERENCE_ACTION
from tests.sync.sync_helpers import admin_of
from workdays import IMPORTED, load_calendar
from workdays.imports import import_calendar_year

pytestmark = pytest.mark.slow

YEAR_2031 = {"year": 2031, "source": "国务院办公厅关于2031年部分节假日安排的通知",
             "holidays": ["2031-01-01", "2031-01-02"], "workdays": ["2031-01-04"]}


def test_a_year_imported_at_hq_reaches_an_enrolled_workstation(hq, enrolled):
    workspace = enrolled()
    assert run_pass(workspace).ok
    with hq.open() as server_side:
        import_calendar_year(hq.admin(server_side), YEAR_2031)

    summary = run_pass(workspace)

    assert summary.ok
    cal = load_calendar(workspace.db)
    assert cal.coverage(2031) == IMPORTED and cal.source(2031) == YEAR_2031["source"]
    count = cal.add_workdays(date(2030, 12, 31), 1)  # 1st and 2nd off, Saturday 4th worked
    assert count.date == date(2031, 1, 3) and 2031 not in count.fallback_years
    with workspace.db.read() as session:
        entries = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type == "workday_calendar_year")).scalars().all()
    assert [(e.actor, e.action, e.object_id) for e in entries] == [
        ("sync", REFERENCE_ACTION, "2031")]

    # Now HQ's: the workstation may not import a year of its own.
    with pytest.raises(ManagedByHq) as refused:
        import_calendar_year(admin_of(workspace), {**YEAR_2031, "holidays": ["2031-05-01"]})
    assert "工作日历" in refused.value.message("zh_CN")
    with workspace.db.read() as session:
        assert session.get(WorkdayCalendarYear, 2031).source == YEAR_2031["source"]



def test_years_imported_before_enrolling_give_way_to_hqs(hq, new_workstation):
    with hq.open() as server_side:
        import_calendar_year(hq.admin(server_side), YEAR_2031)
    workspace = new_workstation()
    import_calendar_year(admin_of(workspace), {**YEAR_2031, "year": 2032,
                                                "holidays": ["2032-01-01"], "workdays": []})
    import_calendar_year(admin_of(workspace), {**YEAR_2031, "source": "本地"})
    enroll(admin_of(workspace), workspace, server_url=hq.url, code=hq.enroll_code())

    assert run_pass(workspace).ok

    cal = load_calendar(workspace.db)
    assert set(cal.imported) == {2031} and cal.source(2031) == YEAR_2031["source"]
