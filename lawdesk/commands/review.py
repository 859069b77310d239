"""`lawdesk review …` and `lawdesk reviewer …`: legal review of major decisions, its
catalogue, and the reviewers' qualifications and training.

A refusal exits 1 with one line naming the rule; --json goes to standard output.
"""
from __future__ import annotations

import argparse
from typing import Any

from lawdesk.commands.common import (cells, language, login, open_workspace, parse_date, print_json,
                                     print_rows, say)


def _read(path: str, workspace) -> bytes:  # noqa: ANN001
    from core.user_files import read_limited
    from review.materials import MAX_BYTES
    return read_limited(path, MAX_BYTES)  # a file over the limit is refused unread


def _json_file(path: str, workspace) -> Any:  # noqa: ANN001, ANN401
    from core.user_files import read_json_file
    return read_json_file(path)


def _print_detail(args: argparse.Namespace, workspace, detail) -> None:  # noqa: ANN001
    lang = language(workspace)
    if args.json:
        print_json(detail.as_json(lang))
        return
    row = detail.row
    due = f"  {say('期限', 'due', workspace)} {row.due_on}" if row.due_on else ""
    late = say("（已逾期）", " (overdue)", workspace) if row.overdue else ""
    print(f"{row.case_number}  {row.state_name(lang)}{due}{late}")
    warning = row.warning(lang)
    if warning:
        print(f"lawdesk: {warning}")


# ----------------------------------------------------------------------------- review
def review_materials(args: argparse.Namespace) -> int:
    from review.materials import list_materials
    workspace = open_workspace(args)
    rows = list_materials(login(args, workspace), args.case)
    lang = language(workspace)
    print_rows(args, rows, lang, lambda s: cells(
        s.item.code, s.item.title(lang), say("必需", "required", workspace) if s.required else "-",
        s.file_name or say("（缺）", "(missing)", workspace)))
    return 0


def review_attach(args: argparse.Namespace) -> int:
    from casework.documents import DocumentArchive
    from review.materials import attach_generated, attach_material
    workspace = open_workspace(args)
    data = None if args.generate else _read(args.file, workspace)
    ctx = login(args, workspace)
    archive = DocumentArchive(workspace.documents_dir)
    if args.generate:
        rows = attach_generated(ctx, archive, args.case, args.item)
    else:
        from core.user_files import printable_name  # a GBK name on a UTF-8 system, kept
        rows = attach_material(ctx, archive, args.case, args.item, data,
                               printable_name(args.file))
    lang = language(workspace)
    if args.json:
        print_json([s.as_json(lang) for s in rows])
    else:
        missing = [s.item.title(lang) for s in rows if s.required and not s.present]
        print(say("已附送审材料；尚缺：" + ("、".join(missing) or "无"),
                  "Attached; still missing: " + (", ".join(missing) or "nothing"), workspace))
    return 0


def _act(args: argparse.Namespace, call) -> int:  # noqa: ANN001
    """Run ``call(ctx)`` as --user and print the case's review it returns."""
    workspace = open_workspace(args)
    _print_detail(args, workspace, call(login(args, workspace)))
    return 0


def review_submit(args: argparse.Namespace) -> int:
    from review.workflow import submit_review
    return _act(args, lambda ctx: submit_review(ctx, args.case))


def review_start(args: argparse.Namespace) -> int:
    from review.workflow import start_review
    return _act(args, lambda ctx: start_review(ctx, args.case))


def review_decide(args: argparse.Namespace) -> int:
    from review.workflow import decide_review
    points = None if args.points is None else _json_file(args.points, None)
    return _act(args, lambda ctx: decide_review(ctx, args.case, args.outcome, args.opinion,
                                                points))


def review_disagree(args: argparse.Namespace) -> int:
    from review.workflow import disagree_review
    return _act(args, lambda ctx: disagree_review(ctx, args.case, args.reason))


def review_coordinate(args: argparse.Namespace) -> int:
    from review.workflow import coordinate_review
    return _act(args, lambda ctx: coordinate_review(ctx, args.case, args.outcome,
                                                    args.opinion))


def review_extend(args: argparse.Namespace) -> int:
    from review.workflow import extend_review
    return _act(args, lambda ctx: extend_review(ctx, args.case, args.reason))


def review_show(args: argparse.Namespace) -> int:
    from review.queries import review_detail
    return _act(args, lambda ctx: review_detail(ctx, args.case))


def review_list(args: argparse.Namespace) -> int:
    from review.queries import list_reviews
    workspace = open_workspace(args)
    rows = list_reviews(login(args, workspace), overdue=args.overdue)
    lang = language(workspace)
    print_rows(args, rows, lang, lambda r: cells(
        r.case_number, r.state_name(lang), r.due_on or "-",
        say("逾期", "overdue", workspace) if r.overdue else ""))
    if not args.json:
        late = [r.case_number for r in rows if r.overdue]
        if late:  # the warning a person at the terminal must not miss
            print("lawdesk: " + say(f"{len(late)} 件法制审核已逾期：{'、'.join(late)}",
                                    f"{len(late)} legal review(s) overdue: {', '.join(late)}",
                                    workspace))
    return 0


