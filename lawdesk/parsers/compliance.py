"""Parsers for recording compliance (lawdesk compliance …), retention and purges (lawdesk
retention …) and legal holds (lawdesk hold …), issue 19."""
from __future__ import annotations

import argparse


def _target(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="N", help="a case, by its number")
    which.add_argument("--sha256", metavar="H", help="one stored file, by its SHA-256")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="why (recorded)")


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    compliance = commands.add_parser(
        "compliance", help="recording compliance (音像记录合规)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    check = command("check", "compliance:check",
                    "re-check a case against the audio-video item list and show its findings "
                    "(JSON: complies is false while a finding is open)", compliance)
    check.add_argument("case", metavar="CASE")
    json_flag(check)
    listing = command("list", "compliance:list_findings",
                      "findings of all cases (open, excused and accepted ones)", compliance)
    listing.add_argument("--open", action="store_true", help="only the open findings")
    json_flag(listing)
    excuse = command("excuse", "compliance:excuse",
                     "approve, as a section head, why a step has no (unbroken) recording: its "
                     "findings become excused", compliance)
    excuse.add_argument("case", metavar="CASE")
    excuse.add_argument("--step", required=True, help="the step (code or Chinese name)")
    excuse.add_argument("--reason", required=True, metavar="TEXT",
                        help="e.g. 记录仪现场故障，已报修")
    json_flag(excuse)
    ack = command("acknowledge", "compliance:acknowledge",
                  "accept a case's open findings so that it may be closed (who, when, why)",
                  compliance)
    ack.add_argument("case", metavar="CASE")
    ack.add_argument("--reason", required=True, metavar="TEXT")
    json_flag(ack)
    items = command("items", "compliance:items",
                    "the audio-video item list in force (音像记录事项清单)", compliance)
    items.add_argument("--on", metavar="YYYY-MM-DD", help="in force on this day (default today)")
    json_flag(items)
    imp = command("items-import", "compliance:items_import",
                  "import a whole item list (TOML, as resources/recording/items.toml) as its "
                  "next version", compliance)
    imp.add_argument("file", metavar="FILE.toml")
    imp.add_argument("--effective", metavar="YYYY-MM-DD", help="in force from (default today)")
    imp.add_argument("--approved-by", metavar="NAME", help="who approved it (default: you)")
    imp.add_argument("--note")
    json_flag(imp)

    retention = commands.add_parser(
        "retention", help="footage retention and purges (音像资料保存与清理)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    json_flag(command("due", "compliance:retention_due",
                      "stored files past their retention, with their class and reason",
                      retention))
    purge = command("purge", "compliance:retention_purge",
                    "start a purge of what is due (one admin); --approve: carry it out (a "
                    "different admin)", retention)
    how = purge.add_mutually_exclusive_group()
    how.add_argument("--approve", action="store_true",
                     help="approve and carry out the waiting purge (not the admin who started it)")
    how.add_argument("--cancel", action="store_true", help="cancel the waiting purge")
    json_flag(purge)

    hold = commands.add_parser("hold", help="legal holds (保全)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    for name, text in (("add", "place a legal hold: nothing it covers is purged"),
                       ("remove", "release the legal holds on a case or a file")):
        sub = command(name, f"compliance:hold_{name}", text, hold)
        _target(sub)
        json_flag(sub)
    holds = command("list", "compliance:hold_list", "legal holds in force", hold)
    holds.add_argument("--all", action="store_true", help="released ones too")
    json_flag(holds)
