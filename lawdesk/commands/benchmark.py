"""`lawdesk benchmark …`: discretion benchmarks (行政处罚裁量基准): the suggestion for an
offence and its circumstances, a case's choice, and the published list in and out."""
from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say)


def _base_amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    from review.benchmarks import parse_number
    from casework.inputs import AMOUNT_LIMIT
    try:
        amount = parse_number(text)
    except ValueError:
        raise CommandError(say(f"--base-amount 的金额“{text}”无效", f"--base-amount: '{text}' "
                               "is not an amount")) from None
    if amount >= AMOUNT_LIMIT:  # 1e309 would end in a decimal error when the range is worked
        raise CommandError(say(f"--base-amount 的金额“{text[:40]}”超出范围",
                               f"--base-amount: '{text[:40]}' is out of range"))
    return amount


def suggest(args: argparse.Namespace) -> int:
    from review.benchmarks import suggest as suggest_range
    base, on = _base_amount(args.base_amount), parse_date(args.on, "--on")
    workspace = open_workspace(args)
    lang = language(workspace)
    found = suggest_range(login(args, workspace), args.offence, args.circumstance,
                          base_amount=base, on=on)
    if args.json:
        print_json(found.as_json(lang))
    else:
        print(say(f"{found.range_text()}（{found.offence_code}，裁量基准第 {found.version} 版）",
                  f"{found.range_text('en')} ({found.offence_code}, benchmark version "
                  f"{found.version})", workspace))
        print(found.basis)
    return 0


def _print_choice(args: argparse.Namespace, workspace, choice) -> None:  # noqa: ANN001
    lang = language(workspace)
    if args.json:
        print_json(choice.as_json(lang))
        return
    print(say(f"案件 {choice.case_number}：{choice.offence_code} {choice.range_text()}",
              f"Case {choice.case_number}: {choice.offence_code} {choice.range_text('en')}",
              workspace))
    if choice.outside:
        print(say(f"需法制审核：{choice.outside}", f"Needs legal review: {choice.outside}",
                  workspace))


def choose(args: argparse.Namespace) -> int:
    from review.benchmarks import choose_for_case
    base = _base_amount(args.base_amount)
    workspace = open_workspace(args)
    choice = choose_for_case(login(args, workspace), args.case, args.offence, args.circumstance,
                             args.reason, base_amount=base, language=language(workspace))
    _print_choice(args, workspace, choice)
    return 0


def case_choice(args: argparse.Namespace) -> int:
    from review.benchmarks import get_choice
    workspace = open_workspace(args)
    choice = get_choice(login(args, workspace), args.case, language(workspace))
    if choice is None:
        raise CommandError(say(f"案件 {args.case} 尚未选择裁量基准",
                               f"case {args.case} has chosen no benchmark", workspace))
    _print_choice(args, workspace, choice)
    return 0


def import_file(args: argparse.Namespace) -> int:
    from review.benchmark_files import import_benchmarks
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(say(f"找不到文件：{path}", f"No such file: {path}"))
    effective = parse_date(args.effective_from, "--effective-from")
    workspace = open_workspace(args)
    result = import_benchmarks(login(args, workspace), path, effective_from=effective,
                               title=args.title)
    if args.json:
        print_json(result.as_json())
    else:
        print(say(f"已导入裁量基准第 {result.version} 版：{result.offences} 项违法行为、"
                  f"{result.tiers} 个阶次，{result.effective_from} 起施行",
                  f"Imported benchmark version {result.version}: {result.offences} offences, "
                  f"{result.tiers} tiers, in force from {result.effective_from}", workspace))
    return 0


def export(args: argparse.Namespace) -> int:
    from review.benchmark_files import export_benchmarks
    workspace = open_workspace(args)
    number, rows = export_benchmarks(login(args, workspace), args.out, version=args.version)
    if args.json:
        print_json({"version": number, "rows": rows, "file": str(args.out)})
    else:
        print(say(f"已导出裁量基准第 {number} 版（{rows} 行）到 {args.out}",
                  f"Exported benchmark version {number} ({rows} rows) to {args.out}", workspace))
    return 0


def list_offences(args: argparse.Namespace) -> int:
    from review.benchmarks import get_benchmarks
    workspace = open_workspace(args)
    lang = language(workspace)
    info, bset = get_benchmarks(login(args, workspace), args.version)
    if args.json:
        print_json({"version": info.as_json(),
                    "circumstances": [{"code": c, "text": t}
                                      for c, t in bset.circumstances.items()],
                    "offences": [o.as_json(lang) for o in bset.offences]})
        return 0
    for offence in bset.offences:
        tiers = "、".join(t["tier_name"] for t in offence.as_json(lang)["tiers"])
        print(cells(offence.code, offence.name, offence.statutory_text(lang), tiers))
    return 0


def versions(args: argparse.Namespace) -> int:
    from review.benchmarks import list_versions
    workspace = open_workspace(args)
    rows = list_versions(login(args, workspace))
    in_force = say("（现行）", " (in force)", workspace)
    print_rows(args, rows, language(workspace), lambda row: cells(
        row.number, row.effective_from.isoformat(), row.title + (in_force if row.in_force
                                                                 else ""),
        row.offences))
    return 0
