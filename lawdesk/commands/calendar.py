"""`lawdesk calendar …`: working days on the official calendar, and importing a year of it."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (cells, language, login, open_workspace, parse_date, print_json,
                                     print_rows, say, warn)

COVERAGE_ZH = {"imported": "已导入", "library": "内置数据", "fallback": "未覆盖（按周一至周五）"}


def calendar_workdays(args: argparse.Namespace) -> int:
    from workdays import load_calendar
    start = parse_date(args.start, "--from")
    workspace = open_workspace(args)
    lang = language(workspace)
    count = load_calendar(workspace.db).add_workdays(start, args.n)
    if args.json:
        print_json(count.as_json(lang))
    else:
        print(count.date.isoformat())
    warning = count.warning(lang)
    if warning:
        # The date is still printed (exit 0): a deadline shown with a caveat beats none.
        warn(warning)
    return 0


def calendar_import(args: argparse.Namespace) -> int:
    from workdays.imports import import_calendar_year
    workspace = open_workspace(args)
    # A missing or unreadable file is the import's own refusal, after the permission check.
    result = import_calendar_year(login(args, workspace), Path(args.file))
    if args.json:
        print_json(result.as_json())
    else:
        print(say(f"已导入 {result.year} 年工作日历：放假 {result.holidays} 天，"
                  f"调休上班 {result.workdays} 天",
                  f"Imported the {result.year} calendar: {result.holidays} holidays, "
                  f"{result.workdays} make-up working days", workspace))
    return 0


def calendar_years(args: argparse.Namespace) -> int:
    from workdays.imports import calendar_years as years
    workspace = open_workspace(args)
    rows = years(workspace.db, workspace.clock.today().year)
    lang = language(workspace)
    print_rows(args, rows, lang, lambda row: cells(
        row.year, row.coverage if lang == "en" else COVERAGE_ZH[row.coverage], row.source))
    return 0
