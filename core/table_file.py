"""A table the window shows, written to a CSV or XLSX file a clerk opens in Excel or WPS.

Every cell goes through core.csv_safe (a text starting with = + - @ cannot run as a
formula); the CSV carries a byte-order mark (Excel on Chinese Windows reads UTF-8 only with
one); the file is written under a temporary name and renamed (core.files.atomic_write), so
a failed export never leaves half a file where the clerk looks for it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Sequence

from core.csv_safe import safe_row
from core.errors import InvalidInput
from core.files import atomic_write

SUFFIXES = (".csv", ".xlsx")


def check_table_path(path: Path) -> str:
    """The export's suffix, or a refusal naming the file."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(f"只能导出为 .csv 或 .xlsx 文件：{Path(path).name}",
                           f"export only to .csv or .xlsx files: {Path(path).name}")
    return suffix


def table_bytes(suffix: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
                title: str) -> bytes:
    if suffix == ".csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(safe_row(header))
        writer.writerows(safe_row(row) for row in rows)
        return out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook   # only an XLSX export pays for importing openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    book = Workbook(write_only=True)   # streamed: a long list costs no cell objects
    # Excel's limits on a sheet's name: 31 characters, none of []:*?/\
    sheet = book.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31]
                              or "Sheet1")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = [WriteOnlyCell(sheet, value=value) for value in safe_row(header)]
    for cell in heading:
        cell.font = bold
    sheet.append(heading)
    for row in rows:
        sheet.append(safe_row(row))
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_table_file(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *,
                     title: str) -> int:
    """Write ``header`` and ``rows`` to ``path`` as CSV or XLSX by its suffix; the number
    of rows written."""
    path = Path(path)
    suffix = check_table_path(path)
    if not path.parent.is_dir():
        raise InvalidInput(f"文件夹不存在：{path.parent}", f"no such folder: {path.parent}")
    data = table_bytes(suffix, header, rows, title)
    try:
        atomic_write(path, data)
    except OSError as error:
        raise InvalidInput(f"无法写入文件 {path}：{error.strerror}",
                           f"cannot write the file {path}: {error.strerror}") from None
    return len(rows)
