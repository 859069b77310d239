"""Exported cells a spreadsheet cannot run as formulas, numbers that stay numbers, and CSV
reading that names the row of a field over the csv module's limit."""
from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.csv_safe import (FIELD_LIMIT, CsvRowError, FieldTooLong, neutralise, read_csv,
                           safe_cell, safe_row, unneutralise)
from disclosure.stats import AnnualStats, KindStats, stats_csv

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "=cmd|' /C calc'!A0", "+86 431",
            "-1+1", "-2-3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
PLAIN = ["中文案由，含标点！", "a-b", "5000", "", "'quoted", "1e309"]
NUMBER_TEXTS = ["-5", "-5.00", "+3", "42"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_cell_that_would_run_as_a_formula_gets_a_leading_quote(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", PLAIN + NUMBER_TEXTS)
def test_other_text_and_the_plain_text_of_a_number_are_left_alone(text):
    assert neutralise(text) == text


def test_numbers_stay_numbers_and_text_is_neutralised_in_csv():
    row = safe_row([Decimal("-5"), -5, -5.5, "-5", "=1+1", None, "名称"])
    assert row == [Decimal("-5"), -5, -5.5, "-5", "'=1+1", "", "名称"]
    out = io.StringIO()
    csv.writer(out).writerow(row)
    assert out.getvalue() == "-5,-5,-5.5,-5,'=1+1,,名称\r\n"


def test_numbers_stay_numbers_and_text_is_neutralised_in_xlsx(tmp_path):
    # openpyxl would store "=..." as a formula: the leading quote makes it a string cell.
    book = Workbook()
    book.active.append(safe_row([Decimal("-5"), -5, "=SUM(A1:B1)", "@x", "-5"]))
    book.save(tmp_path / "cells.xlsx")
    cells = list(load_workbook(tmp_path / "cells.xlsx").active.iter_rows())[0]
    assert [(c.value, c.data_type) for c in cells] == [
        (-5, "n"), (-5, "n"), ("'=SUM(A1:B1)", "s"), ("'@x", "s"), ("-5", "s")]


def test_the_disclosure_statistics_csv_neutralises_a_kind_name_and_keeps_its_counts():
    kind = KindStats("x", "=HYPERLINK(\"http://evil.example\")", to_publish=3, published=2,
                     on_time=2, overdue=1)
    rows = list(csv.reader(io.StringIO(stats_csv(AnnualStats(2026, date(2026, 6, 15),
                                                             [kind])).decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\")"
    assert rows[1][1:4] == ["3", "2", "2"] and rows[1][6] == "66.7%"
    assert rows[2][0] == "合计"


def test_safe_cell_writes_booleans_and_dates_as_text():
    assert safe_cell(True) == "True"
    assert safe_cell(date(2026, 1, 2)) == "2026-01-02"


def test_a_field_over_the_limit_is_refused_naming_its_row():
    text = "a,b\n1,2\n\"x\ny\",3\n4," + "z" * (FIELD_LIMIT + 1) + "\n5,6\n"
    records = read_csv(text)
    assert next(records) == (1, ["a", "b"])
    assert next(records) == (2, ["1", "2"])
    assert next(records) == (3, ["x\ny", "3"])  # a quoted line break stays in its row
    with pytest.raises(FieldTooLong) as refused:
        next(records)
    assert refused.value.row == 4
    assert str(FIELD_LIMIT) in refused.value.en and str(FIELD_LIMIT) in refused.value.zh
    assert isinstance(refused.value, CsvRowError)


def test_a_field_at_the_limit_is_read():
    [(number, cells)] = list(read_csv("z" * FIELD_LIMIT + "\n"))
    assert (number, len(cells[0])) == (1, FIELD_LIMIT)
