"""Importing devices from a CSV file, all or nothing.

Columns (header row required, in any order; English or Chinese names):
    serial (序列号), type (类型), unit (科室) are required;
    model (型号), vendor (厂商), purchase_date (购置日期) may be left out or empty.
A type is given by its code or name, a unit by its name or short name, a date as
YYYY-MM-DD or YYYY/M/D (as Excel writes it).

Every row is checked before anything is written; if any row is bad, one DeviceImportError
lists every bad row ("第 N 行：…" / "row N: …", rows counted as a spreadsheet shows them,
the header being row 1) and nothing is imported. Files saved by Excel come as UTF-8 with a
byte-order mark or, on Chinese Windows, as GBK; both are read.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from core.context import Context
from core.csv_safe import CsvRowError, decode_table_text, read_csv
from core.errors import DomainError
from core.permissions import Permission, require
from db.models import Device, DeviceType, Unit
from devices.errors import DeviceImportError, RowProblem
from devices.fields import optional_text, purchase_date_ok
from devices.lookup import clean_serial
from devices.status import IN_STORE, move

COLUMNS = {  # accepted header -> column
    "serial": "serial", "序列号": "serial", "设备序列号": "serial", "编号": "serial",
    "type": "type", "类型": "type", "设备类型": "type",
    "unit": "unit", "科室": "unit", "单位": "unit", "所属科室": "unit",
    "model": "model", "型号": "model",
    "vendor": "vendor", "厂商": "vendor", "品牌": "vendor", "生产厂家": "vendor",
    "purchase_date": "purchase_date", "购置日期": "purchase_date", "采购日期": "purchase_date",
}
REQUIRED = ("serial", "type", "unit")
DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
CHUNK = 500  # serials per "already registered?" query, under SQLite's variable limit
# A bureau's whole device list is some hundred kilobytes; far more is not a device list.
FILE_LIMIT = 32 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    count: int
    serials: tuple[str, ...]


@dataclass(frozen=True)
class _Row:
    number: int
    serial: str
    type_code: str
    unit_id: str
    model: str | None
    vendor: str | None
    purchase_date: date | None


def decode(data: bytes) -> str:
    text = decode_table_text(data)
    if text is None:
        raise DeviceImportError([RowProblem(1, "文件编码无法识别（应为 UTF-8 或 GBK）",
                                            "the file is neither UTF-8 nor GBK")])
    return text


def _read_text(source: str | bytes | os.PathLike) -> str:
    # A one-line string naming a file is a path (what a file dialog returns), not CSV text.
    if isinstance(source, str) and "\n" not in source and os.path.isfile(source):
        source = Path(source)
    if isinstance(source, os.PathLike):
        try:
            with open(source, "rb") as handle:
                source = handle.read(FILE_LIMIT + 1)  # never more than the limit in memory
        except OSError as error:
            raise DeviceImportError([RowProblem(1, f"无法读取文件：{error.strerror}",
                                                f"cannot read the file: {error.strerror}")]
                                    ) from None
    if len(source) > FILE_LIMIT:
        raise DeviceImportError([RowProblem(1, f"文件超过 {FILE_LIMIT // (1024 * 1024)} MiB",
                                            f"the file is larger than "
                                            f"{FILE_LIMIT // (1024 * 1024)} MiB")])
    if isinstance(source, bytes):
        return decode(source)
    return source.lstrip("\ufeff")


def _records(text: str) -> list[list[str]]:
    try:
        return [cells for _number, cells in read_csv(text)]
    except CsvRowError as error:  # e.g. a field over the csv module's 131,072 characters
        raise DeviceImportError([RowProblem(error.row, error.zh, error.en)]) from None


def _parse_date(text: str) -> date:
    match = DATE.match(text)
    if not match:
        raise ValueError(text)
    return date(*(int(part) for part in match.groups()))


def _header(cells: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(cells):
        key = name.strip().lower()
        if not key:
            continue
        column = COLUMNS.get(key)
        if column is None:
            unknown.append(name.strip())
        elif column in positions:
            raise DeviceImportError([RowProblem(1, f"列“{name.strip()}”重复",
                                                f"the column '{name.strip()}' appears twice")])
        else:
            positions[column] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing or unknown:
        zh, en = [], []
        if missing:
            zh.append(f"缺少列 {', '.join(missing)}")
            en.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            zh.append(f"无法识别的列 {', '.join(unknown)}")
            en.append(f"unknown column(s) {', '.join(unknown)}")
        raise DeviceImportError([RowProblem(1, "；".join(zh) + "（应有 serial,type,unit,model,"
                                            "vendor,purchase_date）",
                                            "; ".join(en) + " (expected serial,type,unit,"
                                            "model,vendor,purchase_date)")])
    return positions


class _Lookups:
    """Types and units by every name a file may use, loaded once for the whole file."""

    def __init__(self, session) -> None:  # noqa: ANN001
        self.types: dict[str, DeviceType] = {}
        for t in session.execute(select(DeviceType)).scalars():
            for key in (t.code, t.name_zh, t.name_en):
                self.types.setdefault(key, t)
        self.units: dict[str, str] = {}
        for unit_id, name, short in session.execute(select(Unit.id, Unit.name,
                                                           Unit.short_name)):
            self.units.setdefault(name, unit_id)
            self.units.setdefault(short, unit_id)


def _check_row(number: int, cells: list[str], columns: dict[str, int], lookups: _Lookups,
               today: date) -> tuple[_Row | None, list[tuple[str, str]]]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    problems: list[tuple[str, str]] = []
    serial = type_code = unit_id = None
    purchase = None
    model = vendor = None
    try:
        serial = clean_serial(cell("serial"))
    except DomainError as error:
        problems.append((error.message("zh_CN"), error.message("en")))
    device_type = lookups.types.get(cell("type"))
    if not cell("type"):
        problems.append(("未填设备类型", "the device type is empty"))
    elif device_type is None:
        problems.append((f"未知设备类型“{cell('type')}”", f"unknown device type '{cell('type')}'"))
    elif not device_type.active:
        problems.append((f"设备类型“{device_type.name_zh}”已停用",
                         f"the device type '{device_type.name_en}' is no longer in use"))
    else:
        type_code = device_type.code
    unit_id = lookups.units.get(cell("unit"))
    if not cell("unit"):
        problems.append(("未填科室", "the unit is empty"))
    elif unit_id is None:
        problems.append((f"未知科室“{cell('unit')}”", f"unknown unit '{cell('unit')}'"))
    if cell("purchase_date"):
        try:
            purchase = purchase_date_ok(_parse_date(cell("purchase_date")), today)
        except ValueError:
            text = cell("purchase_date")
            problems.append((f"购置日期“{text}”无效，应为 YYYY-MM-DD",
                             f"the purchase date '{text}' is not a date (YYYY-MM-DD)"))
        except DomainError as error:
            problems.append((error.message("zh_CN"), error.message("en")))
    for name, zh, en in (("model", "型号", "model"), ("vendor", "厂商", "vendor")):
        try:
            value = optional_text(cell(name), 100, zh, en)
        except DomainError as error:
            problems.append((error.message("zh_CN"), error.message("en")))
            continue
        model, vendor = (value, vendor) if name == "model" else (model, value)
    if problems:
        return None, problems
    return _Row(number, serial, type_code, unit_id, model, vendor, purchase), []


def _registered(session, serials: list[str]) -> set[str]:  # noqa: ANN001
    found: set[str] = set()
    for start in range(0, len(serials), CHUNK):
        chunk = serials[start:start + CHUNK]
        found.update(session.execute(select(Device.serial)
                                     .where(Device.serial.in_(chunk))).scalars())
    return found


def import_devices(ctx: Context, source: str | bytes | os.PathLike) -> ImportResult:
    """Import every device of a CSV file, or none. ``source``: a path (``pathlib.Path``, or
    a one-line string naming an existing file), the file's bytes, or its text."""
    require(ctx.actor, Permission.MANAGE_DEVICES)
    records = _records(_read_text(source))
    numbered = [(number, cells) for number, cells in enumerate(records, start=1)
                if any(c.strip() for c in cells)]  # blank lines are not rows to import
    if not numbered:
        raise DeviceImportError([RowProblem(1, "文件为空", "the file is empty")])
    if numbered[0][0] != 1:
        numbered = [(1, [])] + numbered  # a blank first line is a missing header
    columns = _header(numbered[0][1])
    today, now = ctx.clock.today(), ctx.clock.now()
    with ctx.write("device.import") as session:
        lookups = _Lookups(session)
        rows: list[_Row] = []
        problems: dict[int, list[tuple[str, str]]] = {}
        first_seen: dict[str, int] = {}
        for number, cells in numbered[1:]:
            row, found = _check_row(number, cells, columns, lookups, today)
            serial = row.serial if row else (cells[columns["serial"]].strip()
                                             if columns["serial"] < len(cells) else "")
            if serial and serial in first_seen:
                found.append((f"序列号 {serial} 与第 {first_seen[serial]} 行重复",
                              f"serial {serial} repeats row {first_seen[serial]}"))
            elif serial:
                first_seen[serial] = number
            if found:
                problems[number] = found
            elif row:
                rows.append(row)
        for serial in _registered(session, list(first_seen)):
            number = first_seen[serial]
            problems.setdefault(number, []).append(
                (f"序列号 {serial} 已登记", f"serial {serial} is already registered"))
        if not rows and not problems:
            raise DeviceImportError([RowProblem(1, "文件中没有设备", "the file has no devices")])
        if problems:
            raise DeviceImportError([
                RowProblem(n, "；".join(zh for zh, _ in found), "; ".join(en for _, en in found))
                for n, found in sorted(problems.items())])
        devices = [Device(serial=r.serial, type_code=r.type_code, unit_id=r.unit_id,
                          model=r.model, vendor=r.vendor, purchase_date=r.purchase_date,
                          status=IN_STORE, created_at=now) for r in rows]
        session.add_all(devices)
        session.flush()
        for device in devices:
            move(session, device, kind="registered", to=IN_STORE, actor=ctx.actor.username,
                 at=now, notes="CSV", first=True)
    return ImportResult(len(rows), tuple(r.serial for r in rows))
