"""`lawdesk draw …`: double-random inspection tasks, the witnessed draw, its verification
(from the data folder, or from an exported file on any machine) and the results."""
from __future__ import annotations

import argparse

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, say)


def _redraw_reason(args: argparse.Namespace, workspace) -> str | None:  # noqa: ANN001
    if args.redraw and not (args.reason or "").strip():
        raise CommandError(say("重新抽取须用 --reason 说明理由",
                               "a redraw needs its reason: add --reason TEXT", workspace))
    if args.reason and not args.redraw:
        raise CommandError(say("--reason 只用于重新抽取（--redraw）",
                               "--reason goes with --redraw only", workspace))
    return args.reason if args.redraw else None


def _print_drawn(args: argparse.Namespace, ctx, task: str, number: int,  # noqa: ANN001
                 workspace) -> None:  # noqa: ANN001
    from inspections.records import drawn_json, task_detail
    lang = language(workspace)
    drawn = drawn_json(task_detail(ctx, task, lang), number)
    if args.json:
        print_json(drawn)
        return
    print(say(f"抽查任务 {drawn['task']} 第 {number} 次抽取，种子 {drawn['seed']}",
              f"Task {drawn['task']}, draw {number}, seed {drawn['seed']}", workspace))
    for target in drawn["targets"]:
        print(cells(target["uscc"], target["name"], "、".join(target["inspectors"])))
    print(say(f"复核：lawdesk draw verify {drawn['task']}",
              f"To re-check: lawdesk draw verify {drawn['task']}", workspace))


def draw_new(args: argparse.Namespace) -> int:
    from inspections.recusal_file import read_recusals
    from inspections.tasks import create_task, new_draw, read_spec
    workspace = open_workspace(args)
    # The file and the options are checked before the password is: a bad row is found
    # without anyone logging in, and nothing is written either way.
    reason = _redraw_reason(args, workspace)
    spec = read_spec(args.item, args.targets, ratio=args.ratio, count=args.count,
                     unit=args.unit,
                     recusals=read_recusals(args.recusals) if args.recusals else ())
    ctx = login(args, workspace)
    if args.seed_text is None:
        if reason is not None:
            raise CommandError(say("重新抽取须给出 --seed-text", "a redraw needs --seed-text",
                                   workspace))
        number = create_task(ctx, spec)
        if args.json:
            print_json({"task": number, "seed": None, "targets": []})
        else:
            print(say(f"已建立抽查任务 {number}（尚未抽取）：可登记回避后执行 "
                      f"lawdesk draw run {number} --seed-text 文字",
                      f"Recorded task {number} (not drawn yet): record recusals, then "
                      f"lawdesk draw run {number} --seed-text TEXT", workspace))
        return 0
    task, number = new_draw(ctx, spec, args.seed_text, redraw_reason=reason)
    _print_drawn(args, ctx, task, number, workspace)
    return 0


def draw_run(args: argparse.Namespace) -> int:
    from inspections.tasks import draw_task
    workspace = open_workspace(args)
    reason = _redraw_reason(args, workspace)
    ctx = login(args, workspace)
    task, number = draw_task(ctx, args.task, args.seed_text, redraw_reason=reason)
    _print_drawn(args, ctx, task, number, workspace)
    return 0


def draw_recuse(args: argparse.Namespace) -> int:
    from inspections.tasks import add_recusal
    workspace = open_workspace(args)
    add_recusal(login(args, workspace), args.task, args.officer, args.uscc, args.reason)
    print(say(f"已登记回避：{args.officer} 不检查 {args.uscc.strip()}",
              f"Recusal recorded: {args.officer} will not inspect {args.uscc.strip()}",
              workspace))
    return 0


def draw_verify(args: argparse.Namespace) -> int:
    from inspections.verification import verify_file, verify_task
    if args.file:
        workspace = None
        check = verify_file(args.file)
    else:
        workspace = open_workspace(args)
        check = verify_task(login(args, workspace), args.task)
    lang = language(workspace)
    if args.json:
        print_json(check.as_json(lang))
    else:
        for draw in check.draws:
            if draw.ok:
                print(say(f"{check.task} 第 {draw.number} 次抽取：一致（种子 {draw.seed}）",
                          f"{check.task} draw {draw.number}: the same (seed {draw.seed})",
                          workspace))
            else:
                print(say(f"{check.task} 第 {draw.number} 次抽取：不一致",
                          f"{check.task} draw {draw.number}: DIFFERS", workspace))
                for text in draw.as_json(lang)["differences"]:
                    print(f"  {text}")
    return 0 if check.ok else 1


def draw_export(args: argparse.Namespace) -> int:
    from inspections.verification import export_task
    workspace = open_workspace(args)
    path = export_task(login(args, workspace), args.task, args.out)
    print(say(f"已写出 {path}：可在任何电脑上用 lawdesk draw verify --file {path} 复核",
              f"Wrote {path}: re-check it anywhere with lawdesk draw verify --file {path}",
              workspace))
    return 0


def draw_show(args: argparse.Namespace) -> int:
    from inspections.records import task_detail
    workspace = open_workspace(args)
    lang = language(workspace)
    detail = task_detail(login(args, workspace), args.task, lang)
    if args.json:
        print_json(detail)
        return 0
    item = detail["item"]
    print(cells(detail["task"], item.get("code"), item.get("content"),
                detail["ratio"] or detail["count"], detail["pool"]))
    for recusal in detail["recusals"]:
        print(say("回避", "recusal", workspace) + "\t" +
              cells(recusal["certificate"], recusal["uscc"], recusal["reason"]))
    for draw in detail["draws"]:
        state = say("已作废", "superseded", workspace) if draw["superseded"] else \
            say("有效", "in force", workspace)
        print(cells(draw["draw"], state, draw["drawn_at"], draw["seed"], draw["seed_text"],
                    draw["redraw_reason"]))
        for target in draw["targets"]:
            result = target["result"]["text"] if target["result"] else ""
            print("  " + cells(target["uscc"], target["name"], "、".join(target["inspectors"]),
                               result))
    return 0


def draw_list(args: argparse.Namespace) -> int:
    from inspections.records import list_tasks
    workspace = open_workspace(args)
    lang = language(workspace)
    rows = list_tasks(login(args, workspace), lang)
    if args.json:
        print_json([row.as_json(lang) for row in rows])
    else:
        for row in rows:
            print(cells(row.number, row.item_code, row.item_content, row.selection,
                        row.target_count, row.draws, row.seed, f"{row.results}/{row.drawn}"))
    return 0


def draw_result(args: argparse.Namespace) -> int:
    from inspections.results import record_result
    workspace = open_workspace(args)
    record_result(login(args, workspace), args.task, args.uscc, outcome=args.outcome,
                  officer=args.officer, inspected_on=parse_date(args.on, "--on", workspace),
                  case_number=args.case, rectification=args.rectification, note=args.note)
    print(say(f"已登记 {args.uscc.strip()} 的检查结果", f"Result recorded for "
              f"{args.uscc.strip()}", workspace))
    return 0
