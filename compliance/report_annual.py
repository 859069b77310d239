"""The annual report on whole-process recording (执法全过程记录工作年度报告): the bureau
head's document, in Chinese, from the year's statistics (compliance.statistics): the
overall figures, the units compared, the month trend as charts and a table, devices
against the ratio standard, and what needs attention. Measure 19 of the seed: records used
in supervision and evaluation; 国办发〔2018〕118号 asks for an annual summary of the three
systems' work."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from config.settings import get_setting
from core.context import Context
from core.errors import InvalidInput
from core.files import atomic_write
from compliance.statistics import Statistics, compute_statistics
from compliance.statistics_export import (FOOTAGE_KEYS, StatisticsDocument, figure_text,
                                          new_document, summary_text, table_of)
from reports import chinese_date
from reports.layout import BLOCK_WIDTH

BAR = colors.HexColor("#3f6fb5")
BAR_2 = colors.HexColor("#d9822b")


def _bar_chart(font: str, title: str, months: list[str], series: list[tuple[str, list[float]]]
               ) -> Drawing:
    width, height = BLOCK_WIDTH, 190
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - 12, title, fontName=font, fontSize=10,
                       textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 36, width - 50, height - 70
    chart.data = [values for _name, values in series]
    chart.categoryAxis.categoryNames = [m[5:] + "月" for m in months]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([max(values, default=0) for _n, values in series] + [1])
    chart.valueAxis.valueMax = top * 1.15
    chart.valueAxis.valueStep = _step(top * 1.15)
    chart.barSpacing, chart.groupSpacing = 1, 6
    for index, fill in enumerate((BAR, BAR_2)[:len(series)]):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = 40, 14
        legend.fontName, legend.fontSize = font, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 8
        legend.deltax = 90
        legend.colorNamePairs = [(fill, name) for fill, (name, _v)
                                 in zip((BAR, BAR_2), series)]
        drawing.add(legend)
    return drawing


def _step(top: float) -> float:
    """A round tick step giving four to ten ticks."""
    step = 1.0
    while top / step > 10:
        for factor in (2, 2.5, 2):
            step *= factor
            if top / step <= 10:
                break
    return step


def _attention(stats: Statistics) -> list[str]:
    """What a bureau head should look at: units below the bureau's compliance rate, late
    offloads, device shortfalls, overdue reviews and disclosures."""
    points = []
    rate = stats.total.figures.compliance_rate
    for unit in stats.units:
        f = unit.figures
        if rate is not None and f.compliance_rate is not None and f.compliance_rate < rate:
            points.append(f"{unit.name}音像记录合规率{figure_text('compliance_rate', f.compliance_rate)}"
                          f"，低于全局{figure_text('compliance_rate', rate)}，未处理问题"
                          f"{f.findings_open}个。")
        if f.late_offloads:
            points.append(f"{unit.name}有{f.late_offloads}条音视频录制结束后超过"
                          f"{stats.late_offload_hours}小时才导入。")
        if f.devices_shortfall:
            points.append(f"{unit.name}执法记录设备按配备标准缺配{f.devices_shortfall}台。")
        if f.reviews_overdue or f.disclosures_overdue:
            points.append(f"{unit.name}逾期未审核{f.reviews_overdue or 0}件、逾期未公示"
                          f"{f.disclosures_overdue or 0}件。")
    return points or ["本年度未发现需要督办的问题。"]


def annual_report_pdf(ctx: Context, stats: Statistics, year: int) -> bytes:
    bureau = get_setting(ctx.db, "bureau.name") or ""
    document: StatisticsDocument = new_document(
        ctx, f"{bureau}\n{year}年度执法全过程记录工作情况报告" if bureau
        else f"{year}年度执法全过程记录工作情况报告")
    font = document.font.name
    document.meta_lines([("统计期间：", f"{year}年1月1日至12月31日"),
                         ("统计范围：", stats.unit_name or "全局各科室"),
                         ("报告日期：", chinese_date(stats.as_of))])
    document.heading("一、总体情况")
    document.paragraph(summary_text(stats))
    document.heading("二、各月情况")
    labels = [m.month for m in stats.months]
    document.drawing(lambda: _bar_chart(font, "各月音视频时长（小时）", labels,
                                        [("时长", [round(m.footage_hours, 1)
                                                   for m in stats.months])]),
                     "各月音视频时长（小时）0123456789月")
    document.drawing(lambda: _bar_chart(font, "各月立案与逾期导入", labels,
                                        [("立案（件）", [m.cases for m in stats.months]),
                                         ("逾期导入（条）", [m.late_offloads
                                                          for m in stats.months])]),
                     "各月立案与逾期导入（件条）")
    document.table(["月份", "音视频（条）", "时长（小时）", "逾期导入（条）", "立案（件）",
                    "出具文书（份）"],
                   [[f"{int(m.month[5:])}月", m.footage_count, f"{m.footage_hours:.1f}",
                     m.late_offloads, m.cases, m.documents_issued] for m in stats.months],
                   col_widths=[2, 3, 3, 3, 3, 3], font_size=9)
    document.heading("三、各科室比较")
    table_of(document, stats.units, FOOTAGE_KEYS, total=stats.total)
    table_of(document, stats.units, ("cases", "cases_complying", "compliance_rate",
                                     "findings_open", "documents_issued"), total=stats.total)
    document.heading("四、执法记录设备配备")
    table_of(document, stats.units, ("devices_in_service", "devices_required",
                                     "devices_shortfall"), total=stats.total)
    document.heading("五、案件类型")
    document.table(["案件类型", "程序", "立案（件）"],
                   [[t.type_name, {"simplified": "简易程序", "ordinary": "普通程序"}.get(
                       t.procedure, t.procedure), t.cases] for t in stats.cases_by_type]
                   or [["—", "—", "0"]], col_widths=[4, 3, 2], font_size=9)
    document.heading("六、需要关注的问题")
    for number, point in enumerate(_attention(stats), 1):
        document.paragraph(f"{number}. {point}")
    if bureau:
        document.signature_block(bureau, chinese_date(stats.as_of), seal=False)
    return document.render()


def write_annual_report(ctx: Context, year: int, path: Path,
                        unit_id: str | None = None) -> Statistics:
    """The annual report of ``year`` (a past or the current year) as the PDF ``path``."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise InvalidInput(f"年度报告只能导出为 .pdf 文件：{path.name}",
                           f"the annual report is a .pdf file: {path.name}")
    if not 2000 <= year <= ctx.clock.today().year:
        raise InvalidInput(f"统计年度 {year} 无效", f"the year {year} is not a year to report")
    stats = compute_statistics(ctx, date(year, 1, 1), date(year, 12, 31), unit_id)
    data = annual_report_pdf(ctx, stats, year)
    atomic_write(path, data)
    return stats
