"""`lawdesk sync ...`: this workstation's link to HQ."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import login, open_workspace, print_json, say, warn


def enroll(args: argparse.Namespace) -> int:
    from sync.link import enroll as enroll_here
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    link = enroll_here(ctx, workspace, server_url=args.server, code=args.code,
                       ca_file=Path(args.ca_file) if args.ca_file else None, name=args.name)
    if args.json:
        from core.clock import iso_utc
        print_json({"server": link.server_url, "server_id": link.server_id,
                    "unit_id": link.unit_id, "workstation_id": workspace.workstation_id,
                    "enrolled_at": iso_utc(link.enrolled_at)})
    else:
        print(say(f"已注册到总部 {link.server_url}（工作站 {workspace.workstation_id}）",
                  f"Enrolled at HQ {link.server_url} (workstation {workspace.workstation_id})",
                  workspace))
    return 0


def run(args: argparse.Namespace) -> int:
    """One full pass; exit 0 when it went through, 1 when anything failed."""
    from lawdesk.commands.common import language
    from lawdesk.progressbar import TerminalProgress
    from sync.engine import run_pass
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    lang = language(workspace)
    progress = TerminalProgress(say("同步", "Sync", workspace), enabled=not args.json)
    summary = run_pass(workspace, progress=progress, ctx=ctx, language=lang)
    progress.finish()
    if args.json:
        print_json(summary.as_json())
    else:
        _print_summary(summary, workspace)
    return 0 if summary.ok else 1


def _print_summary(summary, workspace) -> None:  # noqa: ANN001
    print(say(f"总部 {summary.server}：发送日志 {summary.entries_sent} 条"
              f"（总部已有 {summary.entries_already_held} 条），接收基础数据 "
              f"{summary.entries_received} 条；上传文件 {summary.files_sent} 个"
              f"（{summary.bytes_sent} 字节），总部已有 {summary.files_already_held} 个，"
              f"已确认 {summary.files_confirmed} 个；用时 {summary.seconds:.1f} 秒",
              f"HQ {summary.server}: sent {summary.entries_sent} ledger entries "
              f"({summary.entries_already_held} already there), received "
              f"{summary.entries_received} reference records; sent {summary.files_sent} files "
              f"({summary.bytes_sent} bytes), {summary.files_already_held} already there, "
              f"{summary.files_confirmed} confirmed; {summary.seconds:.1f} s", workspace))
    for item in summary.refused:
        print(say(f"总部未采用第 {item['seq']} 条：{item['reason']}",
                  f"HQ did not apply entry {item['seq']}: {item['reason']}", workspace))
    for warning in summary.warnings:
        print(say(f"注意：{warning}", f"Note: {warning}", workspace))
    for error in summary.errors:
        warn(str(error))


def _print_pending(pending, workspace) -> None:  # noqa: ANN001
    print(say(f"待发送：日志 {pending.entries} 条，文件 {pending.files} 个"
              f"（{pending.bytes} 字节）",
              f"Waiting: {pending.entries} ledger entries, {pending.files} "
              f"files ({pending.bytes} bytes)", workspace))


def status(args: argparse.Namespace) -> int:
    from sync.status import sync_status
    workspace = open_workspace(args)
    current = sync_status(workspace, login(args, workspace))
    if args.json:
        print_json(current.as_json())
        return 0
    if not current.enrolled:
        print(say("本工作站未注册到总部", "This workstation is not enrolled at HQ", workspace))
        _print_pending(current.pending, workspace)
        return 0

    def when(value) -> str:  # noqa: ANN001
        return f"{workspace.clock.local(value):%Y-%m-%d %H:%M:%S}" if value else say(
            "从未", "never", workspace)
    print(say(f"总部：{current.server}", f"HQ: {current.server}", workspace))
    print(say(f"上次尝试：{when(current.last_attempt_at)}；上次成功：{when(current.last_success_at)}",
              f"Last attempt: {when(current.last_attempt_at)}; last success: "
              f"{when(current.last_success_at)}", workspace))
    _print_pending(current.pending, workspace)
    if current.last_error:
        print(say(f"上次错误：{current.last_error}", f"Last error: {current.last_error}",
                  workspace))
    if current.clock_offset_s is not None:
        offset = current.clock_offset_s
        zh_way, en_way = ("慢", "behind") if offset > 0 else ("快", "ahead of")
        line = say(f"本机时钟比总部{zh_way} {abs(offset):.0f} 秒（{when(current.clock_checked_at)}"
                   " 测得）",
                   f"This workstation's clock is {abs(offset):.0f} s {en_way} HQ's (measured "
                   f"{when(current.clock_checked_at)})", workspace)
        if current.clock_warning:
            warn(say(f"警告：{line}，请校正系统时间", f"warning: {line}; correct the system time",
                     workspace))
        else:
            print(line)
    return 0
