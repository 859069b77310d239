from __future__ import annotations

import argparse
import sys

from lawdesk.commands.common import language, login, open_workspace, print_json, say
from lawdesk.progressbar import TerminalProgress


def verify(args: argparse.Namespace) -> int:
    from audit.verify import verify_ledger
    workspace = open_workspace(args)
    progress = TerminalProgress(say("核验审计日志", "Checking the ledger", workspace),
                                enabled=not args.json)
    report = verify_ledger(workspace.db, head_file=workspace.head_file, progress=progress)
    progress.finish()
    lang = language(workspace)
    if args.json:
        print_json({"intact": report.intact, "entries": report.entries,
                    "checkpoints": report.checkpoints, "first_bad_entry": report.first_bad_seq,
                    "problems": [{"seq": p.seq, "message": p.message(lang)}
                                 for p in report.problems]})
    elif report.intact:
        print(say(f"审计日志完好：{report.entries} 条记录，{report.checkpoints} 个签名检查点",
                  f"The ledger is intact: {report.entries} entries, "
                  f"{report.checkpoints} signed checkpoints", workspace))
    else:
        for problem in report.problems:
            print(f"lawdesk: {problem.message(lang)}", file=sys.stderr)
    return 0 if report.intact else 1


def log(args: argparse.Namespace) -> int:
    from audit.log import recent_entries
    workspace = open_workspace(args)
    entries = recent_entries(login(args, workspace), limit=args.limit,
                             object_type=args.object_type)
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    for entry in entries:
        print(f"{entry.seq:>7}  {entry.at}  {entry.actor:<12} {entry.action:<24} "
              f"{entry.object_type}/{entry.object_id}")
    return 0
