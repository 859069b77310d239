"""Parsers for results disclosure (lawdesk disclosure …)."""
from __future__ import annotations

from lawdesk.arg_types import year

RULE_OPTIONS = (("--deadline-workdays", "deadline_workdays", "working days to publish within"),
                ("--withdrawal-workdays", "withdrawal_workdays",
                 "working days to withdraw within once a decision changed (3; some provinces 5)"),
                ("--online-years", "online_years", "years a published record stays online"),
                ("--person-online-years", "person_online_years",
                 "years a natural person's record stays online"))


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    disclosure = commands.add_parser(
        "disclosure", help="results disclosure (执法结果公示)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = command("list", "disclosure:disclosure_list",
                      "disclosure records with their deadlines, the nearest first", disclosure)
    listing.add_argument("--due-within", type=int, metavar="N",
                         help="only records not yet published that are due within N working "
                              "days (overdue ones included)")
    listing.add_argument("--overdue", action="store_true",
                         help="only records past their deadline and not published")
    listing.add_argument("--status", choices=("drafted", "reviewed", "published", "withdrawn",
                                              "expired"))
    json_flag(listing)
    show = command("show", "disclosure:disclosure_show",
                   "a record as it would be published (masked); without --json also the "
                   "original beside it", disclosure)
    show.add_argument("id", metavar="ID", help="record id or document number (文号)")
    json_flag(show)
    for name, text in (("approve", "approve a drafted record for release (审核)"),
                       ("publish", "publish an approved record today")):
        one = command(name, f"disclosure:disclosure_{name}", text, disclosure)
        one.add_argument("id", metavar="ID")
        json_flag(one)
    withdraw = command("withdraw", "disclosure:disclosure_withdraw",
                       "withdraw a published record; the reason is published with the "
                       "withdrawal notice", disclosure)
    withdraw.add_argument("id", metavar="ID")
    withdraw.add_argument("--reason", required=True)
    withdraw.add_argument("--changed-on", metavar="YYYY-MM-DD",
                          help="when the decision was changed, revoked or found void "
                               "(default: as noted before, else today)")
    json_flag(withdraw)
    changed = command("changed", "disclosure:disclosure_changed",
                      "note that a published decision was changed, revoked or found void: "
                      "it is then due for withdrawal", disclosure)
    changed.add_argument("id", metavar="ID")
    changed.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    changed.add_argument("--reason", required=True)
    json_flag(changed)
    withhold = command("withhold", "disclosure:disclosure_withhold",
                       "mark a record never to be published", disclosure)
    withhold.add_argument("id", metavar="ID")
    withhold.add_argument("--reason", required=True, choices=("minor", "secret", "privacy"))
    json_flag(withhold)
    revise = command("revise", "disclosure:disclosure_revise",
                     "correct a draft before release (it is reviewed again)", disclosure)
    revise.add_argument("id", metavar="ID")
    revise.add_argument("--set", action="append", default=[], metavar="FIELD=TEXT",
                        help="replace a field's original text (masked like the rest)")
    revise.add_argument("--mask-name", action="append", default=None, metavar="NAME",
                        help="another natural person named in the text: masked everywhere")
    json_flag(revise)
    draft = command("draft", "disclosure:disclosure_draft",
                    "draft the disclosure of a case's decision by hand (when it did not "
                    "draft itself)", disclosure)
    draft.add_argument("case", metavar="CASE_NUMBER")
    export = command("export", "disclosure:disclosure_export",
                     "write the portal's static site and JSON feed into a folder", disclosure)
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--since", metavar="YYYY-MM-DD",
                        help="state the changes since this day (default: since the last "
                             "export to the folder)")
    json_flag(export)
    json_flag(command("push", "disclosure:disclosure_push",
                      "publish through HQ: send this workstation's records to the "
                      "bureau-wide feed HQ keeps now, and confirm each entry there (exit 1 "
                      "when HQ lacks one)", disclosure))
    stats = command("stats", "disclosure:disclosure_stats",
                    "the year's disclosure statistics (counts, on-time rate, withdrawals)",
                    disclosure)
    stats.add_argument("--year", required=True, type=year())
    stats.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv")
    json_flag(stats)
    json_flag(command("rules", "disclosure:disclosure_rules", "list the disclosure rules",
                      disclosure))
    rule_set = command("rule-set", "disclosure:disclosure_rule_set",
                       "change a disclosure rule's limits or switches", disclosure)
    rule_set.add_argument("code")
    for option, dest, text in RULE_OPTIONS:
        rule_set.add_argument(option, dest=dest, type=int, help=text)
    rule_set.add_argument("--id-number-mask", dest="id_number_mask",
                          choices=("partial", "full"))
    switch = rule_set.add_mutually_exclusive_group()
    switch.add_argument("--disclosed", dest="disclosed", action="store_true", default=None)
    switch.add_argument("--not-disclosed", dest="disclosed", action="store_false")
    json_flag(rule_set)

