"""Discretion benchmarks in and out of files: the bureau's published list as CSV or XLSX, and
the example set shipped in resources/review/benchmarks/*.toml.

One row per tier of an offence (a spreadsheet's natural shape). Header row required,
columns in any order, English or Chinese names (EXPORT_COLUMNS gives both). An offence's
own columns (code, name, legal basis, kinds, statutory range) need only be filled on its
first row, as merged cells leave them: a row without a code continues the offence above it.
Filled again, they must say the same. ``conditions``
(适用情形) lists circumstance codes, one a line or separated by "；", each optionally with its
text: ``eliminated_harm：主动消除或者减轻违法行为危害后果``; a code given without text takes its
text from elsewhere in the file or from the version in force.

Import is all or nothing, like devices.csv_import: every bad row is named (``第 3 行：…``,
rows counted as a spreadsheet shows them, the header being row 1) and nothing is imported
until the file is clean. CSV files may be UTF-8 (with or without BOM) or GBK from Excel.
Each import is a new version (review.benchmarks); the old ones stay.

Export writes the same columns. A text cell that starts with = + - @ (or a tab or carriage
return) is written with a leading apostrophe, so that a spreadsheet shows it as text instead
of running it as a formula; import takes that apostrophe off again.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import select

from audit.recorder import hold_ledger
from casework.inputs import AMOUNT_LIMIT
from core.actor import SYSTEM
from core.context import Context
from core.csv_safe import (CsvRowError, decode_table_text, neutralise, read_csv,
                            unneutralise)
from core.errors import InvalidInput
from core.user_files import printable_name, read_limited
from core.permissions import Permission, require
from db.database import Database
from db.models import BenchmarkVersion, SyncLink
from resources import resource_path
from review.benchmarks import (CODE, TIER_NAMES, TIERS, BenchmarkImportError,
                               BenchmarkSet, Basis, OffenceSpec, Problem, TierSpec,
                               find_version, load_set, offence_problems, parse_number, plain,
                               store_version, version_in_force)

# (column, Chinese header as exported, other accepted headers)
EXPORT_COLUMNS = (
    ("offence_code", "违法行为编码", ("编码", "code")),
    ("offence_name", "违法行为", ("违法行为名称", "name")),
    ("violation_law", "违法依据（法律）", ("违法依据法律",)),
    ("violation_article", "违法依据（条）", ("违法依据条",)),
    ("violation_clause", "违法依据（款项）", ("违法依据款项",)),
    ("penalty_law", "处罚依据（法律）", ("处罚依据法律",)),
    ("penalty_article", "处罚依据（条）", ("处罚依据条",)),
    ("penalty_clause", "处罚依据（款项）", ("处罚依据款项",)),
    ("penalty_kinds", "处罚种类", ("kinds",)),
    ("measure", "计罚方式", ("计罚单位",)),
    ("base", "倍数基数", ("基数",)),
    ("statutory_low", "法定最低", ("法定最低额",)),
    ("statutory_high", "法定最高", ("法定最高额",)),
    ("tier", "裁量阶次", ("阶次",)),
    ("conditions", "适用情形", ("情形", "适用条件")),
    ("range_low", "幅度下限", ("low",)),
    ("range_high", "幅度上限", ("high",)),
    ("percent_low", "最高额百分比下限", ("percent_of_max_low",)),
    ("percent_high", "最高额百分比上限", ("percent_of_max_high",)),
    ("tier_note", "阶次说明", ()),
    ("note", "说明", ("备注",)),
    ("effective_from", "生效日期", ("施行日期",)),
)
HEADERS = {alias.lower(): column for column, zh, others in EXPORT_COLUMNS
           for alias in (column, zh, *others)}
IGNORED = {"序号", "seq", "no", "no."}   # a published list's running number
REQUIRED = ("offence_code", "tier")
OFFENCE_COLUMNS = ("offence_name", "violation_law", "violation_article", "violation_clause",
                   "penalty_law", "penalty_article", "penalty_clause", "penalty_kinds",
                   "measure", "base", "statutory_low", "statutory_high", "note")
TIER_BY_NAME = {**{t: t for t in TIERS}, **{zh: t for t, (zh, _en) in TIER_NAMES.items()}}
MEASURE_BY_NAME = {"yuan": "yuan", "元": "yuan", "金额": "yuan", "": "yuan",
                   "multiple": "multiple", "倍": "multiple", "倍数": "multiple"}
ITEM = re.compile(r"^([A-Za-z][A-Za-z0-9_\-]{0,39})\s*(?:[:：]\s*(.*))?$")
SHIPPED = "resources/review/benchmarks"
# A province's whole published list is a few megabytes as XLSX; far more is not one.
FILE_LIMIT = 64 * 1024 * 1024


def _header_name(column: str) -> str:
    return next(zh for c, zh, _ in EXPORT_COLUMNS if c == column)


# ----------------------------------------------------------------------------- reading
def _decode(data: bytes) -> str:
    text = decode_table_text(data)
    if text is None:
        raise BenchmarkImportError([Problem(1, "文件编码无法识别（应为 UTF-8 或 GBK）",
                                            "the file is neither UTF-8 nor GBK")])
    return text


def csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        return [(n, [unneutralise(c) for c in cells]) for n, cells in read_csv(_decode(data))]
    except CsvRowError as error:
        raise BenchmarkImportError([Problem(error.row, error.zh, error.en)]) from None


def _cell_text(cell: Any) -> str:  # noqa: ANN401 - an openpyxl cell
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if "%" in (getattr(cell, "number_format", "") or ""):
            number *= 100  # a cell formatted as 30% holds 0.3
        return plain(number)
    return unneutralise(str(value))


def xlsx_records(data: bytes) -> list[tuple[int, list[str]]]:
    """The first worksheet's rows as text, numbered as the spreadsheet shows them."""
    from openpyxl import load_workbook  # only an XLSX import pays for importing openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise BenchmarkImportError([Problem(1, "不是有效的 XLSX 文件", "not a valid XLSX file")]
                                   ) from None
    try:
        sheet = book.worksheets[0]
        return [(n, [_cell_text(c) for c in row])
                for n, row in enumerate(sheet.iter_rows(min_row=1), start=1)]
    finally:
        book.close()


