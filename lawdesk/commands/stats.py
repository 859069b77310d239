"""`lawdesk stats …`: the recording statistics (compliance.statistics) of a range of days,
the list behind a figure, the workbook or PDF, and the annual report."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, say, unit_id_of)


def _range(args: argparse.Namespace, workspace, ctx):  # noqa: ANN001, ANN202
    since = parse_date(getattr(args, "since", None), "--from", workspace)
    until = parse_date(getattr(args, "until", None), "--to", workspace)
    if since is None or until is None:
        raise CommandError(say("请用 --from 和 --to 给出统计的起止日期",
                               "give the days to count with --from and --to", workspace))
    return since, until, unit_id_of(ctx, getattr(args, "unit", None), workspace)


def show(args: argparse.Namespace) -> int:
    from compliance.statistics import compute_statistics
    from compliance.statistics_export import LABELS, figure_text
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    lang = language(workspace)
    stats = compute_statistics(ctx, *_range(args, workspace, ctx), language=lang)
    if args.json:
        print_json(stats.as_json())
        return 0
    en = lang == "en"
    figures = stats.total.figures.as_json()
    print(say(f"统计期间 {stats.since} 至 {stats.until}", f"From {stats.since} to {stats.until}",
              workspace) + (f"（{stats.unit_name}）" if stats.unit_name else ""))
    for key, label in LABELS.items():
        print(cells(key if en else label, figure_text(key, figures[key])))
    return 0


def export(args: argparse.Namespace) -> int:
    from compliance.statistics_export import check_suffix, write_statistics
    check_suffix(Path(args.out))   # refused before asking for a password
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    stats = write_statistics(ctx, Path(args.out), *_range(args, workspace, ctx))
    if args.json:
        print_json({"path": str(Path(args.out)), "from": stats.since.isoformat(),
                    "to": stats.until.isoformat(), "unit": stats.unit_name})
    else:
        print(say(f"已导出统计到 {args.out}", f"Statistics written to {args.out}", workspace))
    return 0


def list_rows(args: argparse.Namespace) -> int:
    from compliance.statistics import check_scope
    from compliance.statistics_lists import drill_down
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    since, until, unit_id = _range(args, workspace, ctx)
    group = None
    if args.officer:
        from organisation.lookup import certificate_by_number
        with ctx.read() as session:
            group = ("officer", certificate_by_number(session, args.officer).officer_id)
    elif args.device_type:
        group = ("device_type", args.device_type)
    lang = language(workspace)
    found = drill_down(ctx, check_scope(since, until, unit_id), args.figure, group,
                       language=lang)
    if args.json:
        print_json(found.as_json())
        return 0
    print(cells(*found.headings(lang)))
    for row in found.rows:
        print(cells(*row))
    if found.total > len(found.rows):
        print(say(f"（共 {found.total} 条，仅列出前 {len(found.rows)} 条）",
                  f"({found.total} in all, the first {len(found.rows)} listed)", workspace))
    return 0


def annual(args: argparse.Namespace) -> int:
    from compliance.report_annual import write_annual_report
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    unit_id = unit_id_of(ctx, getattr(args, "unit", None), workspace)
    stats = write_annual_report(ctx, args.year, Path(args.out), unit_id)
    if args.json:
        print_json({"path": str(Path(args.out)), "year": args.year, "unit": stats.unit_name})
    else:
        print(say(f"已生成 {args.year} 年度报告：{args.out}",
                  f"Annual report {args.year} written to {args.out}", workspace))
    return 0
