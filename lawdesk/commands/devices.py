"""`lawdesk device …` and `lawdesk ratio …`: the device registry, custody and ratio standards.

Times given on the command line without a zone are Beijing time (the bureau's zone);
times printed for people are Beijing time, times in --json are ISO 8601 in UTC.
"""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say, unit_id_of)

FAILED_CHECKS = {"battery": "battery_ok", "storage": "storage_ok", "clock": "clock_ok",
                 "damage": "undamaged"}


# ----------------------------------------------------------------------------- parsing
def _instant(text: str | None, option: str, workspace) -> datetime | None:  # noqa: ANN001
    """An ISO 8601 time; without a zone it is the bureau's local time (Beijing)."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(say(f"{option} 的时间“{text}”无效，应为 ISO 8601，如 2026-06-15T09:30",
                               f"{option}: '{text}' is not an ISO 8601 time, e.g. "
                               "2026-06-15T09:30", workspace)) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=workspace.clock.zone)
    return value


def _signature(path: str | None, workspace) -> bytes | None:  # noqa: ANN001
    if path is None:
        return None
    from core.user_files import read_limited
    from devices.signatures import MAX_BYTES
    return read_limited(path, MAX_BYTES)  # a 10 GB "signature" is refused unread


def _local(workspace, instant: datetime | None) -> str:  # noqa: ANN001
    return workspace.clock.local(instant).strftime("%Y-%m-%d %H:%M") if instant else "-"


# ----------------------------------------------------------------------------- registry
def _print_device(args: argparse.Namespace, workspace, row, zh: str, en: str) -> None:  # noqa: ANN001
    if args.json:
        print_json(row.as_json(language(workspace)))
    else:
        print(say(f"{zh} {row.serial}（{row.type_name()}，{row.unit_name}）：{row.status_label()}",
                  f"{en} {row.serial} ({row.type_name('en')}, {row.unit_name}): "
                  f"{row.status_label('en')}", workspace))


def device_add(args: argparse.Namespace) -> int:
    from devices.registry import add_device
    purchase = parse_date(args.purchase_date, "--purchase-date")
    workspace = open_workspace(args)
    row = add_device(login(args, workspace), args.serial, args.type, args.unit,
                     model=args.model, vendor=args.vendor, purchase_date=purchase,
                     notes=args.notes)
    _print_device(args, workspace, row, "已登记设备", "Registered device")
    return 0


def device_edit(args: argparse.Namespace) -> int:
    from devices.registry import get_device, update_device
    purchase = parse_date(args.purchase_date, "--purchase-date")
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    current = get_device(ctx, args.serial)
    row = update_device(
        ctx, current.serial, type_code=args.type or current.type_code,
        unit=args.unit or current.unit_short_name,
        model=current.model if args.model is None else args.model,
        vendor=current.vendor if args.vendor is None else args.vendor,
        purchase_date=purchase if args.purchase_date is not None else current.purchase_date,
        notes=current.notes if args.notes is None else args.notes)
    _print_device(args, workspace, row, "已更新设备", "Updated device")
    return 0


def device_import(args: argparse.Namespace) -> int:
    from devices.csv_import import import_devices
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(say(f"找不到文件：{path}", f"No such file: {path}"))
    workspace = open_workspace(args)
    result = import_devices(login(args, workspace), path)
    if args.json:
        print_json({"imported": result.count, "serials": list(result.serials)})
    else:
        print(say(f"已导入 {result.count} 台设备", f"Imported {result.count} devices", workspace))
    return 0


def device_list(args: argparse.Namespace) -> int:
    from devices.registry import DeviceFilter, list_devices
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    rows = list_devices(ctx, DeviceFilter(text=args.search, type_code=args.type,
                                          unit_id=unit_id_of(ctx, args.unit, workspace),
                                          status=args.status))
    lang = language(workspace)
    if args.json:
        print_json([row.as_json(lang) for row in rows])
        return 0
    for row in rows:
        holder = f"{row.holder_name}（{row.holder_certificate}）" if row.holder_name else ""
        print(cells(row.serial, row.type_name(lang), row.unit_name, row.status_label(lang),
                    holder))
    return 0


def _status_change(args: argparse.Namespace, action: str) -> int:
    from devices.registry import set_device_status
    workspace = open_workspace(args)
    row = set_device_status(login(args, workspace), args.serial, action, args.reason)
    _print_device(args, workspace, row, "设备", "Device")
    return 0


def device_repair(args: argparse.Namespace) -> int:
    return _status_change(args, "repair")


def device_repaired(args: argparse.Namespace) -> int:
    return _status_change(args, "repaired")


def device_lost(args: argparse.Namespace) -> int:
    return _status_change(args, "lost")


def device_found(args: argparse.Namespace) -> int:
    return _status_change(args, "found")


def device_retire(args: argparse.Namespace) -> int:
    return _status_change(args, "retire")


def device_types(args: argparse.Namespace) -> int:
    from devices.types import list_device_types
    workspace = open_workspace(args)
    rows = list_device_types(login(args, workspace), include_inactive=True)
    if args.json:
        print_json([row.as_json() for row in rows])
    else:
        for row in rows:
            state = "" if row.active else say("（已停用）", " (not in use)", workspace)
            print(cells(row.code, row.name(language(workspace)) + state))
    return 0


def device_type_set(args: argparse.Namespace) -> int:
    from devices.types import set_device_type
    workspace = open_workspace(args)
    row = set_device_type(login(args, workspace), args.code, args.zh, args.en,
                          active=not args.inactive)
    print(cells(row.code, row.name(language(workspace))))
    return 0


# ----------------------------------------------------------------------------- custody
def _print_custody(args: argparse.Namespace, workspace, row) -> None:  # noqa: ANN001
    lang = language(workspace)
    if args.json:
        print_json(row.as_json(lang))
        return
    who = f"{row.officer_name}（{row.certificate_number}）"
    if row.checked_in_at is None:
        unsigned = "" if row.checkout_signed else say("（未签名）", " (unsigned)", workspace)
        print(say(f"已领用 {row.serial} — {who}，应于 {_local(workspace, row.due_at)} 前归还"
                  f"{unsigned}",
                  f"Checked out {row.serial} to {row.officer_name} ({row.certificate_number}),"
                  f" due {_local(workspace, row.due_at)}{unsigned}", workspace))
        return
    from devices.custody import condition_label
    unsigned = "" if row.checkin_signed else say("（未签名）", " (unsigned)", workspace)
    print(say(f"已归还 {row.serial} — {who}，状况：{condition_label(row.checkin_condition)}"
              f"{unsigned}",
              f"Checked in {row.serial} from {row.officer_name} ({row.certificate_number}), "
              f"condition: {condition_label(row.checkin_condition, 'en')}{unsigned}", workspace))


def device_checkout(args: argparse.Namespace) -> int:
    from devices.custody import PreUseCheck, checkout
    workspace = open_workspace(args)
    due = _instant(args.due, "--due", workspace)
    signature = _signature(args.signature, workspace)
    checks = PreUseCheck(**{FAILED_CHECKS[name]: False for name in args.failed_check})
    row = checkout(login(args, workspace), args.serial, args.officer, checks=checks,
                   signature_png=signature, due_at=due, notes=args.notes)
    _print_custody(args, workspace, row)
    return 0


def device_checkin(args: argparse.Namespace) -> int:
    from devices.custody import checkin
    workspace = open_workspace(args)
    signature = _signature(args.signature, workspace)
    row = checkin(login(args, workspace), args.serial, condition=args.condition,
                  notes=args.notes, signature_png=signature)
    _print_custody(args, workspace, row)
    return 0


def device_holder(args: argparse.Namespace) -> int:
    from devices.holder import holder_at
    workspace = open_workspace(args)
    at = _instant(args.at, "--at", workspace)
    holder = holder_at(login(args, workspace), args.serial, at)
    if holder is None:
        raise CommandError(say(f"{_local(workspace, at)} 时设备 {args.serial.strip()} 不在任何人手中",
                               f"Nobody held device {args.serial.strip()} at "
                               f"{_local(workspace, at)} (Beijing time)", workspace))
    if args.json:
        print_json(holder.as_json())
    else:
        print(holder.certificate_number)
    return 0


def device_overdue(args: argparse.Namespace) -> int:
    from devices.custody import overdue
    workspace = open_workspace(args)
    rows = overdue(login(args, workspace))
    print_rows(args, rows, language(workspace), lambda row: cells(
        row.serial, row.officer_name, row.certificate_number, _local(workspace, row.due_at)))
    return 0


def device_history(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    lang = language(workspace)
    if args.serial is not None:
        from devices.registry import device_history as history
        events = history(ctx, args.serial)
        if args.json:
            print_json([e.as_json(lang) for e in events])
        else:
            for e in events:
                who = f"{e.officer_name}（{e.certificate_number}）" if e.officer_name else ""
                print(cells(_local(workspace, e.at), e.kind_label(lang), who, e.actor,
                            e.notes))
        return 0
    from devices.custody import custody_history
    rows = custody_history(ctx, officer_certificate=args.officer)
    if args.json:
        print_json([row.as_json(lang) for row in rows])
    else:
        for row in rows:
            print(cells(row.serial, _local(workspace, row.checked_out_at),
                        _local(workspace, row.checked_in_at), row.checkin_condition))
    return 0


def device_register_pdf(args: argparse.Namespace) -> int:
    from devices.documents import use_register_pdf
    since, until = parse_date(args.since, "--from"), parse_date(args.until, "--to")
    workspace = open_workspace(args)
    path = use_register_pdf(login(args, workspace), since, until, Path(args.out))
    print(say(f"已写入 {path}", f"Wrote {path}", workspace))
    return 0


# ----------------------------------------------------------------------------- ratio
def ratio_report(args: argparse.Namespace) -> int:
    from devices.ratio import ratio_report as report
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    rows = report(ctx)
    lang = language(workspace)
    if args.pdf:
        from devices.documents import ratio_report_pdf
        ratio_report_pdf(ctx, Path(args.pdf))
    if args.json:
        print_json([row.as_json(lang) for row in rows])
        return 0
    for row in rows:
        gap = (say(f"缺 {row.shortfall}", f"short {row.shortfall}", workspace) if row.shortfall
               else say(f"余 {row.surplus}", f"surplus {row.surplus}", workspace))
        print(cells(row.unit_name, row.device_type_name(lang), row.officers, row.required,
                    row.in_service, gap))
    return 0


def ratio_list(args: argparse.Namespace) -> int:
    from devices.ratio import list_standards
    workspace = open_workspace(args)
    rows = list_standards(login(args, workspace))
    lang = language(workspace)
    if args.json:
        print_json([row.as_json(lang) for row in rows])
        return 0
    everyone = say("（所有科室）", "(every unit)", workspace)
    for row in rows:
        name = row.device_type_en if lang == "en" else row.device_type_zh
        print(cells(row.unit_name or everyone, name, row.describe(lang)))
    return 0


def ratio_set(args: argparse.Namespace) -> int:
    from devices.ratio import set_standard
    workspace = open_workspace(args)
    row = set_standard(login(args, workspace), args.unit, args.type,
                       officers_per_device=args.officers_per_device, minimum=args.minimum)
    lang = language(workspace)
    if args.json:
        print_json(row.as_json(lang))
    else:
        everyone = say("所有科室", "every unit", workspace)
        print(f"{row.unit_name or everyone}: {row.device_type}: {row.describe(lang)}")
    return 0


def ratio_unset(args: argparse.Namespace) -> int:
    from devices.ratio import remove_standard
    workspace = open_workspace(args)
    remove_standard(login(args, workspace), args.unit, args.type)
    print(say("已删除配备标准", "Removed the standard", workspace))
    return 0


def ratio_expiring(args: argparse.Namespace) -> int:
    from devices.ratio import expiring_certificates
    workspace = open_workspace(args)
    rows = expiring_certificates(login(args, workspace), args.days)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    for row in rows:
        print(cells(row.certificate_number, row.officer_name, row.unit_name, row.valid_until,
                    row.days_left))
    return 0