def _header(cells: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(cells):
        key = name.strip().lower()
        if not key or key in IGNORED:
            continue
        column = HEADERS.get(key)
        if column is None:
            unknown.append(name.strip())
        elif column in positions:
            raise BenchmarkImportError([Problem(1, f"列“{name.strip()}”重复",
                                                f"the column '{name.strip()}' appears twice")])
        else:
            positions[column] = index
    missing = [_header_name(c) for c in REQUIRED if c not in positions]
    if missing or unknown:
        zh, en = [], []
        if missing:
            zh.append(f"缺少列 {'、'.join(missing)}")
            en.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            zh.append(f"无法识别的列 {'、'.join(unknown)}")
            en.append(f"unknown column(s) {', '.join(unknown)}")
        raise BenchmarkImportError([Problem(1, "；".join(zh), "; ".join(en))])
    return positions


def table_rows(records: list[tuple[int, list[str]]]) -> list[tuple[int, dict[str, str]]]:
    """Records (numbered lists of cells, the header first) as numbered {column: text}."""
    numbered = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not numbered:
        raise BenchmarkImportError([Problem(1, "文件为空", "the file is empty")])
    columns = _header(numbered[0][1] if numbered[0][0] == 1 else [])
    rows = [(n, {column: cells[i].strip() if i < len(cells) else ""
                 for column, i in columns.items()}) for n, cells in numbered[1:]]
    if not rows:
        raise BenchmarkImportError([Problem(1, "文件中没有裁量基准", "the file has no benchmarks")])
    return rows


# ----------------------------------------------------------------------------- checking
@dataclass
class _Offence:
    """An offence as its rows give it, while the file is read."""

    where: int | str                          # its first row
    values: dict[str, str] = field(default_factory=dict)
    value_rows: dict[str, int | str] = field(default_factory=dict)
    tiers: list[TierSpec] = field(default_factory=list)
    tier_rows: dict[str, int | str] = field(default_factory=dict)
    bad: bool = False


class _Reader:
    def __init__(self, known_texts: dict[str, str]) -> None:
        self.known = known_texts
        self.offences: dict[str, _Offence] = {}
        self.texts: dict[str, tuple[str, int | str]] = {}   # code -> (text, where given)
        self.used: dict[str, int | str] = {}                 # code -> where first used
        self.days: dict[date, int | str] = {}
        self.problems: list[Problem] = []
        self.last_code = ""

    def row(self, where: int | str, cells: dict[str, str]) -> None:
        found: list[tuple[str, str]] = []
        # A row without a code continues the offence above it (merged cells).
        code = cells.get("offence_code", "") or self.last_code
        if not code:
            self.problems.append(Problem(where, "未填违法行为编码", "the offence code is empty"))
            return
        if not CODE.match(code):
            self.problems.append(Problem(where, f"违法行为编码“{code}”无效（字母、数字、- _ .，"
                                         "最长 40 个字符）", f"the offence code '{code}' is not "
                                         "valid (letters, digits, - _ ., 40 at most)"))
            return
        self.last_code = code
        offence = self.offences.setdefault(code, _Offence(where))
        for column in OFFENCE_COLUMNS:
            self._offence_value(offence, column, cells.get(column, ""), where, found)
        tier = self._tier(cells.get("tier", ""), offence, where, found)
        conditions = self._conditions(cells.get("conditions", ""), where, found)
        numbers = {c: self._number(cells.get(c, ""), c, found)
                   for c in ("range_low", "range_high", "percent_low", "percent_high")}
        self._day(cells.get("effective_from", ""), where, found)
        if found:
            offence.bad = True
            self.problems.append(Problem(where, "；".join(z for z, _ in found),
                                         "; ".join(e for _, e in found)))
        elif tier:
            offence.tiers.append(TierSpec(tier, conditions, numbers["range_low"],
                                          numbers["range_high"], numbers["percent_low"],
                                          numbers["percent_high"],
                                          cells.get("tier_note") or None))

    def _offence_value(self, offence: _Offence, column: str, value: str, where: int | str,
                       found: list) -> None:
        if not value:
            return
        held = offence.values.get(column)
        if held is None:
            offence.values[column], offence.value_rows[column] = value, where
        elif held != value:
            name = _header_name(column)
            found.append((f"“{name}”与第 {offence.value_rows[column]} 行同一违法行为的不一致",
                          f"'{column}' differs from the same offence's row "
                          f"{offence.value_rows[column]}"))

    def _tier(self, value: str, offence: _Offence, where: int | str, found: list) -> str | None:
        tier = TIER_BY_NAME.get(value.strip().lower() if value.isascii() else value.strip())
        if tier is None:
            found.append((f"裁量阶次“{value}”无效（不予处罚、减轻、从轻、一般、从重）" if value
                          else "未填裁量阶次",
                          f"the tier '{value}' is not one of no_penalty, mitigated, lighter, "
                          "general, heavier" if value else "the tier is empty"))
            return None
        if tier in offence.tier_rows:
            found.append((f"阶次“{TIER_NAMES[tier][0]}”与第 {offence.tier_rows[tier]} 行重复",
                          f"the tier '{tier}' repeats row {offence.tier_rows[tier]}"))
            return None
        offence.tier_rows[tier] = where
        return tier

    def _conditions(self, value: str, where: int | str, found: list) -> tuple[str, ...]:
        items = [i.strip() for line in value.splitlines() for i in re.split(r"[；;]", line)]
        codes = []
        for item in filter(None, items):
            match = ITEM.match(item)
            if not match:
                found.append((f"适用情形“{item}”应写作“编码：说明”（编码用字母、数字、_）",
                              f"the circumstance '{item}' should read 'code: text'"))
                continue
            code, text = match.group(1), (match.group(2) or "").strip()
            if text:
                held = self.texts.get(code)
                if held and held[0] != text:
                    found.append((f"情形 {code} 的说明与第 {held[1]} 行不同",
                                  f"circumstance {code}'s text differs from row {held[1]}"))
                self.texts.setdefault(code, (text, where))
            self.used.setdefault(code, where)
            codes.append(code)
        return tuple(dict.fromkeys(codes))

    @staticmethod
    def _number(value: str, column: str, found: list) -> Decimal | None:
        if not value:
            return None
        try:
            number = parse_number(value)
        except ValueError:
            found.append((f"“{_header_name(column)}”的数值“{value}”无效",
                          f"'{column}': '{value}' is not a number"))
            return None
        if number >= AMOUNT_LIMIT:  # 1e309 or 40 digits: no fine, and no exact text for it
            found.append((f"“{_header_name(column)}”的数值“{value[:40]}”超出范围",
                          f"'{column}': '{value[:40]}' is out of range"))
            return None
        return number

    def _day(self, value: str, where: int | str, found: list) -> None:
        if not value:
            return
        try:
            day = date(*(int(p) for p in re.split(r"[-/.]", value.strip())))
        except (TypeError, ValueError):
            found.append((f"生效日期“{value}”无效，应为 YYYY-MM-DD",
                          f"the effective date '{value}' is not a date (YYYY-MM-DD)"))
            return
        if self.days and day not in self.days:
            first_day, first_row = next(iter(self.days.items()))
            found.append((f"生效日期 {day} 与第 {first_row} 行的 {first_day} 不同（一个文件为一版）",
                          f"the effective date {day} differs from row {first_row}'s "
                          f"{first_day} (one file is one version)"))
        self.days.setdefault(day, where)

    # --------------------------------------------------------------- whole offences
    def offence(self, code: str, draft: _Offence) -> OffenceSpec | None:
        v = draft.values
        found: list[tuple[str, str]] = []
        for column in ("offence_name", "violation_law", "violation_article", "penalty_law",
                       "penalty_article", "statutory_high"):
            if not v.get(column):
                found.append((f"未填“{_header_name(column)}”", f"'{column}' is empty"))
        measure = MEASURE_BY_NAME.get(v.get("measure", "").lower())
        if measure is None:
            found.append((f"计罚方式“{v['measure']}”无效（元 或 倍）",
                          f"the measure '{v['measure']}' is not yuan or multiple"))
        elif measure == "multiple" and not v.get("base"):
            found.append(("按倍数计罚须填“倍数基数”（如 货值金额）",
                          "a fine in multiples needs its base (e.g. 货值金额)"))
        low = self._number(v.get("statutory_low", ""), "statutory_low", found)
        high = self._number(v.get("statutory_high", ""), "statutory_high", found)
        if found:
            self._offence_problems(draft.where, found)
            return None
        spec = OffenceSpec(
            code, v["offence_name"],
            Basis(v["violation_law"], v["violation_article"], v.get("violation_clause")),
            Basis(v["penalty_law"], v["penalty_article"], v.get("penalty_clause")),
            tuple(k for k in re.split(r"[、，,；;\n]", v.get("penalty_kinds", "")) if k.strip()),
            measure, v.get("base") if measure == "multiple" else None, low, high,
            tuple(sorted(draft.tiers, key=lambda t: TIERS.index(t.tier))), v.get("note"))
        problems = offence_problems(spec)
        if problems:
            self._offence_problems(draft.where, problems)
            return None
        return spec

    def _offence_problems(self, where: int | str, found: list[tuple[str, str]]) -> None:
        self.problems.append(Problem(where, "；".join(z for z, _ in found),
                                     "; ".join(e for _, e in found)))

    def circumstances(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for code, where in self.used.items():
            text = self.texts[code][0] if code in self.texts else self.known.get(code)
            if text is None:
                self.problems.append(Problem(where, f"情形 {code} 没有说明（写作“{code}：说明”）",
                                             f"circumstance {code} has no text (write "
                                             f"'{code}: text')"))
            else:
                texts[code] = text
        return texts


def build_set(rows: Iterable[tuple[int | str, dict[str, str]]], *, title: str,
              effective_from: date | None, default_day: date,
              known_texts: dict[str, str] | None = None) -> BenchmarkSet:
    """Check every row and the offences they make up; a BenchmarkSet, or one
    BenchmarkImportError listing every problem."""
    reader = _Reader(known_texts or {})
    for where, cells in rows:
        reader.row(where, cells)
    offences = [reader.offence(code, draft) for code, draft in reader.offences.items()
                if not draft.bad]
    circumstances = reader.circumstances()
    day = next(iter(reader.days), None)
    if reader.problems:
        # Rows in the spreadsheet's order; named places (a shipped file's) as found.
        found = {w: i for i, w in enumerate(dict.fromkeys(p.where for p in reader.problems))}
        raise BenchmarkImportError(sorted(reader.problems, key=lambda p: (
            isinstance(p.where, str), p.where if isinstance(p.where, int) else found[p.where])))
    return BenchmarkSet(title, effective_from or day or default_day, circumstances,
                        tuple(o for o in offences if o is not None))


# ----------------------------------------------------------------------------- import
@dataclass(frozen=True)
class ImportResult:
    version: int
    effective_from: date
    offences: int
    tiers: int

    def as_json(self) -> dict:
        return {"version": self.version, "effective_from": self.effective_from.isoformat(),
                "offences": self.offences, "tiers": self.tiers}


def _records(path: Path) -> tuple[list[tuple[int, list[str]]], bytes]:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput(f"只能导入 .csv 或 .xlsx 文件：{path.name}",
                           f"only .csv and .xlsx files can be imported: {path.name}")
    data = read_limited(path, FILE_LIMIT)
    return (csv_records(data) if suffix == ".csv" else xlsx_records(data)), data


def import_benchmarks(ctx: Context, path: str | os.PathLike, *,
                      effective_from: date | None = None, title: str | None = None
                      ) -> ImportResult:
    """Import a whole published list (CSV or XLSX, by extension) as a new version, in force
    from ``effective_from`` (else the file's 生效日期 column, else today): a date given wins
    over the file's, as when a bureau edits an export into its next version. All or nothing."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    path = Path(path)
    records, data = _records(path)
    today = ctx.clock.today()
    with ctx.read() as session:
        current = version_in_force(session, today)
        known = load_set(session, current).circumstances if current else {}
    bset = build_set(table_rows(records),
                     title=(title or printable_name(path.stem)).strip()[:200],
                     effective_from=effective_from, default_day=today, known_texts=known)
    with ctx.write("benchmark.import") as session:
        version = store_version(session, bset, source=printable_name(path.name),
                                sha256=hashlib.sha256(data).hexdigest(),
                                actor=ctx.actor.username, now=ctx.clock.now())
        return ImportResult(version.number, version.effective_from, len(bset.offences),
                            sum(len(o.tiers) for o in bset.offences))


# ----------------------------------------------------------------------------- export
def export_rows(bset: BenchmarkSet) -> list[dict[str, Any]]:
    """One row per tier, every column filled, numbers as Decimal."""
    rows = []
    for offence in bset.offences:
        for tier in offence.tiers:
            rows.append({
                "offence_code": offence.code, "offence_name": offence.name,
                "violation_law": offence.violation.law,
                "violation_article": offence.violation.article,
                "violation_clause": offence.violation.clause,
                "penalty_law": offence.penalty.law, "penalty_article": offence.penalty.article,
                "penalty_clause": offence.penalty.clause,
                "penalty_kinds": "、".join(offence.kinds),
                "measure": "倍" if offence.measure == "multiple" else "元",
                "base": offence.base, "statutory_low": offence.statutory_low,
                "statutory_high": offence.statutory_high, "tier": TIER_NAMES[tier.tier][0],
                "conditions": "\n".join(f"{c}：{bset.circumstances.get(c, '')}".rstrip("：")
                                        for c in tier.conditions),
                "range_low": tier.range_low, "range_high": tier.range_high,
                "percent_low": tier.percent_low, "percent_high": tier.percent_high,
                "tier_note": tier.note, "note": offence.note,
                "effective_from": bset.effective_from.isoformat()})
    return rows


def _csv_cell(value: Any) -> str:  # noqa: ANN401
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else neutralise(str(value))


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([zh for _c, zh, _o in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c, _zh, _o in EXPORT_COLUMNS])
    # With a byte-order mark: Excel on Chinese Windows reads UTF-8 only when it has one.
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def _write_xlsx(path: Path, rows: list[dict[str, Any]], title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = "裁量基准"
    sheet.append([zh for _c, zh, _o in EXPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c] if isinstance(row[c], Decimal) or row[c] is None
                      else neutralise(str(row[c])) for c, _zh, _o in EXPORT_COLUMNS])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.properties.title = title
    book.save(path)


def export_benchmarks(ctx: Context, path: str | os.PathLike, *, version: int | None = None
                      ) -> tuple[int, int]:
    """Write a version (default: the one in force today) as CSV or XLSX, by extension; the
    file imports again as it is. Returns (version number, rows written)."""
    require(ctx.actor, Permission.VIEW_CASES)
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput(f"只能导出为 .csv 或 .xlsx 文件：{path.name}",
                           f"export only to .csv or .xlsx files: {path.name}")
    with ctx.read() as session:
        row = find_version(session, version, ctx.clock.today())
        bset, number = load_set(session, row), row.number
    rows = export_rows(bset)
    try:
        if path.suffix.lower() == ".csv":
            _write_csv(path, rows)
        else:
            _write_xlsx(path, rows, bset.title)
    except OSError as error:
        raise InvalidInput(f"无法写入文件 {path}：{error.strerror}",
                           f"cannot write the file {path}: {error.strerror}") from None
    return number, len(rows)


# ----------------------------------------------------------------------------- shipped set
def _toml_rows(data: dict[str, Any], name: str) -> list[tuple[str, dict[str, str]]]:
    defaults = data.get("default_conditions", {})
    texts = {c["code"]: c["text"] for c in data.get("circumstance", [])}
    rows = []
    for offence in data.get("offence", []):
        common = {
            "offence_code": offence["code"], "offence_name": offence["name"],
            "violation_law": offence["violation"]["law"],
            "violation_article": offence["violation"]["article"],
            "violation_clause": offence["violation"].get("clause", ""),
            "penalty_law": offence["penalty"]["law"],
            "penalty_article": offence["penalty"]["article"],
            "penalty_clause": offence["penalty"].get("clause", ""),
            "penalty_kinds": "、".join(offence.get("kinds", [])),
            "measure": offence.get("measure", "yuan"), "base": offence.get("base", ""),
            "statutory_low": str(offence.get("statutory_low", "")),
            "statutory_high": str(offence.get("statutory_high", "")),
            "note": offence.get("note", "")}
        for tier in offence.get("tiers", []):
            codes = tier.get("when", defaults.get(tier["tier"], []))
            rows.append((f"{name} {offence['code']}/{tier['tier']}", {
                **common, "tier": tier["tier"],
                "conditions": "\n".join(f"{c}：{texts[c]}" if c in texts else c for c in codes),
                **{key: str(tier.get(field_name, "")) for key, field_name in (
                    ("range_low", "low"), ("range_high", "high"),
                    ("percent_low", "percent_low"), ("percent_high", "percent_high"))},
                "tier_note": tier.get("note", "")}))
    return rows


def load_shipped() -> tuple[BenchmarkSet, str]:
    """The example set of resources/review/benchmarks/*.toml, checked like an import, and the
    SHA-256 of its files."""
    rows: list[tuple[str, dict[str, str]]] = []
    digest = hashlib.sha256()
    title, day = None, None
    for path in sorted(resource_path("review", "benchmarks").glob("*.toml")):
        raw = path.read_bytes()
        digest.update(raw)
        data = tomllib.loads(raw.decode("utf-8"))
        title = title or data.get("title")
        day = max(filter(None, (day, data.get("effective_from"))), default=None)
        rows += _toml_rows(data, path.name)
    bset = build_set(rows, title=title or "裁量基准", effective_from=day,
                     default_day=day or date.today())
    return bset, digest.hexdigest()


def _seeded_or_enrolled(session) -> bool:  # noqa: ANN001
    # Once enrolled, benchmarks are HQ's: they come down with the reference data, and the
    # workstation may not write them (sync.ownership) even to seed an upgraded folder.
    return (session.execute(select(BenchmarkVersion.id).limit(1)).first() is not None
            or session.execute(select(SyncLink.id).limit(1)).first() is not None)


def ensure_defaults(db: Database, *, now: datetime) -> bool:
    """Seed the shipped example set as version 1 into a folder without benchmarks; True when
    it did. A cheap read first, so opening a folder that has them never takes the write lock."""
    with db.read() as session:
        if _seeded_or_enrolled(session):
            return False
    bset, digest = load_shipped()
    with db.write(actor=SYSTEM, action="benchmark.defaults") as session:
        hold_ledger(session)  # PostgreSQL: two servers starting at once seed only once
        if _seeded_or_enrolled(session):
            return False
        store_version(session, bset, source=SHIPPED, sha256=digest, actor=SYSTEM, now=now)
    return True
