"""`lawdesk list …`: the public lists (事前公示清单) in and out of files, their versions and
what changed between two; and `lawdesk officer lookup`, the public facts of a certificate."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say)


def export(args: argparse.Namespace) -> int:
    from public_lists.service import export_list
    workspace = open_workspace(args)
    result = export_list(login(args, workspace), args.kind, args.out, number=args.version)
    if args.json:
        print_json(result.as_json())
    elif result.version is None:
        print(say(f"已导出人员资格清单（{result.rows} 人）到 {result.path}",
                  f"Exported the personnel list ({result.rows} officers) to {result.path}",
                  workspace))
    else:
        print(say(f"已导出第 {result.version} 版（{result.rows} 行）到 {result.path}",
                  f"Exported version {result.version} ({result.rows} rows) to {result.path}",
                  workspace))
    return 0


def import_file(args: argparse.Namespace) -> int:
    from public_lists.service import import_list
    # A missing file is refused by the service, after the personnel list's own refusal.
    path = Path(args.file)
    effective = parse_date(args.effective, "--effective")
    workspace = open_workspace(args)
    info = import_list(login(args, workspace), args.kind, path, effective_from=effective,
                       approved_by=args.approved_by, note=args.note)
    if args.json:
        print_json(info.as_json())
    else:
        print(say(f"已导入第 {info.number} 版（{info.row_count} 行），{info.effective_from} 起施行，"
                  f"批准：{info.approved_by}",
                  f"Imported version {info.number} ({info.row_count} rows), in force from "
                  f"{info.effective_from}, approved by {info.approved_by}", workspace))
    return 0


def versions(args: argparse.Namespace) -> int:
    from public_lists.service import list_versions
    workspace = open_workspace(args)
    rows = list_versions(login(args, workspace), args.kind)
    in_force = say("现行", "in force", workspace)
    print_rows(args, rows, language(workspace), lambda v: cells(
        v.number, v.effective_from.isoformat(), v.approved_by, v.created_by,
        workspace.clock.local(v.created_at).strftime("%Y-%m-%d %H:%M"), v.row_count,
        in_force if v.in_force else ""))
    return 0


def diff(args: argparse.Namespace) -> int:
    from public_lists.kinds import columns, row_key
    from public_lists.service import compare_versions
    workspace = open_workspace(args)
    found = compare_versions(login(args, workspace), args.kind, args.a, args.b)
    if args.json:
        print_json(found.as_json())
        return 0
    lang = language(workspace)
    names = {c.key: c.name(lang) for c in columns(args.kind)}
    for row in found.added:
        print(cells("+", row_key(args.kind, row)))
    for row in found.removed:
        print(cells("-", row_key(args.kind, row)))
    for change in found.changed:
        print(cells("~", change.key, "、".join(names[k] for k in change.columns)))
    if found.empty:
        print(say("两版内容相同", "The two versions are the same", workspace))
    return 0


def show(args: argparse.Namespace) -> int:
    from public_lists.kinds import columns
    from public_lists.service import show_list
    on = parse_date(args.on, "--on")
    workspace = open_workspace(args)
    lang = language(workspace)
    view = show_list(login(args, workspace), args.kind, args.version, on=on)
    if args.json:
        print_json(view.as_json(lang))
        return 0
    if view.version is None and not view.generated:
        print(say(f"{view.on} 没有已生效的版本：用 lawdesk list import {args.kind} 文件 导入",
                  f"No version in force on {view.on}: import one with lawdesk list import "
                  f"{args.kind} FILE", workspace))
        return 0
    cols = columns(args.kind)
    print(cells(*(c.name(lang) for c in cols)))
    for row in view.rows:
        print(cells(*(row.get(c.key, "") for c in cols)))
    return 0


def officer_lookup(args: argparse.Namespace) -> int:
    from public_lists.service import lookup_certificate
    workspace = open_workspace(args)
    found = lookup_certificate(login(args, workspace), args.cert)
    if args.json:
        print_json(found)
        return 0
    status = found["status_text_en"] if language(workspace) == "en" else found["status_text"]
    print(cells(found["name"], found["unit"], found["certificate_number"], found["category"],
                found["area"], f"{found['valid_from']}~{found['valid_until']}", status))
    return 0
