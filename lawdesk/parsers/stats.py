"""Parsers for the recording statistics (lawdesk stats …): the figures of a range, the list
behind one figure, the workbook or PDF, and the annual report. The keys of `stats --json`
are documented in compliance.statistics and the README ("Recording statistics")."""
from __future__ import annotations

import argparse

from lawdesk.arg_types import year

FIGURE_HELP = ("footage_count, late_offloads, cases, cases_noncomplying, findings_open, "
               "documents_issued, reviews_overdue, disclosures_overdue")


def _range(parser: argparse.ArgumentParser, *, keep_parent: bool = False) -> None:
    # Under `stats export` and `stats list` the range may be given before or after the
    # action's name: SUPPRESS keeps a value given before from being reset by the action.
    default = argparse.SUPPRESS if keep_parent else None
    parser.add_argument("--from", dest="since", metavar="YYYY-MM-DD", default=default,
                        help="the first day counted (Beijing time)")
    parser.add_argument("--to", dest="until", metavar="YYYY-MM-DD", default=default,
                        help="the last day counted, included")
    parser.add_argument("--unit", metavar="UNIT", default=default,
                        help="only this unit (name or short name)")


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    stats = command("stats", "stats:show",
                    "recording statistics (执法记录统计) of a range of days: footage, offload "
                    "delays, cases and their recording compliance, devices against the "
                    "ratio standard, documents, reviews and disclosures; per unit, officer "
                    "and device type")
    _range(stats)
    json_flag(stats)
    actions = stats.add_subparsers(dest="stats_action", metavar="ACTION")
    export = command("export", "stats:export",
                     "write the statistics of the range as a workbook (.xlsx) or a PDF "
                     "report (.pdf), by the suffix", actions)
    export.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    _range(export, keep_parent=True)
    json_flag(export)
    listing = command("list", "stats:list_rows", "the list behind one figure (at most 500 rows, "
                      "with the full count)", actions)
    listing.add_argument("figure", metavar="FIGURE", help=FIGURE_HELP)
    _range(listing, keep_parent=True)
    group = listing.add_mutually_exclusive_group()
    group.add_argument("--officer", metavar="CERT_NUMBER", help="only this officer's rows")
    group.add_argument("--device-type", metavar="CODE", help="only this device type's footage")
    json_flag(listing)
    annual = command("annual", "stats:annual",
                     "the annual report on whole-process recording (PDF, in Chinese)", actions)
    annual.add_argument("--year", required=True, type=year())
    annual.add_argument("--out", required=True, metavar="FILE.pdf")
    annual.add_argument("--unit", metavar="UNIT", default=argparse.SUPPRESS,
                        help="only this unit")
    json_flag(annual)
