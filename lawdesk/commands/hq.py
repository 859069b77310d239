"""`lawdesk hq ...`: run and administer the HQ server on its data folder."""
from __future__ import annotations

import argparse
import sys

from lawdesk.commands.common import (cells, login, open_workspace, print_json, print_rows,
                                     say, warn)


def serve(args: argparse.Namespace) -> int:
    from hq.server import serve as run_server
    workspace = open_workspace(args, create=True)
    fresh = not workspace.workstation_id
    workspace.create_identity()

    def announce(url: str) -> None:
        # The first line is the address, alone, for scripts; the rest is for people.
        print(url, flush=True)
        print(say(f"LawDesk 总部服务已启动：{url}",
                  f"LawDesk HQ is serving at {url}",
                  workspace), file=sys.stderr, flush=True)
        if fresh or not workspace.initialised:
            print(say(f"提示：用 lawdesk --data-dir {workspace.data_dir} init --admin 用户名 "
                      "添加管理员后，才能签发注册码",
                      f"Note: add an administrator with lawdesk --data-dir "
                      f"{workspace.data_dir} init --admin NAME to issue enrollment codes",
                      workspace), file=sys.stderr, flush=True)

    run_server(workspace, host=args.host, port=args.port, tls_cert=args.tls_cert,
               tls_key=args.tls_key, announce=announce)
    return 0


def enroll_code(args: argparse.Namespace) -> int:
    from hq.enrollment import issue_code
    workspace = open_workspace(args)
    issued = issue_code(login(args, workspace), args.unit, valid_hours=args.valid_hours)
    if args.json:
        from core.clock import iso_utc
        print_json({"code": issued.code, "unit": issued.unit_name,
                    "expires_at": iso_utc(issued.expires_at)})
    else:
        print(issued.code)
        local = workspace.clock.local(issued.expires_at)
        print(say(f"科室：{issued.unit_name}；有效期至 {local:%Y-%m-%d %H:%M}，仅可使用一次",
                  f"Unit: {issued.unit_name}; valid until {local:%Y-%m-%d %H:%M}, once",
                  workspace), file=sys.stderr)
    return 0


def workstations(args: argparse.Namespace) -> int:
    from hq.enrollment import list_workstations
    workspace = open_workspace(args)
    rows = list_workstations(login(args, workspace))
    print_rows(args, rows, "zh_CN", lambda r: cells(
        r.id, r.name or "", r.unit_name, r.ledger_seq,
        "revoked" if r.revoked_at else (f"chain_problem: {r.chain_problem}"
                                        if r.chain_problem else "ok")))
    return 0


def revoke(args: argparse.Namespace) -> int:
    from hq.enrollment import revoke as revoke_workstation
    workspace = open_workspace(args)
    revoke_workstation(login(args, workspace), args.workstation)
    print(say(f"已注销工作站 {args.workstation}", f"Revoked workstation {args.workstation}",
              workspace))
    return 0


def verify(args: argparse.Namespace) -> int:
    """Re-check every chain HQ received and every file it stores; exit 1 on any problem."""
    from hq.verify import verify_hq
    from lawdesk.commands.common import language
    from lawdesk.progressbar import TerminalProgress
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    lang = language(workspace)
    progress = TerminalProgress(say("核验", "Checking", workspace), enabled=not args.json)
    report = verify_hq(ctx, workspace, language=lang, progress=progress)
    progress.finish()
    if args.json:
        print_json(report.as_json(lang))
        return 0 if report.ok else 1
    for chain in report.workstations:
        print(say(f"工作站 {chain.workstation_id}（{chain.unit_name}）：{chain.entries} 条日志，"
                  f"{chain.checkpoints} 个签名检查点，"
                  f"{'完好' if not chain.problems else '有问题'}",
                  f"Workstation {chain.workstation_id} ({chain.unit_name}): {chain.entries} "
                  f"entries, {chain.checkpoints} signed checkpoints, "
                  f"{'intact' if not chain.problems else 'PROBLEMS'}", workspace))
        for problem in chain.problems:
            warn(f"{chain.workstation_id}: {problem.message(lang)}")
    print(say(f"文件：已核验 {report.files_checked} 个", f"Files: {report.files_checked} checked",
              workspace))
    for problem in report.file_problems:
        warn(str(problem))
    return 0 if report.ok else 1


def clear_flag(args: argparse.Namespace) -> int:
    from hq.ledger import clear_flag as clear
    workspace = open_workspace(args)
    problem = clear(login(args, workspace), args.workstation)
    if problem is None:
        print(say(f"工作站 {args.workstation} 没有被标记", f"Workstation {args.workstation} "
                  "was not flagged", workspace))
    else:
        print(say(f"已解除工作站 {args.workstation} 的标记（原因：{problem}）",
                  f"Cleared the flag of workstation {args.workstation} (it was: {problem})",
                  workspace))
    return 0


def records(args: argparse.Namespace) -> int:
    from hq.records import list_records
    workspace = open_workspace(args)
    rows = list_records(login(args, workspace), workstation_id=args.workstation,
                        object_type=args.type, include_deleted=args.deleted, limit=args.limit)
    # Pushed data, as a workstation sent it: cells() shows its control characters (an
    # escape sequence meant for the admin's terminal) as visible text.
    print_rows(args, rows, "zh_CN", lambda r: cells(
        r.key, r.unit_name, r.object_type, r.seq, "deleted" if r.deleted else ""))
    return 0


def refused(args: argparse.Namespace) -> int:
    """Writes HQ refused to apply (hq.refusals), newest first."""
    from hq.refusals import list_refusals
    from lawdesk.commands.common import language
    workspace = open_workspace(args)
    rows = list_refusals(login(args, workspace), workstation_id=args.workstation,
                         limit=args.limit)
    lang = language(workspace)
    print_rows(args, rows, lang, lambda r: cells(
        r.key, r.unit_name, r.seq, r.object_type, r.action, r.reason_code,
        r.reason_en if lang == "en" else r.reason))
    return 0
