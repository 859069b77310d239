"""Tables exported to CSV/XLSX (core.table_file): Chinese headers a spreadsheet reads,
formula-safe cells, numbers kept, refused suffixes and folders named, nothing half-written."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from core.errors import InvalidInput
from core.table_file import write_table_file

HEADER = ["姓名", "执法证号", "数量"]
ROWS = [["张三", "=HYPERLINK(\"http://x\")", 3], ["李四", "@SUM(A1)", -5]]


def test_csv_has_a_bom_and_neutralised_formulas(tmp_path):
    path = tmp_path / "人员.csv"
    assert write_table_file(path, HEADER, ROWS, title="人员") == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows == [HEADER, ["张三", "'=HYPERLINK(\"http://x\")", "3"], ["李四", "'@SUM(A1)", "-5"]]


def test_xlsx_reads_back_with_its_sheet_title(tmp_path):
    path = tmp_path / "人员.xlsx"
    write_table_file(path, HEADER, ROWS, title="执法人员：名单/2026")
    sheet = load_workbook(path).active
    assert sheet.title == "执法人员：名单2026"
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        HEADER, ["张三", "'=HYPERLINK(\"http://x\")", 3], ["李四", "'@SUM(A1)", -5]]


def test_a_wrong_suffix_or_missing_folder_is_refused_and_nothing_is_left(tmp_path):
    with pytest.raises(InvalidInput) as error:
        write_table_file(tmp_path / "人员.pdf", HEADER, ROWS, title="x")
    assert "人员.pdf" in error.value.message()
    with pytest.raises(InvalidInput):
        write_table_file(tmp_path / "无此文件夹" / "a.csv", HEADER, ROWS, title="x")
    assert list(tmp_path.iterdir()) == []
