"""Parsers for the working-day calendar (lawdesk calendar …)."""
from __future__ import annotations


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    calendar = commands.add_parser(
        "calendar", help="the official working-day calendar (工作日历)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    workdays = command("workdays", "calendar:calendar_workdays",
                       "the N-th working day after a date (the date itself not counted); "
                       "prints YYYY-MM-DD, warns on stderr when a year had to be counted "
                       "Monday to Friday", calendar)
    workdays.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    workdays.add_argument("--add", dest="n", required=True, type=int, metavar="N")
    json_flag(workdays)
    imp = command("import", "calendar:calendar_import",
                  "import one year's holidays and make-up working days from a TOML or JSON "
                  "file (see README); replaces that year, all or nothing", calendar)
    imp.add_argument("file", metavar="FILE")
    json_flag(imp)
    json_flag(command("years", "calendar:calendar_years",
                      "which years are covered, and by what: imported, library or fallback "
                      "(Monday to Friday)", calendar))
