"""The recording statistics as a workbook (XLSX, openpyxl) or a PDF table report (reports/,
GB/T 9704 typesetting): ``lawdesk stats export --out FILE.xlsx|.pdf`` and the dashboard's
export buttons. Both are written through a temporary file and renamed: never half a file."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from config.settings import get_setting
from core.context import Context
from core.csv_safe import neutralise
from core.errors import InvalidInput
from core.files import atomic_write
from compliance.statistics import Row, Statistics, compute_statistics
from reports import Document, chinese_date, find_font

SUFFIXES = (".xlsx", ".pdf")

# Every figure's heading, in the order the tables show them (Chinese: the bureau's files).
LABELS = {
    "footage_count": "音视频（条）", "footage_hours": "时长（小时）",
    "offload_delay_median_h": "导入延迟中位数（小时）",
    "offload_delay_p95_h": "导入延迟95%分位（小时）", "late_offloads": "逾期导入（条）",
    "cases": "立案（件）", "cases_complying": "音像记录合规（件）",
    "compliance_rate": "合规率", "findings_open": "未处理问题（个）",
    "devices_in_service": "在用设备（台）", "devices_required": "应配设备（台）",
    "devices_shortfall": "缺配（台）", "documents_issued": "出具文书（份）",
    "reviews_submitted": "送审（件）", "reviews_decided": "已审核（件）",
    "reviews_on_time": "按时审核（件）", "reviews_overdue": "逾期未审（件）",
    "disclosures_due": "应公示（件）", "disclosures_published": "已公示（件）",
    "disclosures_on_time": "按时公示（件）", "disclosures_overdue": "逾期未公示（件）",
}
FOOTAGE_KEYS = ("footage_count", "footage_hours", "offload_delay_median_h",
                "offload_delay_p95_h", "late_offloads")
CASE_KEYS = ("cases", "cases_complying", "compliance_rate", "findings_open")
UNIT_KEYS = tuple(LABELS)
OFFICER_KEYS = FOOTAGE_KEYS + CASE_KEYS
TYPE_KEYS = FOOTAGE_KEYS + ("devices_in_service", "devices_required", "devices_shortfall")
PROCEDURES = {"simplified": "简易程序", "ordinary": "普通程序"}
MONTH_LABELS = (("month", "月份"), ("footage_count", "音视频（条）"),
                ("footage_hours", "时长（小时）"), ("late_offloads", "逾期导入（条）"),
                ("cases", "立案（件）"), ("documents_issued", "出具文书（份）"))


def figure_text(key: str, value: Any) -> str:
    """A figure as the tables print it: "—" when it does not apply or has no value."""
    if value is None:
        return "—"
    if key == "compliance_rate":
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def check_suffix(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(f"统计只能导出为 .xlsx 或 .pdf 文件：{Path(path).name}",
                           f"statistics export only to .xlsx or .pdf files: {Path(path).name}")
    return suffix


def range_text(stats: Statistics) -> str:
    return f"{chinese_date(stats.since)}至{chinese_date(stats.until)}"


# ----------------------------------------------------------------------------- XLSX
def _sheet_rows(rows: Sequence[Row], keys: Sequence[str], with_unit: bool = False
                ) -> tuple[list[str], list[list[Any]]]:
    header = ["名称", *(["科室"] if with_unit else []), *(LABELS[k] for k in keys)]
    body = []
    for row in rows:
        values = row.figures.as_json()
        body.append([row.name, *([row.unit_name or ""] if with_unit else []),
                     *(values[k] for k in keys)])
    return header, body


def statistics_xlsx(stats: Statistics) -> bytes:
    """One sheet each: the totals, units, officers, device types, cases by type, months.
    Figures are numbers (Excel sums them); names are text, neutralised like every export."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    totals = book.active
    totals.title = "总体"
    totals.append(["统计期间", range_text(stats)])
    totals.append(["科室", neutralise(stats.unit_name) if stats.unit_name else "全局"])
    totals.append(["逾期导入标准（小时）", stats.late_offload_hours])
    totals.append(["统计日期", stats.as_of.isoformat()])
    figures = stats.total.figures.as_json()
    for key in UNIT_KEYS:
        totals.append([LABELS[key], figures[key]])
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        ("科室", *_sheet_rows(stats.units, UNIT_KEYS)),
        ("执法人员", *_sheet_rows(stats.officers, OFFICER_KEYS, with_unit=True)),
        ("设备类型", *_sheet_rows(stats.device_types, TYPE_KEYS)),
        ("案件类型", ["案件类型", "程序", "立案（件）"],
         [[t.type_name, PROCEDURES.get(t.procedure, t.procedure), t.cases]
          for t in stats.cases_by_type]),
        ("月度趋势", [label for _k, label in MONTH_LABELS],
         [[m.as_json()[k] for k, _l in MONTH_LABELS] for m in stats.months]),
    ]
    for title, header, body in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in body:
            sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].width = 18
    book.properties.title = f"执法记录统计 {stats.since}—{stats.until}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- PDF
