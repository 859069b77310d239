"""The year file an admin imports (`lawdesk calendar import FILE`): one year of the official
holiday schedule, as the General Office of the State Council's yearly notice
(国务院办公厅关于××年部分节假日安排的通知) sets it out.

TOML (``.toml``) or JSON (``.json``; any other name: JSON if it starts with "{", else TOML),
UTF-8::

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）"
    holidays = ["2027-01-01", "2027-02-05", ...]   # days off (放假)
    workdays = ["2027-02-07", ...]                 # make-up working days (调休上班)

- ``year``: an integer, 2000 to 2100; ``source``: the notice the dates come from, required.
- ``holidays``: every day off the notice names, at least one. Weekend days inside a holiday
  period may be listed or left out: they are days off either way.
- ``workdays``: the weekend days the notice makes working days; each must be a Saturday or
  a Sunday; may be empty or left out.
- Every date is YYYY-MM-DD (or a TOML date) within ``year``; no date in both lists; no other
  keys (a misspelt key would otherwise be ignored silently).

Every problem is collected and reported at once (CalendarFileError); a bad file stores
nothing.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from core.user_files import unstorable_text
from workdays.errors import CalendarFileError, FileProblem

FIRST_YEAR, LAST_YEAR = 2000, 2100
SOURCE_LENGTH = 200  # the column's size
KEYS = ("year", "source", "holidays", "workdays")
WEEKDAYS_ZH = "一二三四五六日"


@dataclass(frozen=True)
class YearFile:
    year: int
    source: str
    holidays: tuple[date, ...]   # sorted
    workdays: tuple[date, ...]   # sorted


def read_year_file(path: str | os.PathLike) -> dict[str, Any]:
    """The file's contents as a mapping; an unreadable file is a CalendarFileError."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CalendarFileError([FileProblem(f"无法读取文件 {path}：{error.strerror}",
                                             f"cannot read {path}: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise CalendarFileError([FileProblem("文件不是 UTF-8 编码",
                                             "the file is not UTF-8")]) from None
    suffix = path.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith("{"))
    try:
        data = json.loads(text) if as_json else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        kind = "JSON" if as_json else "TOML"
        raise CalendarFileError([FileProblem(f"文件不是有效的 {kind}：{error}",
                                             f"the file is not valid {kind}: {error}")]) from None
    except RecursionError:  # thousands of nested brackets: no calendar, and no traceback
        raise CalendarFileError([FileProblem("文件中的数组或表嵌套过深",
                                             "the file nests arrays or tables too deeply")]
                                ) from None
    where = unstorable_text(data)
    if where is not None:  # a JSON "\ud800" escape: not text, and no database stores it
        raise CalendarFileError([FileProblem(f"{where} 含有不成对的代理字符，不是有效文字",
                                             f"{where} holds an unpaired surrogate: not text")])
    if not isinstance(data, dict):
        raise CalendarFileError([FileProblem("文件内容应为键值表（year、source、holidays、"
                                             "workdays）",
                                             "the file must be a table of year, source, "
                                             "holidays, workdays")])
    return data


def _year(data: Mapping[str, Any], problems: list[FileProblem]) -> int | None:
    year = data.get("year")
    if year is None:
        problems.append(FileProblem("缺少年份 year", "the year is missing"))
    elif isinstance(year, bool) or not isinstance(year, int):
        problems.append(FileProblem(f"年份 year 应为整数：{year!r}",
                                    f"the year must be a whole number: {year!r}"))
    elif not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(FileProblem(f"年份 {year} 超出 {FIRST_YEAR}–{LAST_YEAR}",
                                    f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}"))
    else:
        return year
    return None


def _source(data: Mapping[str, Any], problems: list[FileProblem]) -> str:
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append(FileProblem("缺少依据 source（如国务院办公厅通知的文号）",
                                    "the source is missing (e.g. the State Council notice's "
                                    "document number)"))
        return ""
    if len(source.strip()) > SOURCE_LENGTH:
        problems.append(FileProblem(f"依据 source 超过 {SOURCE_LENGTH} 字",
                                    f"the source is longer than {SOURCE_LENGTH} characters"))
    return source.strip()


def _dates(data: Mapping[str, Any], key: str, label_zh: str, year: int | None,
           problems: list[FileProblem]) -> set[date]:
    values = data.get(key, [])
    if not isinstance(values, list):
        problems.append(FileProblem(f"{key}（{label_zh}）应为日期列表",
                                    f"{key} must be a list of dates"))
        return set()
    found: set[date] = set()
    for value in values:
        try:
            day = value if type(value) is date else date.fromisoformat(value)
        except (TypeError, ValueError):
            problems.append(FileProblem(f"{key}（{label_zh}）中的“{value}”不是日期（应为 "
                                        "YYYY-MM-DD）",
                                        f"'{value}' in {key} is not a date (YYYY-MM-DD)"))
            continue
        if year is not None and day.year != year:
            problems.append(FileProblem(f"{key}（{label_zh}）中的 {day} 不在 {year} 年内",
                                        f"{day} in {key} is not in {year}"))
            continue
        found.add(day)
    return found


def validate(data: Mapping[str, Any]) -> YearFile:
    """The checked year; every problem of ``data`` at once as a CalendarFileError."""
    problems: list[FileProblem] = []
    unknown = sorted(str(key) for key in data if key not in KEYS)
    if unknown:
        problems.append(FileProblem(f"无法识别的键 {', '.join(unknown)}（应为 "
                                    f"{', '.join(KEYS)}）",
                                    f"unknown key(s) {', '.join(unknown)} (expected "
                                    f"{', '.join(KEYS)})"))
    year = _year(data, problems)
    source = _source(data, problems)
    if "holidays" not in data:
        problems.append(FileProblem("缺少放假日期 holidays", "the holidays are missing"))
    holidays = _dates(data, "holidays", "放假日期", year, problems)
    if "holidays" in data and isinstance(data["holidays"], list) and not data["holidays"]:
        problems.append(FileProblem("放假日期 holidays 为空", "the list of holidays is empty"))
    workdays = _dates(data, "workdays", "调休上班日期", year, problems)
    for day in sorted(workdays):
        if day.weekday() < 5:
            problems.append(FileProblem(
                f"调休上班日 {day} 是星期{WEEKDAYS_ZH[day.weekday()]}，应为星期六或星期日",
                f"the make-up working day {day} is a {day:%A}, not a Saturday or Sunday"))
    for day in sorted(holidays & workdays):
        problems.append(FileProblem(f"{day} 同时列为放假日和调休上班日",
                                    f"{day} is listed both as a holiday and as a working day"))
    if problems:
        raise CalendarFileError(problems)
    return YearFile(year, source, tuple(sorted(holidays)), tuple(sorted(workdays)))
