"""Public lists in and out of files: CSV (UTF-8 with or without BOM, or GBK from Excel) and
XLSX, by the file's suffix.

Reading gives numbered records (a spreadsheet's row numbers, the header being row 1);
writing puts the Chinese column names in the header row. Text a spreadsheet would run as a
formula is written with a leading apostrophe (core.csv_safe) and read back without it.
A CSV export carries a byte-order mark: Excel on Chinese Windows reads UTF-8 only with one.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from core.csv_safe import CsvRowError, decode_table_text, neutralise, read_csv, unneutralise
from core.errors import InvalidInput
from core.files import atomic_write
from core.table_file import table_bytes
from core.user_files import read_limited
from public_lists.errors import ListImportError, Problem

SUFFIXES = (".csv", ".xlsx")
# A county's longest list (its enforcement items) runs to a few thousand rows: a few
# megabytes as XLSX. Far more is not a list a bureau published.
FILE_LIMIT = 32 * 1024 * 1024

Records = list[tuple[int, list[str]]]


def check_suffix(path: Path, *, writing: bool = False) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        if writing:
            raise InvalidInput(f"只能导出为 .csv 或 .xlsx 文件：{path.name}",
                               f"export only to .csv or .xlsx files: {path.name}")
        raise InvalidInput(f"只能导入 .csv 或 .xlsx 文件：{path.name}",
                           f"only .csv and .xlsx files can be imported: {path.name}")
    return suffix


def decode(data: bytes) -> str:
    text = decode_table_text(data)
    if text is None:
        raise ListImportError([Problem(1, "文件编码无法识别（应为 UTF-8 或 GBK）",
                                       "the file is neither UTF-8 nor GBK")])
    return text


def csv_records(data: bytes) -> Records:
    try:
        return [(n, [unneutralise(c) for c in cells]) for n, cells in read_csv(decode(data))]
    except CsvRowError as error:
        raise ListImportError([Problem(error.row, error.zh, error.en)]) from None


def _cell_text(value: Any) -> str:  # noqa: ANN401 - an openpyxl cell's value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))   # a phone number or a count typed into a number cell
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return unneutralise(str(value))


def xlsx_records(data: bytes) -> Records:
    """The first worksheet's rows as text, numbered as the spreadsheet shows them."""
    from openpyxl import load_workbook  # only an XLSX import pays for importing openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ListImportError([Problem(1, "不是有效的 XLSX 文件", "not a valid XLSX file")]
                              ) from None
    try:
        sheet = book.worksheets[0]
        return [(n, [_cell_text(v) for v in row])
                for n, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)]
    finally:
        book.close()


def read_records(path: Path) -> tuple[Records, bytes]:
    """The file's records and its bytes (for its hash)."""
    suffix = check_suffix(path)
    data = read_limited(path, FILE_LIMIT)
    return (csv_records(data) if suffix == ".csv" else xlsx_records(data)), data


def write_table(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], *,
                sheet_title: str) -> None:
    """Write ``header`` and ``rows`` as CSV or XLSX, by ``path``'s suffix, under a
    temporary name renamed into place: a failed export never leaves half a list."""
    suffix = check_suffix(path, writing=True)
    data = (table_bytes(".csv", header, rows, sheet_title) if suffix == ".csv"
            else _xlsx_bytes(header, rows, sheet_title))
    try:
        atomic_write(path, data)
    except OSError as error:
        raise InvalidInput(f"无法写入文件 {path}：{error.strerror}",
                           f"cannot write the file {path}: {error.strerror}") from None


def _xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[str]],
                sheet_title: str) -> bytes:
    """Unlike a table the window exports (core.table_file), a list is imported again after
    a clerk edits it in Excel: its cells are marked as text, so a certificate number or a
    phone stays as typed and never turns into a number."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]   # Excel's limit on a sheet's name
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.properties.title = sheet_title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