class StatisticsDocument(Document):
    """A report Document that can also hold a drawing (reportlab graphics: the charts)."""

    def drawing(self, make: Callable[[], Any], text: str = "") -> "StatisticsDocument":
        self._add(text, make)
        return self


def new_document(ctx: Context, title: str) -> StatisticsDocument:
    bureau = get_setting(ctx.db, "bureau.name") or ""
    return StatisticsDocument(title, find_font(get_setting(ctx.db, "documents.font_file")
                                               or None), author=bureau)


def table_of(document: Document, rows: Sequence[Row], keys: Sequence[str],
             first: str = "科室", total: Row | None = None) -> None:
    header = [first, *(LABELS[k] for k in keys)]
    body = [[row.name, *(figure_text(k, getattr(row.figures, k)) for k in keys)]
            for row in [*rows, *([total] if total else [])]]
    document.table(header, body, col_widths=[3] + [2] * len(keys), font_size=8)


def summary_text(stats: Statistics) -> str:
    f = stats.total.figures
    hours = figure_text("footage_hours", f.footage_hours)
    text = (f"{range_text(stats)}，共录制音视频{f.footage_count}条，计{hours}小时；导入延迟"
            f"中位数{figure_text('x', f.offload_delay_median_h)}小时，95%分位"
            f"{figure_text('x', f.offload_delay_p95_h)}小时，录制结束后超过"
            f"{stats.late_offload_hours}小时导入的{f.late_offloads}条。立案{f.cases}件，"
            f"其中音像记录无未处理问题的{f.cases_complying}件，合规率"
            f"{figure_text('compliance_rate', f.compliance_rate)}，未处理问题{f.findings_open}个。"
            f"在用执法记录设备{f.devices_in_service}台，按配备标准应配{f.devices_required}台，"
            f"缺配{f.devices_shortfall}台。出具执法文书{f.documents_issued}份。")
    if f.reviews_submitted:
        text += (f"送法制审核{f.reviews_submitted}件，已审核{f.reviews_decided}件，按时"
                 f"{f.reviews_on_time}件，逾期未审{f.reviews_overdue}件。")
    if f.disclosures_due:
        text += (f"应公示结果{f.disclosures_due}件，已公示{f.disclosures_published}件，按时"
                 f"{f.disclosures_on_time}件，逾期未公示{f.disclosures_overdue}件。")
    return text


def statistics_pdf(ctx: Context, stats: Statistics) -> bytes:
    document = new_document(ctx, "执法全过程记录统计表")
    document.meta_lines([("统计期间：", range_text(stats)),
                         ("统计范围：", stats.unit_name or "全局各科室"),
                         ("统计日期：", chinese_date(stats.as_of))])
    document.paragraph(summary_text(stats))
    document.heading("一、各科室音像记录情况")
    table_of(document, stats.units, FOOTAGE_KEYS, total=stats.total)
    document.heading("二、各科室案件、文书与设备")
    table_of(document, stats.units, ("cases", "compliance_rate", "findings_open",
                                     "documents_issued", "devices_in_service",
                                     "devices_required", "devices_shortfall"),
             total=stats.total)
    document.heading("三、法制审核与结果公示")
    table_of(document, stats.units, ("reviews_submitted", "reviews_decided", "reviews_on_time",
                                     "reviews_overdue", "disclosures_due",
                                     "disclosures_on_time", "disclosures_overdue"),
             total=stats.total)
    document.heading("四、按设备类型")
    table_of(document, stats.device_types, TYPE_KEYS, first="设备类型")
    document.heading("五、按执法人员")
    table_of(document, stats.officers, OFFICER_KEYS, first="执法人员")
    return document.render()


# ----------------------------------------------------------------------------- files
def write_statistics(ctx: Context, path: Path, since: date | None, until: date | None,
                     unit_id: str | None = None) -> Statistics:
    """The statistics of the range as ``path``, a .xlsx workbook or a .pdf report."""
    path = Path(path)
    suffix = check_suffix(path)
    stats = compute_statistics(ctx, since, until, unit_id)
    data = statistics_xlsx(stats) if suffix == ".xlsx" else statistics_pdf(ctx, stats)
    try:
        atomic_write(path, data)
    except OSError as error:
        raise InvalidInput(f"无法写入文件 {path}：{error.strerror}",
                           f"cannot write the file {path}: {error.strerror}") from None
    return stats
