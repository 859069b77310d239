"""Parsers for discretion benchmarks (lawdesk benchmark …)."""
from __future__ import annotations

import argparse

from lawdesk.arg_types import MAX_VERSION, bounded_int


def _circumstances(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--offence", required=True, metavar="CODE",
                        help="offence code, e.g. FSL-124-5-A (lawdesk benchmark list)")
    parser.add_argument("--circumstance", action="append", default=[], metavar="CODE",
                        help="a circumstance of the case (情形), e.g. eliminated_harm; repeat "
                             "for several")
    parser.add_argument("--base-amount", metavar="YUAN",
                        help="for offences fined in multiples: the base (货值金额, 广告费用 …) "
                             "in yuan")


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    benchmark = commands.add_parser(
        "benchmark", help="discretion benchmarks (行政处罚裁量基准)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    suggest = command("suggest", "benchmark:suggest",
                      "the tier and range the benchmark in force suggests", benchmark)
    _circumstances(suggest)
    suggest.add_argument("--on", metavar="YYYY-MM-DD",
                         help="under the version in force on this day (default: today)")
    json_flag(suggest)
    choose = command("choose", "benchmark:choose",
                     "record a case's offence and circumstances; a fine outside the "
                     "suggested range needs --reason and sends the case to legal review",
                     benchmark)
    choose.add_argument("case", metavar="CASE", help="case number")
    _circumstances(choose)
    choose.add_argument("--reason", metavar="TEXT",
                        help="why the case's fine lies outside the suggested range")
    json_flag(choose)
    show = command("case", "benchmark:case_choice",
                   "a case's chosen benchmark and whether its fine is outside it", benchmark)
    show.add_argument("case", metavar="CASE", help="case number")
    json_flag(show)
    imp = command("import", "benchmark:import_file",
                  "import the bureau's published list (CSV or XLSX, by extension) as a new "
                  "version; all rows or none", benchmark)
    imp.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    imp.add_argument("--effective-from", metavar="YYYY-MM-DD",
                     help="in force from this day (default: the file's 生效日期, else today)")
    imp.add_argument("--title", help="the list's title (default: the file name)")
    json_flag(imp)
    export = command("export", "benchmark:export",
                     "write a version as CSV or XLSX (by extension)", benchmark)
    export.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    export.add_argument("--version", type=bounded_int("--version", 1, MAX_VERSION), metavar="N",
                        help="default: the version in force today")
    json_flag(export)
    listing = command("list", "benchmark:list_offences",
                      "the offences, tiers and circumstances of a version", benchmark)
    listing.add_argument("--version", type=bounded_int("--version", 1, MAX_VERSION), metavar="N",
                         help="default: the version in force today")
    json_flag(listing)
    json_flag(command("versions", "benchmark:versions",
                      "every version, newest first, and which is in force", benchmark))
