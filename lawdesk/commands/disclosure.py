"""`lawdesk disclosure …`: results disclosure records, their workflow, the portal export and
the annual statistics. A refusal exits 1 with the rule that refused it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say)


def _row_line(row, lang: str) -> str:  # noqa: ANN001
    flag = ("逾期" if lang != "en" else "OVERDUE") if row.overdue else ""
    return cells(row.id, row.case_number, row.document_number or "-", row.kind_name(lang),
                 row.status_label(lang), row.decided_on.isoformat(), row.deadline.isoformat(),
                 flag, row.calendar_warning)


def disclosure_list(args: argparse.Namespace) -> int:
    from disclosure.records import DisclosureFilter, list_disclosures
    workspace = open_workspace(args)
    rows = list_disclosures(login(args, workspace), DisclosureFilter(
        status=args.status, overdue=args.overdue, due_within=args.due_within))
    lang = language(workspace)
    print_rows(args, rows, lang, lambda row: _row_line(row, lang))
    return 0


def _print_detail(args: argparse.Namespace, detail, workspace, zh: str,  # noqa: ANN001
                  en: str) -> None:
    lang = language(workspace)
    if args.json:
        print_json(detail.as_json(lang))
        return
    row = detail.row
    print(say(f"{zh}：{row.document_number or row.id}（{row.kind_name(lang)}，"
              f"{row.status_label(lang)}）",
              f"{en}: {row.document_number or row.id} ({row.kind_name(lang)}, "
              f"{row.status_label(lang)})", workspace))


def disclosure_show(args: argparse.Namespace) -> int:
    from disclosure.records import disclosure_detail
    from disclosure.feed import published_form
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    if args.json:
        print_json(published_form(ctx, args.id))
        return 0
    detail = disclosure_detail(ctx, args.id)
    lang = language(workspace)
    row = detail.row
    print(f"{row.document_number or '-'}  {row.kind_name(lang)}  {row.status_label(lang)}  "
          + say(f"决定 {row.decided_on}  期限 {row.deadline}",
                f"decided {row.decided_on}  due {row.deadline}", workspace))
    if row.calendar_warning:
        print(row.calendar_warning)
    withheld = detail.withheld_text(lang)
    if withheld:
        print(say(f"不予公开：{withheld}", f"Not to be published: {withheld}", workspace))
    for view in detail.fields:
        mark = "  *" if view.changed else ""
        print(f"{view.label}：{view.masked}{mark}")
        if view.changed:
            print(say(f"    原文：{view.original}", f"    original: {view.original}",
                      workspace))
    return 0


def _step(args: argparse.Namespace, service, zh: str, en: str, **options) -> int:  # noqa: ANN001
    workspace = open_workspace(args)
    detail = service(login(args, workspace), args.id, **options)
    _print_detail(args, detail, workspace, zh, en)
    return 0


def disclosure_approve(args: argparse.Namespace) -> int:
    from disclosure.workflow import approve_disclosure
    return _step(args, approve_disclosure, "已审核", "Approved")


def disclosure_publish(args: argparse.Namespace) -> int:
    from disclosure.workflow import publish_disclosure
    return _step(args, publish_disclosure, "已发布", "Published")


def disclosure_withdraw(args: argparse.Namespace) -> int:
    from disclosure.workflow import withdraw_disclosure
    changed_on = parse_date(args.changed_on, "--changed-on")
    return _step(args, withdraw_disclosure, "已撤回", "Withdrawn", reason=args.reason,
                 changed_on=changed_on)


def disclosure_changed(args: argparse.Namespace) -> int:
    from disclosure.workflow import note_decision_changed
    on = parse_date(args.on, "--on")
    return _step(args, note_decision_changed, "已登记决定变更，待撤回",
                 "Noted as changed, to withdraw", changed_on=on, reason=args.reason)


def disclosure_withhold(args: argparse.Namespace) -> int:
    from disclosure.workflow import withhold_disclosure
    return _step(args, withhold_disclosure, "已标记不予公开", "Withheld", reason=args.reason)


def disclosure_revise(args: argparse.Namespace) -> int:
    from disclosure.workflow import revise_disclosure
    edits = {}
    for item in args.set:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(say(f"--set 须写作 字段=内容：{item}",
                                   f"--set must read FIELD=TEXT: {item}"))
        edits[key.strip()] = text
    names = tuple(args.mask_name) if args.mask_name is not None else None
    return _step(args, revise_disclosure, "已修改，待重新审核", "Revised, to approve again",
                 edits=edits, other_names=names)


def disclosure_draft(args: argparse.Namespace) -> int:
    from disclosure.drafting import draft_disclosure
    workspace = open_workspace(args)
    print(draft_disclosure(login(args, workspace), args.case))
    return 0


def disclosure_export(args: argparse.Namespace) -> int:
    from disclosure.portal import export_portal
    from lawdesk.progressbar import TerminalProgress
    since = parse_date(args.since, "--since")
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    bar = TerminalProgress(say("导出", "Export", workspace), enabled=not args.json)
    try:
        result = export_portal(ctx, Path(args.out), since=since, progress=bar)
    finally:
        bar.finish()
    if args.json:
        print_json(result.as_json())
    else:
        changes = result.changes
        print(say(f"已导出到 {result.out_dir}：公示 {result.records} 条，撤回公告 "
                  f"{result.withdrawals} 条；新增 {len(changes['added'])}，更新 "
                  f"{len(changes['updated'])}，撤下 {len(changes['removed'])}",
                  f"Exported to {result.out_dir}: {result.records} records, "
                  f"{result.withdrawals} withdrawal notices; {len(changes['added'])} added, "
                  f"{len(changes['updated'])} updated, {len(changes['removed'])} removed",
                  workspace))
    return 0


def disclosure_push(args: argparse.Namespace) -> int:
    from lawdesk.progressbar import TerminalProgress
    from sync.disclosure_push import push_disclosures
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    bar = TerminalProgress(say("推送", "Push", workspace), enabled=not args.json)
    try:
        report = push_disclosures(ctx, workspace, progress=bar)
    finally:
        bar.finish()
    if args.json:
        print_json(report.as_json())
        return 0 if report.ok else 1
    print(say(f"已推送至总部 {report.server}：本机公示 {report.records} 条、撤回公告 "
              f"{report.withdrawals} 条，总部已确认 {report.confirmed} 条",
              f"Pushed to HQ {report.server}: {report.records} records and "
              f"{report.withdrawals} withdrawal notices here, {report.confirmed} confirmed "
              "by HQ", workspace))
    for key in report.missing:
        print(say(f"lawdesk: 总部的公示中没有 {key}", f"lawdesk: HQ's feed lacks {key}",
                  workspace), file=sys.stderr)
    for key in report.differing:
        print(say(f"lawdesk: 总部公示的 {key} 与本机不同",
                  f"lawdesk: HQ shows {key} differently from this workstation", workspace),
              file=sys.stderr)
    return 0 if report.ok else 1


def disclosure_stats(args: argparse.Namespace) -> int:
    from disclosure.stats import write_stats
    workspace = open_workspace(args)
    stats = write_stats(login(args, workspace), args.year, Path(args.out))
    if args.json:
        print_json(stats.as_json())
    else:
        total = stats.total
        print(say(f"{stats.year} 年：应公示 {total.to_publish}，已公示 {total.published}，"
                  f"按时率 {total.rate_text()}，撤回 {total.withdrawn}；已写入 {args.out}",
                  f"{stats.year}: {total.to_publish} to publish, {total.published} published, "
                  f"on time {total.rate_text()}, {total.withdrawn} withdrawn; written to "
                  f"{args.out}", workspace))
    return 0


def _rule_line(rule, lang: str) -> str:  # noqa: ANN001
    return cells(rule.code, rule.name(lang), "yes" if rule.disclosed else "no", rule.trigger,
                 rule.deadline_workdays, rule.withdrawal_workdays)


def disclosure_rules(args: argparse.Namespace) -> int:
    from disclosure.rules import list_rules
    workspace = open_workspace(args)
    lang = language(workspace)
    print_rows(args, list_rules(login(args, workspace)), lang,
               lambda rule: _rule_line(rule, lang))
    return 0


def disclosure_rule_set(args: argparse.Namespace) -> int:
    from disclosure.rules import EDITABLE, set_rule
    changes = {key: getattr(args, key) for key in EDITABLE
               if getattr(args, key, None) is not None}
    workspace = open_workspace(args)
    rule = set_rule(login(args, workspace), args.code, **changes)
    lang = language(workspace)
    if args.json:
        print_json(rule.as_json(lang))
    else:
        print(_rule_line(rule, lang))
    return 0
