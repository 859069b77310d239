"""`lawdesk compliance …` (the per-case recording check, its findings, reasons and
acknowledgements, the audio-video item list), `lawdesk retention …` (what is due, the
four-eyes purge) and `lawdesk hold …` (legal holds): issue 19."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (cells, language, login, open_workspace, parse_date,
                                     print_json, say)


def check(args: argparse.Namespace) -> int:
    from compliance.findings import check_case
    workspace = open_workspace(args)
    lang = language(workspace)
    result = check_case(login(args, workspace), args.case, lang)
    if args.json:
        print_json(result.as_json(lang))
        return 0
    verdict = say("符合音像记录要求", "complies with the recording rules", workspace) \
        if result.complies else say(f"有 {result.open} 项未处理的问题",
                                    f"{result.open} open findings", workspace)
    print(cells(result.case, verdict))
    for finding in result.findings:
        print(cells(finding["status"], finding["kind_name"], finding["step_name"],
                    finding["detail"]))
    return 0


def list_findings(args: argparse.Namespace) -> int:
    from compliance.findings import list_findings as findings
    workspace = open_workspace(args)
    lang = language(workspace)
    rows = findings(login(args, workspace), only_open=args.open, language=lang)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(cells(row["case"], row["status"], row["kind_name"], row["step_name"],
                    row["detail"]))
    return 0


def excuse(args: argparse.Namespace) -> int:
    from compliance.decisions import approve_reason
    workspace = open_workspace(args)
    result = approve_reason(login(args, workspace), args.case, args.step, args.reason)
    if args.json:
        print_json(result.as_json())
    else:
        print(say(f"已批准案件 {result.case}“{result.step}”环节的缺失理由，{result.excused} 项问题已免除",
                  f"Approved the reason for the step '{result.step}' of case {result.case}; "
                  f"{result.excused} findings excused", workspace))
    return 0


def acknowledge(args: argparse.Namespace) -> int:
    from compliance.decisions import acknowledge as accept
    workspace = open_workspace(args)
    result = accept(login(args, workspace), args.case, args.reason)
    if args.json:
        print_json(result.as_json())
    else:
        print(say(f"已确认案件 {result.case} 的 {len(result.findings)} 项音像记录问题，可以结案",
                  f"Accepted {len(result.findings)} recording findings of case {result.case}; "
                  "it may be closed", workspace))
    return 0


def items(args: argparse.Namespace) -> int:
    from compliance.items import list_items
    on = parse_date(args.on, "--on")
    workspace = open_workspace(args)
    lang = language(workspace)
    found = list_items(login(args, workspace), on)
    if args.json:
        print_json(found.as_json())
        return 0
    for item in found.items:
        print(cells(item.case_type, item.step, item.activity(lang), item.mode_label(lang),
                    "、".join(item.capture), item.source))
    return 0


def items_import(args: argparse.Namespace) -> int:
    from compliance.items import import_items
    effective = parse_date(args.effective, "--effective")
    workspace = open_workspace(args)
    found = import_items(login(args, workspace), Path(args.file), effective_from=effective,
                         approved_by=args.approved_by, note=args.note)
    if args.json:
        print_json(found.as_json())
    else:
        print(say(f"已导入第 {found.number} 版（{len(found.items)} 项），{found.effective_from} 起施行",
                  f"Imported version {found.number} ({len(found.items)} items), in force from "
                  f"{found.effective_from}", workspace))
    return 0


def retention_due(args: argparse.Namespace) -> int:
    from evidence.retention import due
    workspace = open_workspace(args)
    lang = language(workspace)
    rows = due(login(args, workspace))
    if args.json:
        print_json([r.as_json(lang) for r in rows])
        return 0
    for row in rows:
        print(cells(row.sha256, row.size, row.original_name, row.retention_class,
                    row.keep_until, row.reason(lang)))
    return 0


def retention_purge(args: argparse.Namespace) -> int:
    from evidence.purge import approve_purge, cancel_purge, start_purge
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    if args.approve:
        run = approve_purge(ctx, workspace.store)
        text = say(f"已清理 {len(run.removed)} 个文件（发起：{run.created_by}，批准：{run.approved_by}），"
                   f"{len(run.skipped)} 个因情况变化保留",
                   f"Removed {len(run.removed)} files (started by {run.created_by}, approved by "
                   f"{run.approved_by}); {len(run.skipped)} kept as things changed", workspace)
    elif args.cancel:
        run = cancel_purge(ctx)
        text = say("已撤销等待批准的清理", "Cancelled the waiting purge", workspace)
    else:
        run = start_purge(ctx, workspace.store)
        text = say(f"已发起清理 {len(run.items)} 个到期文件，须由另一名管理员执行 "
                   "lawdesk retention purge --approve",
                   f"Started a purge of {len(run.items)} due files; a different admin carries it "
                   "out with lawdesk retention purge --approve", workspace)
    if args.json:
        print_json(run.as_json())
    else:
        print(text)
    return 0


def hold_add(args: argparse.Namespace) -> int:
    from evidence.holds import add_hold
    workspace = open_workspace(args)
    hold = add_hold(login(args, workspace), case=args.case, sha256=args.sha256,
                    reason=args.reason)
    if args.json:
        print_json(hold.as_json())
    else:
        print(say(f"已设置保全：{hold.case or hold.sha256}", f"Legal hold placed on "
                  f"{hold.case or hold.sha256}", workspace))
    return 0


def hold_remove(args: argparse.Namespace) -> int:
    from evidence.holds import remove_hold
    workspace = open_workspace(args)
    released = remove_hold(login(args, workspace), case=args.case, sha256=args.sha256,
                           reason=args.reason)
    if args.json:
        print_json([h.as_json() for h in released])
    else:
        target = args.case or args.sha256
        print(say(f"已解除 {target} 的 {len(released)} 项保全",
                  f"Released {len(released)} legal holds on {target}", workspace))
    return 0


def hold_list(args: argparse.Namespace) -> int:
    from evidence.holds import list_holds
    workspace = open_workspace(args)
    holds = list_holds(login(args, workspace), include_released=args.all)
    if args.json:
        print_json([h.as_json() for h in holds])
        return 0
    for hold in holds:
        print(cells(hold.case or hold.sha256, hold.reason, hold.placed_by,
                    workspace.clock.local(hold.placed_at).strftime("%Y-%m-%d %H:%M"),
                    hold.released_at and workspace.clock.local(hold.released_at)
                    .strftime("%Y-%m-%d %H:%M")))
    return 0
