"""Spreadsheet cells that cannot run as formulas (CSV/formula injection), and CSV reading
that names the row when a field is too long.

A spreadsheet opening a CSV or XLSX file runs a text cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(...)``, DDE ``=cmd|...``); a leading tab or
carriage return can hide such a start. Every exporter writes text through ``safe_cell``,
which puts a single quote in front, as OWASP advises; spreadsheets show the quote-prefixed
cell as the text itself. Numbers stay numbers: an amount of -5 is written as -5, whether
it is passed as a number or as the plain text of one ("-5", "-5.00"), which no spreadsheet
can run. Importers take the quote off again with ``unneutralise``.
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any, Iterator

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Plain decimal numbers, optionally signed: what a numeric column holds as text.
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
# The csv module's own default (131,072 characters): ample for any cell a person typed.
FIELD_LIMIT = csv.field_size_limit()


def neutralise(text: str) -> str:
    """A text cell a spreadsheet would run as a formula, made plain text."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo ``neutralise``: what an export wrote as '=… was =…."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START else text


def safe_cell(value: Any) -> Any:  # noqa: ANN401 - any cell value
    """A value to write into a CSV or XLSX cell: numbers as they are, None as empty, every
    other value as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return value
    return neutralise(str(value))


def safe_row(values: Any) -> list[Any]:  # noqa: ANN401 - any iterable of cells
    return [safe_cell(v) for v in values]


class CsvRowError(ValueError):
    """A record the csv module cannot read. ``row`` counts records as a spreadsheet shows
    them (the header is row 1); ``zh``/``en`` say what is wrong with it."""

    def __init__(self, row: int, zh: str, en: str) -> None:
        super().__init__(f"row {row}: {en}")
        self.row, self.zh, self.en = row, zh, en


class FieldTooLong(CsvRowError):
    """A field longer than FIELD_LIMIT characters."""

    def __init__(self, row: int) -> None:
        super().__init__(row, f"有一格超过 {FIELD_LIMIT} 个字符",
                         f"a field is longer than {FIELD_LIMIT} characters")


def decode_table_text(data: bytes) -> str | None:
    """A table file's text as Excel and WPS save it: UTF-8 (with or without a byte-order
    mark), else GBK (read as GB18030, its superset); None when it is neither, for the caller
    to refuse in its own words."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    """The records of CSV ``text``, numbered from 1. A record the csv module refuses raises
    CsvRowError (FieldTooLong for an over-long field) naming its row: the module's own
    error names neither."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise FieldTooLong(number) from None
            raise CsvRowError(number, f"不是有效的 CSV（{error}）",
                              f"not valid CSV ({error})") from None
        yield number, cells