def review_needs(args: argparse.Namespace) -> int:
    from review.matching import needs_review
    workspace = open_workspace(args)
    need = needs_review(login(args, workspace), args.case)
    lang = language(workspace)
    if args.json:
        print_json(need.as_json(lang))
    elif not need.needed:
        print(say(f"案件 {need.case_number} 不属于重大执法决定目录",
                  f"Case {need.case_number} matches no rule of the catalogue", workspace))
    else:
        for match in need.matches:
            print(cells(match.code, match.name(lang), "；".join(match.reasons(lang))))
    return 0


def review_facts(args: argparse.Namespace) -> int:
    from review.case_facts import set_decision_facts
    workspace = open_workspace(args)
    kinds = None if args.penalty_kinds is None else args.penalty_kinds.split(",")
    facts = set_decision_facts(login(args, workspace), args.case, penalty_kinds=kinds,
                               mitigated=args.mitigated,
                               major_social_impact=args.major_impact)
    if args.json:
        print_json(facts.as_json(language(workspace)))
    else:
        print(facts.as_json(language(workspace))["penalty_kind_names"] or "-")
        if facts.sent_back:
            print(say("处罚内容已变更，法制审核已退回，须重新送审",
                      "The penalty changed: the legal review went back and must be "
                      "submitted again", workspace))
    return 0


def review_rules(args: argparse.Namespace) -> int:
    from review.catalogue import list_rules
    workspace = open_workspace(args)
    rules = list_rules(login(args, workspace), history=args.history)
    lang = language(workspace)
    print_rows(args, rules, lang, lambda r: cells(
        r.code, f"v{r.version}", r.effective_from,
        r.name(lang) + ("" if r.active else say("（已停用）", " (retired)", workspace))))
    return 0


def review_rule_set(args: argparse.Namespace) -> int:
    from review.catalogue import set_rule
    workspace = open_workspace(args)
    data = _json_file(args.file, workspace)
    effective = parse_date(args.effective, "--effective", workspace)
    rule = set_rule(login(args, workspace), data, effective_from=effective)
    return _print_rule(args, workspace, rule)


def review_rule_retire(args: argparse.Namespace) -> int:
    from review.catalogue import retire_rule
    workspace = open_workspace(args)
    effective = parse_date(args.effective, "--effective", workspace)
    rule = retire_rule(login(args, workspace), args.code, effective_from=effective)
    return _print_rule(args, workspace, rule)


def _print_rule(args: argparse.Namespace, workspace, rule) -> int:  # noqa: ANN001
    if args.json:
        print_json(rule.as_json(language(workspace)))
    else:
        print(say(f"目录规则 {rule.code} 第 {rule.version} 版，自 {rule.effective_from} 起施行",
                  f"Catalogue rule {rule.code} version {rule.version}, in force from "
                  f"{rule.effective_from}", workspace))
    return 0


# ----------------------------------------------------------------------------- reviewers
def reviewer_qualify(args: argparse.Namespace) -> int:
    from review.reviewers import qualify_reviewer
    workspace = open_workspace(args)
    info = qualify_reviewer(login(args, workspace), args.account,
                            legal_certificate=args.legal_cert, appointment=args.appointment)
    lang = language(workspace)
    if args.json:
        print_json(info.as_json(lang))
    elif info.qualified:
        print(say(f"{info.username} 可出具法制审核意见", f"{info.username} may give legal-review "
                  "opinions", workspace))
    else:
        print(say(f"已登记；{info.username} 尚不能审核：", f"Recorded; {info.username} may not "
                  "review yet: ", workspace) + "；".join(info.as_json(lang)["problems"]))
    return 0


def reviewer_list(args: argparse.Namespace) -> int:
    from review.reviewers import list_reviewers, staffing_check
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    rows, staffing = list_reviewers(ctx), staffing_check(ctx)
    lang = language(workspace)
    if args.json:
        print_json({"reviewers": [r.as_json(lang) for r in rows],
                    "staffing": staffing.as_json(lang)})
        return 0
    for row in rows:
        state = say("合格", "qualified", workspace) if row.qualified else "；".join(
            row.as_json(lang)["problems"])
        print(cells(row.username, row.officer_name or "-", state))
    if staffing.short:
        print(f"lawdesk: {staffing.warning(lang)}")
    return 0


def reviewer_training_add(args: argparse.Namespace) -> int:
    from review.reviewers import add_training
    workspace = open_workspace(args)
    held_on = parse_date(args.date, "--date", workspace)
    record = add_training(login(args, workspace), args.account, held_on, args.hours,
                          args.subject, args.provider)
    if args.json:
        print_json(record.as_json())
    else:
        print(say(f"已登记 {record.username} 的培训：{record.held_on} {record.subject}"
                  f"（{record.hours} 学时）",
                  f"Recorded {record.username}'s training: {record.held_on} {record.subject} "
                  f"({record.hours} hours)", workspace))
    return 0


def reviewer_training_report(args: argparse.Namespace) -> int:
    from review.reviewers import training_report
    workspace = open_workspace(args)
    year = args.year or workspace.clock.today().year
    rows = training_report(login(args, workspace), year)
    print_rows(args, rows, language(workspace), lambda r: cells(
        r.username, r.year, r.sessions, r.hours))
    return 0
