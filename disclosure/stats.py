"""Annual statistics for the disclosure report (行政执法统计年报, due by 31 January:
国办发〔2018〕118号), as PDF or CSV.

For the results decided in the year, per kind (rule) and in total:
- to_publish: every record not withheld; withheld: never published (minor, secrets,
  privacy);
- published: published at all, on_time: on or before its deadline, late: after it;
- overdue: not published although its deadline has passed (as of today);
- on-time rate: on_time ÷ (published + overdue), the records whose time has come;
- withdrawn: records withdrawn in the year (whenever decided), withdrawn_on_time: by
  their withdrawal day.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import extract, or_, select

from config.settings import get_setting
from core.context import Context
from core.csv_safe import safe_row
from core.errors import InvalidInput
from core.files import atomic_write
from core.permissions import Permission, require
from db.models import DisclosureRecord, DisclosureRule
from reports import Document, chinese_date, find_font

COLUMNS = (("kind_name", "类别"), ("to_publish", "应公示"), ("published", "已公示"),
           ("on_time", "按时公示"), ("late", "逾期公示"), ("overdue", "逾期未公示"),
           ("on_time_rate", "按时公示率"), ("withheld", "不予公开"), ("withdrawn", "撤回"),
           ("withdrawn_on_time", "按时撤回"))


@dataclass
class KindStats:
    kind: str
    kind_name: str
    to_publish: int = 0
    published: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    withheld: int = 0
    withdrawn: int = 0
    withdrawn_on_time: int = 0

    @property
    def on_time_rate(self) -> float | None:
        due = self.published + self.overdue
        return self.on_time / due if due else None

    def rate_text(self) -> str:
        rate = self.on_time_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"

    def add(self, other: "KindStats") -> None:
        for name in ("to_publish", "published", "on_time", "late", "overdue", "withheld",
                     "withdrawn", "withdrawn_on_time"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def cells(self) -> list[str]:
        return [self.kind_name, *(str(getattr(self, key)) for key, _ in COLUMNS[1:6]),
                self.rate_text(), *(str(getattr(self, key)) for key, _ in COLUMNS[7:])]

    def as_json(self) -> dict:
        return {"kind": self.kind, "kind_name": self.kind_name,
                **{key: getattr(self, key) for key, _ in COLUMNS[1:] if key != "on_time_rate"},
                "on_time_rate": self.on_time_rate}


@dataclass
class AnnualStats:
    year: int
    as_of: date
    kinds: list[KindStats] = field(default_factory=list)

    @property
    def total(self) -> KindStats:
        total = KindStats("total", "合计")
        for kind in self.kinds:
            total.add(kind)
        return total

    def as_json(self) -> dict:
        return {"year": self.year, "as_of": self.as_of.isoformat(),
                "kinds": [k.as_json() for k in self.kinds], "total": self.total.as_json()}


def annual_stats(ctx: Context, year: int) -> AnnualStats:
    """The year's figures, per kind of result, as of today."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    if not 2000 <= year <= ctx.clock.today().year:
        raise InvalidInput(f"统计年度 {year} 无效", f"the year {year} is not a year to report")
    today = ctx.clock.today()
    with ctx.read() as session:
        rules = session.execute(select(DisclosureRule).order_by(DisclosureRule.priority)
                                ).scalars().all()
        records = session.execute(select(DisclosureRecord).where(or_(
            extract("year", DisclosureRecord.decided_on) == year,
            extract("year", DisclosureRecord.withdrawn_on) == year))).scalars().all()
    kinds = {r.code: KindStats(r.code, r.name_zh) for r in rules if r.disclosed}
    for record in records:
        stats = kinds.setdefault(record.rule_code, KindStats(record.rule_code, record.rule_code))
        if record.withdrawn_on and record.withdrawn_on.year == year:
            stats.withdrawn += 1
            stats.withdrawn_on_time += bool(record.withdrawal_due
                                            and record.withdrawn_on <= record.withdrawal_due)
        if record.decided_on.year != year:
            continue
        if record.withheld:
            stats.withheld += 1
            continue
        stats.to_publish += 1
        if record.published_on is not None:
            stats.published += 1
            on_time = record.published_on <= record.deadline
            stats.on_time += on_time
            stats.late += not on_time
        elif record.deadline < today:
            stats.overdue += 1
    return AnnualStats(year, today, list(kinds.values()))


def stats_csv(stats: AnnualStats) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese headings as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _key, label in COLUMNS])
    for kind in [*stats.kinds, stats.total]:
        # A kind's name is an admin-edited rule's: text, neutralised like every exported cell.
        writer.writerow(safe_row(kind.cells()))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def stats_pdf(ctx: Context, stats: AnnualStats, path: Path) -> Path:
    bureau = get_setting(ctx.db, "bureau.name") or ""
    document = Document(f"{stats.year}年度行政执法结果公示情况统计",
                        find_font(get_setting(ctx.db, "documents.font_file") or None),
                        author=bureau)
    total = stats.total
    document.meta_lines([("单位：", bureau or "—"), ("统计年度：", f"{stats.year}年"),
                         ("统计日期：", chinese_date(stats.as_of))])
    document.paragraph(
        f"{stats.year}年作出的行政执法决定中，应公示{total.to_publish}件，已公示"
        f"{total.published}件，其中按时公示{total.on_time}件，按时公示率{total.rate_text()}；"
        f"逾期未公示{total.overdue}件；依法不予公开{total.withheld}件；本年度撤回公示"
        f"{total.withdrawn}件。公示时限按国办发〔2018〕118号以工作日计算。")
    document.table([label for _key, label in COLUMNS],
                   [kind.cells() for kind in [*stats.kinds, total]],
                   col_widths=[16, 7, 7, 7, 7, 7, 9, 7, 6, 7], font_size=9)
    return document.write(path)


def write_stats(ctx: Context, year: int, path: Path) -> AnnualStats:
    """The year's statistics as ``path``: a .pdf or a .csv file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise InvalidInput(f"输出文件须为 .pdf 或 .csv：{path.name}",
                           f"the output must be a .pdf or .csv file: {path.name}")
    stats = annual_stats(ctx, year)
    if suffix == ".csv":
        atomic_write(path, stats_csv(stats))
    else:
        stats_pdf(ctx, stats, path)
    return stats
