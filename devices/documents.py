"""The device PDFs: the use register (音像记录设备使用登记台账) for a date range, and the
ratio standard report (配备情况报告). Both are laid out by the reports library.

The register is landscape (GB/T 9704 横排表格): eleven columns do not fit a portrait page.
People are shown by name (a login stays in the records), a device reported lost shows no
return time, and the signatures given on the pad are printed in their columns (left blank
for a signature by hand). The report ends with totals, who made it, the date and the seal."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from config.settings import get_setting
from core.context import Context
from core.errors import InvalidInput
from devices.custody import CustodyRow, condition_label, custody_history
from devices.ratio import expiring_certificates, ratio_report
from audit.people import names_for_logins
from devices.signatures import signature_png
from reports import Cell, Document, chinese_date, find_font
from reports.fonts import find_title_font

CHECK_NAMES = (("battery_ok", "电量"), ("storage_ok", "存储"), ("clock_ok", "时钟"),
               ("undamaged", "外观"))


def _font(ctx: Context):  # noqa: ANN202
    return find_font(get_setting(ctx.db, "documents.font_file") or None)


def _bureau(ctx: Context) -> str:
    return get_setting(ctx.db, "bureau.name") or ""


def _when(ctx: Context, instant: datetime | None) -> str:
    return f"{ctx.clock.local(instant):%Y-%m-%d %H:%M}" if instant else ""


def _checks(custody: CustodyRow) -> str:
    failed = [name for field, name in CHECK_NAMES if not getattr(custody.checks, field)]
    return "正常" if not failed else "异常：" + "、".join(failed)


def _returned(ctx: Context, custody: CustodyRow) -> tuple[str, str]:
    """The return time and condition as printed: a device reported lost was not returned."""
    if custody.checkin_condition == "lost":
        return "—", f"报失于\n{ctx.clock.local(custody.checked_in_at):%m-%d %H:%M}"
    return (_when(ctx, custody.checked_in_at) or "未归还",
            condition_label(custody.checkin_condition) or "—")


def _signature_cell(ctx: Context, sha256: str | None) -> Cell:
    return Cell(image=signature_png(ctx, sha256)) if sha256 else Cell("")


def use_register_pdf(ctx: Context, since: date, until: date, path: Path) -> Path:
    """Every checkout from ``since`` to ``until`` (both days included, Beijing dates), oldest
    first, with its check, due time, return, who handled it and the signatures."""
    if until < since:
        raise InvalidInput(f"结束日期 {until} 早于开始日期 {since}",
                           f"the end date {until} is before the start date {since}")
    zone = ctx.clock.zone
    start = datetime.combine(since, time(0), zone)
    end = datetime.combine(until + timedelta(days=1), time(0), zone)
    # Oldest first; checkouts of the same minute by serial, so a reprint lists them alike.
    rows = sorted(custody_history(ctx, since=start, until=end),
                  key=lambda c: (c.checked_out_at, c.serial))
    with ctx.read() as session:
        names = names_for_logins(session, [login for c in rows
                                           for login in (c.checked_out_by, c.checked_in_by)
                                           if login])
    font = _font(ctx)
    document = Document("音像记录设备使用登记台账", font, author=_bureau(ctx),
                        landscape=True, title_font=find_title_font(font))
    document.meta_lines([("单位：", _bureau(ctx) or "—"),
                         ("期间：", f"{chinese_date(since)}至{chinese_date(until)}，"
                                   f"共 {len(rows)} 次领用")])
    header = ["序号", "设备", "领用人", "领用时间", "使用前检查", "应还时间", "归还时间",
              "归还状况", "发放人", "接收人", "领用签名", "归还签名"]
    table = []
    for number, c in enumerate(rows, start=1):
        returned, condition = _returned(ctx, c)
        table.append([
            Cell(str(number), align="center"), f"{c.type_name_zh}\n{c.serial}",
            f"{c.officer_name}\n{c.certificate_number}", _when(ctx, c.checked_out_at),
            _checks(c), _when(ctx, c.due_at), returned, condition,
            names.get(c.checked_out_by, c.checked_out_by),
            names.get(c.checked_in_by, c.checked_in_by) if c.checked_in_by else "",
            _signature_cell(ctx, c.checkout_signature_sha256),
            _signature_cell(ctx, c.checkin_signature_sha256)])
    if not table:
        document.paragraph("本期间内无设备领用记录。")
    else:
        document.table(header, table, col_widths=[5, 12, 10, 10, 8, 10, 10, 9, 7, 7, 9, 9],
                       font_size=9)
    document.signature_block("设备管理员：", chinese_date(ctx.clock.today()), seal=False)
    return document.write(path)


def ratio_report_pdf(ctx: Context, path: Path) -> Path:
    """The ratio standard report as of today: every unit against each standard, then the
    certificates that expire within 30 days."""
    rows = ratio_report(ctx)
    today = ctx.clock.today()
    font = _font(ctx)
    document = Document("音像记录设备配备情况报告", font, author=_bureau(ctx),
                        title_font=find_title_font(font))
    short = sum(r.shortfall for r in rows)
    document.meta_lines([("单位：", _bureau(ctx) or "—"), ("统计日期：", chinese_date(today))])
    document.paragraph(
        f"按配备比例标准，以持有有效执法证的执法人员计算，在库及已领用的设备计为在用。"
        f"全局{'共缺 ' + str(short) + ' 台设备' if short else '各科室均达到配备标准'}。")

    def standard(r) -> str:  # noqa: ANN001
        parts = []
        if r.officers_per_device:
            parts.append(f"每{r.officers_per_device}人1台")
        if r.minimum:
            parts.append(f"至少{r.minimum}台")
        return "，".join(parts)

    def figures(*values: int, blank_zero: bool = False) -> list[Cell]:
        return [Cell("" if blank_zero and not v else str(v), align="right") for v in values]

    table = [[r.unit_name, r.device_type_zh, *figures(r.officers), standard(r),
              *figures(r.required, r.in_service),
              *figures(r.shortfall, r.surplus, blank_zero=True)] for r in rows]
    # Totals: officers are counted once per unit (each unit has a row per device type).
    officers = sum({r.unit_name: r.officers for r in rows}.values())
    table.append([Cell("合计", colspan=2, align="center", bold=True), *figures(officers),
                  "", *figures(sum(r.required for r in rows), sum(r.in_service for r in rows),
                               short, sum(r.surplus for r in rows))])
    document.table(["科室", "设备类型", "持证人数", "配备标准", "应配", "在用", "缺口", "富余"],
                   table, col_widths=[14, 14, 7, 12, 6, 6, 6, 6], font_size=10.5)
    expiring = expiring_certificates(ctx)
    document.heading("30 天内到期的执法证")
    if expiring:
        document.table(["姓名", "科室", "执法证号", "有效期至", "剩余天数"],
                       [[e.officer_name, e.unit_name, e.certificate_number,
                         e.valid_until.isoformat(), str(e.days_left)] for e in expiring],
                       font_size=10.5)
    else:
        document.paragraph("无。")
    document.paragraph("制表人：　　　　　　　　审核人：", indent=False)
    document.signature_block([_bureau(ctx)] if _bureau(ctx) else [], chinese_date(today))
    return document.write(path)
