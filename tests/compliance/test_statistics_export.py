"""The statistics as a workbook (read back with openpyxl), as a PDF and as the annual report
(read back with pypdf), and `lawdesk stats` on the command line (in process)."""
from __future__ import annotations

import json
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from compliance.report_annual import write_annual_report
from compliance.statistics_export import write_statistics
from core.actor import Actor
from core.clock import fixed_clock
from core.errors import InvalidInput
from lawdesk.workspace import Workspace
from tests.compliance.test_statistics_bureau import SINCE, UNTIL, make_template
from tests.conftest import NOW


@pytest.fixture(scope="module")
def template(initialised_template: Path, tmp_path_factory) -> Path:  # noqa: ANN001
    return make_template(initialised_template, tmp_path_factory.mktemp("stats") / "data", NOW)


@pytest.fixture
def here(template: Path, data_dir: Path) -> Path:
    """This test's own copy of the bureau, at ``data_dir`` (where cli_here looks)."""
    shutil.copytree(template, data_dir)
    return data_dir


@pytest.fixture
def head(here: Path):
    workspace = Workspace.open(here, clock=fixed_clock(NOW))
    yield workspace.context(Actor("head", frozenset({"head"})))
    workspace.close()


def pdf_text(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(path.read_bytes())).pages
                   ).replace("\n", "").replace(" ", "")


def test_the_workbook_reads_back(head, tmp_path):  # noqa: ANN001
    path = tmp_path / "统计.xlsx"
    write_statistics(head, path, SINCE, UNTIL)
    book = load_workbook(path)
    assert book.sheetnames == ["总体", "科室", "执法人员", "设备类型", "案件类型", "月度趋势"]
    totals = {row[0]: row[1] for row in book["总体"].iter_rows(values_only=True)}
    assert totals["音视频（条）"] == 6 and totals["逾期导入（条）"] == 2
    assert totals["合规率"] == 0.5 and totals["导入延迟中位数（小时）"] == 6.0
    units = list(book["科室"].iter_rows(values_only=True))
    header = units[0]
    zonghe = dict(zip(header, next(r for r in units if r[0] == "综合科")))
    assert (zonghe["音视频（条）"], zonghe["立案（件）"], zonghe["缺配（台）"]) == (5, 3, 3)
    months = list(book["月度趋势"].iter_rows(values_only=True))
    assert months[1:] == [("2026-03", 2, 0.67, 1, 1, 1), ("2026-04", 2, 1.33, 1, 2, 0),
                          ("2026-05", 2, 0.25, 0, 1, 1)]
    officers = {r[0]: r for r in book["执法人员"].iter_rows(values_only=True)}
    assert officers["王五"][1] == "综合科" and officers["王五"][2] == 2


def test_the_pdf_report_and_the_annual_report(head, tmp_path):  # noqa: ANN001
    path = tmp_path / "统计.pdf"
    write_statistics(head, path, SINCE, UNTIL)
    text = pdf_text(path)
    assert "执法全过程记录统计表" in text and "共录制音视频6条" in text
    assert "合规率50.0%" in text and "综合科" in text and "王五" in text
    annual = tmp_path / "2026年度报告.pdf"
    write_annual_report(head, 2026, annual)
    text = pdf_text(annual)
    assert "2026年度执法全过程记录工作情况报告" in text
    assert "各月音视频时长（小时）" in text and "需要关注的问题" in text
    # The whole year: C4 (June, open finding) joins 综合科's cases, 1 of 4 complying.
    assert "综合科音像记录合规率25.0%，低于全局40.0%" in text
    assert len(PdfReader(annual).pages) >= 2


def test_other_suffixes_and_future_years_are_refused(head, tmp_path):  # noqa: ANN001
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(InvalidInput) as refused:
        write_statistics(head, tmp_path / "统计.csv", SINCE, UNTIL)
    assert ".xlsx" in refused.value.message("en")
    with pytest.raises(InvalidInput):
        write_annual_report(head, 2027, tmp_path / "2027.pdf")
    with pytest.raises(InvalidInput):
        write_annual_report(head, 2026, tmp_path / "2026.docx")
    assert list(tmp_path.iterdir()) == []


def test_the_command_line(here, cli_here, tmp_path):  # noqa: ANN001
    done = cli_here("--user", "admin", "stats", "--from", "2026-03-01", "--to", "2026-05-31",
                    "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["totals"]["footage_count"] == 6 and data["totals"]["cases"] == 4
    assert data["from"] == "2026-03-01" and data["unit"] is None
    one = json.loads(cli_here("--user", "admin", "stats", "--from", "2026-03-01", "--to",
                              "2026-05-31", "--unit", "法制", "--json").stdout)
    assert one["unit"]["name"] == "法制科" and one["totals"]["footage_count"] == 1
    out = tmp_path / "s.xlsx"
    done = cli_here("--user", "admin", "stats", "export", "--out", str(out), "--from",
                    "2026-03-01", "--to", "2026-05-31")
    assert done.returncode == 0, done.stderr
    assert load_workbook(out)["总体"]["B5"].value is not None
    refused = cli_here("--user", "admin", "stats", "export", "--out", str(tmp_path / "s.txt"),
                       "--from", "2026-03-01", "--to", "2026-05-31")
    assert refused.returncode == 1 and ".xlsx" in refused.stderr
    missing = cli_here("--user", "admin", "stats", "--json")
    assert missing.returncode == 1 and "--from" in missing.stderr
    listed = json.loads(cli_here("--user", "admin", "stats", "list", "late_offloads", "--from",
                                 "2026-03-01", "--to", "2026-05-31", "--json").stdout)
    assert listed["total"] == 2
    by_officer = json.loads(cli_here("--user", "admin", "stats", "list", "footage_count",
                                     "--officer", "C-WANG", "--from", "2026-03-01", "--to",
                                     "2026-05-31", "--json").stdout)
    assert by_officer["total"] == 2
    annual = tmp_path / "a.pdf"
    done = cli_here("--user", "admin", "stats", "annual", "--year", "2026", "--out",
                    str(annual))
    assert done.returncode == 0 and annual.exists()
