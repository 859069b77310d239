"""Parsers for the public lists (lawdesk list …) and the personnel lookup by certificate
number (lawdesk officer lookup, added by cli.build_parser to the officer commands)."""
from __future__ import annotations

import argparse

from lawdesk.arg_types import MAX_VERSION, bounded_int

# The kinds as public_lists.kinds.KINDS names them (checked by tests/public_lists): the
# service refuses any other with its own message, so only the help needs them here.
KIND_HELP = ("items (行政执法事项), subjects (主体资格), personnel (人员资格, export only), "
             "window_staff (窗口工作人员), inspection_items (随机抽查事项), service_guides "
             "(服务指南)")


def _kind(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="KIND", help=KIND_HELP)


def _version(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--version", type=bounded_int("--version", 1, MAX_VERSION),
                        metavar="N", help=text)


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    lists = commands.add_parser("list", help="public lists (事前公示清单)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    export = command("export", "lists:export",
                     "write a list as CSV or XLSX (by the suffix), Chinese column names in "
                     "the header row", lists)
    _kind(export)
    export.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    _version(export, "default: the version in force today")
    json_flag(export)
    imp = command("import", "lists:import_file",
                  "import a whole list (CSV in UTF-8 or GBK, or XLSX; Chinese column names "
                  "or English keys) as its next version; all rows or none", lists)
    _kind(imp)
    imp.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    imp.add_argument("--effective", metavar="YYYY-MM-DD",
                     help="in force from this day (default: today)")
    imp.add_argument("--approved-by", metavar="NAME",
                     help="who approved this version, e.g. 局长办公会 (default: you)")
    imp.add_argument("--note", help="what changed and why")
    json_flag(imp)
    json_flag(_with_kind(command("versions", "lists:versions",
                                 "a list's versions, newest first", lists)))
    compare = command("diff", "lists:diff",
                      "rows added, removed and changed from version A to version B", lists)
    _kind(compare)
    for name in ("a", "b"):
        compare.add_argument(name, metavar=name.upper(),
                             type=bounded_int(name.upper(), 1, MAX_VERSION))
    json_flag(compare)
    show = command("show", "lists:show", "the rows of a list", lists)
    _kind(show)
    _version(show, "default: the version in force today (--on: on that day)")
    show.add_argument("--on", metavar="YYYY-MM-DD", help="the version in force on this day")
    json_flag(show)


def _with_kind(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    _kind(parser)
    return parser


def add_officer_lookup(officer, command, json_flag) -> None:  # noqa: ANN001
    """``lawdesk officer lookup CERT``: the public facts of a certificate (measure 5)."""
    lookup = command("lookup", "lists:officer_lookup",
                     "what the public may see of a certificate number: name, unit, category, "
                     "area, validity (exit 1: no such certificate)", officer)
    lookup.add_argument("cert", metavar="CERT_NUMBER")
    json_flag(lookup)
