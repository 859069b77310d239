"""`lawdesk hq disclosure …`: the bureau-wide disclosure feed HQ keeps from every enrolled
workstation's published results."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawdesk.commands.common import login, open_workspace, parse_date, print_json, say


def export(args: argparse.Namespace) -> int:
    from hq.disclosure_feed import export_bureau
    from lawdesk.progressbar import TerminalProgress
    since = parse_date(args.since, "--since")
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    bar = TerminalProgress(say("导出", "Export", workspace), enabled=not args.json)
    try:
        done = export_bureau(ctx, Path(args.out), since=since, progress=bar)
    finally:
        bar.finish()
    if args.json:
        print_json(done.as_json())
    else:
        result, changes = done.result, done.result.changes
        print(say(f"已导出全局公示到 {result.out_dir}：{done.units} 个科室，公示 "
                  f"{result.records} 条，撤回公告 {result.withdrawals} 条；新增 "
                  f"{len(changes['added'])}，更新 {len(changes['updated'])}，撤下 "
                  f"{len(changes['removed'])}",
                  f"Exported the bureau-wide portal to {result.out_dir}: {done.units} units, "
                  f"{result.records} records, {result.withdrawals} withdrawal notices; "
                  f"{len(changes['added'])} added, {len(changes['updated'])} updated, "
                  f"{len(changes['removed'])} removed", workspace))
    for ident in done.clashes:
        print(say(f"lawdesk: 两个工作站推送了同一编号的公示记录 {ident}，只导出了先注册者的",
                  f"lawdesk: two workstations pushed a disclosure record with the id "
                  f"{ident}; only the first enrolled one's is exported", workspace),
              file=sys.stderr)
    return 0
