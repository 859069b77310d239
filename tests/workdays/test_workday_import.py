"""Importing a year of the official calendar: an admin's file overrides the library for that
year, a bad file is refused naming every problem and stores nothing, and only holders of
MANAGE_CALENDAR may import."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.permissions import PermissionDenied
from db.models import LedgerEntry, WorkdayCalendarYear
from workdays import FALLBACK, IMPORTED, LIBRARY, library, load_calendar
from workdays.errors import CalendarFileError
from workdays.imports import calendar_years, import_calendar_year

D = date.fromisoformat
SOURCE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"
YEAR_2027 = {"year": 2027, "source": SOURCE_2027,
             "holidays": ["2027-01-01", "2027-02-08", "2027-02-09"],
             "workdays": ["2027-02-06"]}  # a Saturday


def stored_years(workspace) -> int:  # noqa: ANN001
    with workspace.db.read() as session:
        return session.execute(select(func.count()).select_from(WorkdayCalendarYear)).scalar()


def test_an_imported_year_is_used_and_recorded(workspace, admin):
    result = import_calendar_year(admin, YEAR_2027)

    assert (result.year, result.holidays, result.workdays, result.replaced) == (2027, 3, 1,
                                                                                 False)
    cal = load_calendar(workspace.db)
    assert cal.coverage(2027) == IMPORTED and cal.source(2027) == SOURCE_2027
    assert not cal.is_workday(D("2027-01-01")) and cal.is_workday(D("2027-02-06"))
    count = cal.add_workdays(D("2026-12-31"), 1)  # Friday the 1st off -> Monday the 4th
    assert count.date == D("2027-01-04") and count.fallback_years == ()
    assert cal.add_workdays(D("2027-02-05"), 1).date == D("2027-02-06")
    with workspace.db.read() as session:
        row = session.get(WorkdayCalendarYear, 2027)
        assert row.imported_by == "admin" and row.imported_at == workspace.clock.now()
        entries = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type == "workday_calendar_year")).scalars().all()
        # A session's calendar reads the same as the database's.
        assert load_calendar(session).imported == cal.imported
    assert [(e.actor, e.action, e.object_id) for e in entries] == [
        ("admin", "calendar.import", "2027")]


def test_an_imported_year_replaces_the_library_for_that_year(workspace, admin):
    before = load_calendar(workspace.db)
    assert not before.is_workday(D("2026-02-16"))  # 春节 by the library
    import_calendar_year(admin, {"year": 2026, "source": "更正通知", "holidays": ["2026-06-16"],
                                 "workdays": ["2026-06-20"]})

    cal = load_calendar(workspace.db)
    assert cal.coverage(2026) == IMPORTED and cal.source(2026) == "更正通知"
    assert cal.is_workday(D("2026-02-16"))  # the whole year is the file's, not a merge
    assert cal.add_workdays(D("2026-06-15"), 1).date == D("2026-06-17")
    assert cal.add_workdays(D("2026-06-19"), 1).date == D("2026-06-20")
    assert cal.coverage(2025) == LIBRARY


def test_importing_a_year_again_replaces_it(workspace, admin):
    import_calendar_year(admin, YEAR_2027)
    again = import_calendar_year(admin, {**YEAR_2027, "holidays": ["2027-10-01"],
                                         "workdays": []})
    assert again.replaced and again.holidays == 1
    cal = load_calendar(workspace.db)
    assert cal.is_workday(D("2027-01-01")) and not cal.is_workday(D("2027-10-01"))
    assert stored_years(workspace) == 1


def test_toml_and_json_files(workspace, admin, tmp_path: Path):
    toml = tmp_path / "2027.toml"
    toml.write_text('year = 2027\nsource = "通知"\n'
                    'holidays = ["2027-01-01", 2027-02-08]  # a TOML date works too\n'
                    'workdays = ["2027-02-06"]\n', encoding="utf-8")
    assert import_calendar_year(admin, toml).holidays == 2
    assert import_calendar_year(admin, str(toml)).replaced  # a path as text is a path too
    data = {**YEAR_2027, "year": 2028, "holidays": ["2028-01-01"], "workdays": []}
    as_json = tmp_path / "2028.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8-sig")  # with BOM
    assert import_calendar_year(admin, as_json).year == 2028
    assert load_calendar(workspace.db).coverage(2028) == IMPORTED


def test_years_list_each_year_by_what_covers_it(workspace, admin):
    import_calendar_year(admin, {**YEAR_2027, "year": 2033, "holidays": ["2033-01-03"],
                                 "workdays": []})
    rows = {row.year: row for row in calendar_years(workspace.db, 2026)}
    assert rows[2025].coverage == LIBRARY and "国务院办公厅" in rows[2025].source
    assert rows[2032].coverage == FALLBACK and rows[2032].source is None  # the gap
    assert rows[2033].coverage == IMPORTED and rows[2033].imported_by == "admin"
    assert rows[2033].as_json()["coverage"] == "imported"
    assert sorted(rows) == list(range(library.FIRST_YEAR, 2034))


def test_years_reach_next_year_even_when_nothing_covers_it(workspace):
    rows = calendar_years(workspace.db, 2040)
    assert [(r.year, r.coverage) for r in rows[-2:]] == [(2040, FALLBACK), (2041, FALLBACK)]


# ----------------------------------------------------------------------- bad files
BAD = [
    ({"source": "x", "holidays": ["2027-01-01"]}, "the year is missing"),
    ({**YEAR_2027, "year": "2027"}, "the year must be a whole number: '2027'"),
    ({**YEAR_2027, "year": 1999}, "the year 1999 is outside 2000–2100"),
    ({**YEAR_2027, "year": 2101}, "the year 2101 is outside"),
    ({**YEAR_2027, "source": " "}, "the source is missing"),
    ({**YEAR_2027, "source": "依" * 201}, "the source is longer than 200 characters"),
    ({k: v for k, v in YEAR_2027.items() if k != "holidays"}, "the holidays are missing"),
    ({**YEAR_2027, "holidays": []}, "the list of holidays is empty"),
    ({**YEAR_2027, "holidays": "2027-01-01"}, "holidays must be a list of dates"),
    ({**YEAR_2027, "holidays": ["2027-02-30"]}, "'2027-02-30' in holidays is not a date"),
    ({**YEAR_2027, "holidays": [20270101]}, "'20270101' in holidays is not a date"),
    ({**YEAR_2027, "holidays": ["2026-12-31"]}, "2026-12-31 in holidays is not in 2027"),
    ({**YEAR_2027, "workdays": ["2028-01-01"]}, "2028-01-01 in workdays is not in 2027"),
    ({**YEAR_2027, "workdays": ["2027-02-05"]},
     "the make-up working day 2027-02-05 is a Friday, not a Saturday or Sunday"),
    ({**YEAR_2027, "workdays": ["2027-02-06", "2027-01-01"]},
     "2027-01-01 is listed both as a holiday and as a working day"),
    ({**YEAR_2027, "holiday": ["2027-01-02"]}, "unknown key(s) holiday"),
]


@pytest.mark.parametrize("data,problem", BAD, ids=[p for _d, p in BAD])
def test_a_bad_year_is_refused_naming_the_problem(workspace, admin, ledger_length, data,
                                                  problem):
    length = ledger_length()
    with pytest.raises(CalendarFileError) as refused:
        import_calendar_year(admin, data)
    assert problem in refused.value.message("en")
    assert refused.value.message("zh_CN").startswith("工作日历文件有误，未导入任何内容：")
    assert stored_years(workspace) == 0 and ledger_length() == length


def test_a_weekend_holiday_and_a_weekday_holiday_are_both_fine(admin):
    # 2027-01-02 is a Saturday inside a holiday period, 2027-01-01 a Friday.
    assert import_calendar_year(admin, {**YEAR_2027, "holidays": ["2027-01-01",
                                                                  "2027-01-02"]}).holidays == 2


def test_every_problem_of_a_file_is_named_at_once(workspace, admin):
    with pytest.raises(CalendarFileError) as refused:
        import_calendar_year(admin, {"year": 2027, "holidays": ["2027-13-01"],
                                     "workdays": ["2027-03-03"]})
    zh = refused.value.message("zh_CN")
    assert "缺少依据 source" in zh and "“2027-13-01”不是日期" in zh
    assert "调休上班日 2027-03-03 是星期三，应为星期六或星期日" in zh
    assert len(refused.value.problems) == 3 and stored_years(workspace) == 0


@pytest.mark.parametrize("name,text,problem", [
    ("2027.toml", "year = 2027\nholidays = [", "the file is not valid TOML"),
    ("2027.json", '{"year": 2027,', "the file is not valid JSON"),
    ("2027.json", '["2027-01-01"]', "the file must be a table"),
    ("2027.txt", '{"year": 2027, "source": "x", "holidays": ["2027-01-01"]', "valid JSON"),
    ("2027.toml", b"year = 2027\nsource = '\xff'", "the file is not UTF-8"),
])
def test_an_unreadable_file_is_refused(workspace, admin, tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(CalendarFileError) as refused:
        import_calendar_year(admin, path)
    assert problem in refused.value.message("en")
    assert stored_years(workspace) == 0


def test_a_file_with_no_suffix_is_read_as_toml_unless_it_starts_with_a_brace(admin, tmp_path):
    path = tmp_path / "calendar"
    path.write_text('year = 2027\nsource = "x"\nholidays = ["2027-01-01"]\n', encoding="utf-8")
    assert import_calendar_year(admin, path).year == 2027


@pytest.mark.parametrize("role", ["clerk", "officer", "reviewer", "custodian", "head"])
def test_only_the_admin_may_import(workspace, as_role, ledger_length, role):
    length = ledger_length()
    with pytest.raises(PermissionDenied) as refused:
        import_calendar_year(as_role(role), YEAR_2027)
    assert "导入工作日历" in refused.value.message("zh_CN")
    assert stored_years(workspace) == 0 and ledger_length() == length


def test_permission_is_checked_before_the_file(as_role):
    with pytest.raises(PermissionDenied):
        import_calendar_year(as_role("clerk"), {"year": "bad"})
