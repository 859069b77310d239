"""Parsers for legal review of major decisions (lawdesk review …, lawdesk reviewer …)."""
from __future__ import annotations

import argparse

from lawdesk.arg_types import year

OUTCOMES = ("agreed", "supplement", "correct", "transfer")


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    _review(commands, command, json_flag)
    _reviewer(commands, command, json_flag)


def _case(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("case", metavar="CASE", help="the case number")
    return parser


def _review(commands, command, json_flag) -> None:  # noqa: ANN001
    review = commands.add_parser("review", help="legal review of major decisions (法制审核)"
                                 ).add_subparsers(dest="action", metavar="ACTION",
                                                  required=True)
    json_flag(_case(command("materials", "review:review_materials",
                            "the case's checklist of review materials (送审材料)", review)))
    attach = _case(command("attach", "review:review_attach",
                           "attach a PDF as one item of the review materials", review))
    attach.add_argument("--item", required=True,
                        help="report, draft_decision, evidence_list, legal_basis, "
                             "statements, hearing_record (or the Chinese title)")
    source = attach.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="FILE.pdf")
    source.add_argument("--generate", action="store_true",
                        help="make it from its template (the draft decision), unnumbered")
    json_flag(attach)
    json_flag(_case(command("submit", "review:review_submit",
                            "submit the case for legal review (refused while materials "
                            "are missing)", review)))
    json_flag(_case(command("start", "review:review_start",
                            "take a submitted case into review (reviewers)", review)))
    decide = _case(command("decide", "review:review_decide",
                           "record the review's outcome and opinion (reviewers)", review))
    decide.add_argument("--outcome", required=True, choices=OUTCOMES)
    decide.add_argument("--opinion", required=True, metavar="TEXT")
    decide.add_argument("--points", metavar="FILE.json",
                        help="the eight review points: {\"subject\": {\"result\": \"pass\", "
                             "\"text\": \"\"}, …}")
    json_flag(decide)
    disagree = _case(command("disagree", "review:review_disagree",
                             "the handler disagrees with the outcome: the bureau head "
                             "decides (协调)", review))
    disagree.add_argument("--reason", required=True, metavar="TEXT")
    json_flag(disagree)
    coordinate = _case(command("coordinate", "review:review_coordinate",
                               "the bureau head's decision on a disputed review", review))
    coordinate.add_argument("--outcome", required=True, choices=OUTCOMES)
    coordinate.add_argument("--opinion", required=True, metavar="TEXT")
    json_flag(coordinate)
    extend = _case(command("extend", "review:review_extend",
                           "extend the time limit once, with a reason (reviewers)", review))
    extend.add_argument("--reason", required=True, metavar="TEXT")
    json_flag(extend)
    listing = command("list", "review:review_list", "reviews, soonest due first", review)
    listing.add_argument("--overdue", action="store_true",
                         help="only those past their due day")
    json_flag(listing)
    json_flag(_case(command("show", "review:review_show",
                            "one case's review: state, steps, materials, points", review)))
    json_flag(_case(command("needs", "review:review_needs",
                            "which catalogue rules the case matches, and why", review)))
    facts = _case(command("facts", "review:review_facts",
                          "what the catalogue asks of a case: kinds of penalty, mitigated, "
                          "major social impact (options not given stay as they are)",
                          review))
    facts.add_argument("--penalty-kinds", metavar="KIND,KIND",
                       help="codes or Chinese names, comma separated, e.g. "
                            "fine,revoke_licence; \"\" for none")
    facts.add_argument("--mitigated", action=argparse.BooleanOptionalAction)
    facts.add_argument("--major-impact", action=argparse.BooleanOptionalAction,
                       help="of major public interest or social impact")
    json_flag(facts)
    rules = command("rules", "review:review_rules",
                    "the major-decision catalogue (重大执法决定目录清单) in force", review)
    rules.add_argument("--history", action="store_true", help="every version ever made")
    json_flag(rules)
    rule_set = command("rule-set", "review:review_rule_set",
                       "add a catalogue rule or a new version of one, from a JSON file "
                       "(the keys of resources/review/catalogue.toml)", review)
    rule_set.add_argument("--file", required=True, metavar="RULE.json")
    rule_set.add_argument("--effective", metavar="YYYY-MM-DD", help="default: today")
    json_flag(rule_set)
    retire = command("rule-retire", "review:review_rule_retire",
                     "take a rule out of the catalogue", review)
    retire.add_argument("code", metavar="CODE")
    retire.add_argument("--effective", metavar="YYYY-MM-DD", help="default: today")
    json_flag(retire)


def _reviewer(commands, command, json_flag) -> None:  # noqa: ANN001
    reviewer = commands.add_parser("reviewer", help="legal reviewers (法制审核人员)"
                                   ).add_subparsers(dest="action", metavar="ACTION",
                                                    required=True)
    qualify = command("qualify", "review:reviewer_qualify",
                      "record a reviewer's legal qualification", reviewer)
    qualify.add_argument("account", metavar="USER")
    basis = qualify.add_mutually_exclusive_group(required=True)
    basis.add_argument("--legal-cert", metavar="NUMBER",
                       help="法律职业资格 certificate number")
    basis.add_argument("--appointment", metavar="TEXT",
                       help="the training and appointment the bureau's rules accept")
    json_flag(qualify)
    json_flag(command("list", "review:reviewer_list",
                      "reviewers, their qualification and the staffing check", reviewer))
    training = reviewer.add_parser("training", help="reviewers' training records"
                                   ).add_subparsers(dest="training_action", metavar="ACTION",
                                                    required=True)
    add = command("add", "review:reviewer_training_add", "record a training", training)
    add.add_argument("account", metavar="USER")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--hours", required=True, metavar="H")
    add.add_argument("--subject", required=True, metavar="TEXT")
    add.add_argument("--provider", metavar="TEXT")
    json_flag(add)
    report = command("report", "review:reviewer_training_report",
                     "each reviewer's training hours in a year", training)
    report.add_argument("--year", type=year(), help="default: this year")
    json_flag(report)
