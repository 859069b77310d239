"""The bureau's published benchmark list in and out: CSV (UTF-8 with or without BOM, GBK
from Excel) and XLSX, all or nothing with every bad row named, each import a new version
with the old ones kept, and exports that no spreadsheet runs as formulas."""
from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.errors import InvalidInput
from core.permissions import PermissionDenied
from review.benchmark_files import EXPORT_COLUMNS, export_benchmarks, import_benchmarks
from review.benchmarks import BenchmarkImportError, get_benchmarks, list_versions, suggest

D = Decimal
HEADER = ("违法行为编码,违法行为,违法依据（法律）,违法依据（条）,处罚依据（法律）,处罚依据（条）,"
          "计罚方式,法定最低,法定最高,裁量阶次,适用情形,幅度下限,幅度上限\n")
LAW = "《中华人民共和国价格法》"
# A bureau's own split for 价格法第四十二条 (maximum only), the offence's columns filled on
# its first row only, as merged cells leave them.
GOOD = (HEADER
        + f"PRICE-42,经营者违反明码标价规定,{LAW},第十三条,{LAW},第四十二条,元,,5000,一般,,1000,3000\n"
        + ",,,,,,,,,从轻,first：初次违法，及时改正,0,1000\n"
        + "PRICE-42,,,,,,,,,从重,repeat：一年内再次违法,3000,5000\n")


@pytest.fixture
def write(tmp_path):
    def make(text: str, name: str = "list.csv", encoding: str = "utf-8") -> object:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path
    return make


def test_an_import_is_a_new_version_and_the_old_one_stays(admin, write, ledger_length):
    result = import_benchmarks(admin, write(GOOD), effective_from=date(2026, 6, 1))
    assert (result.version, result.offences, result.tiers) == (2, 1, 3)
    versions = list_versions(admin)
    assert [(v.number, v.in_force, v.offences, v.source) for v in versions] == [
        (2, True, 1, "list.csv"), (1, False, 8, "resources/review/benchmarks")]
    found = suggest(admin, "PRICE-42", ["first"])
    assert (found.version, found.tier, found.range_low, found.range_high) == (
        2, "lighter", D("0"), D("1000"))
    assert found.circumstances == (("first", "初次违法，及时改正"),)
    # The old version is kept and still answers for a day it was in force.
    assert suggest(admin, "FSL-122-A", on=date(2026, 5, 31)).version == 1
    _info, old = get_benchmarks(admin, version=1)
    assert len(old.offences) == 8


def test_a_version_effective_later_waits_for_its_day(admin, write):
    import_benchmarks(admin, write(GOOD), effective_from=date(2026, 7, 1))
    assert suggest(admin, "PRICE-42").version == 1            # today is 2026-06-15
    assert suggest(admin, "PRICE-42", on=date(2026, 7, 1)).version == 2
    assert [v.in_force for v in list_versions(admin)] == [False, True]


@pytest.mark.parametrize("encoding,prefix", [("utf-8", "\ufeff"), ("gbk", ""), ("utf-8", "")],
                         ids=["utf8-bom-from-excel", "gbk-from-excel", "plain-utf8"])
def test_files_saved_by_excel(admin, write, encoding, prefix):
    path = write(prefix + GOOD.replace("\n", "\r\n"), encoding=encoding)
    assert import_benchmarks(admin, path).version == 2
    assert suggest(admin, "PRICE-42", ["repeat"]).basis.count("一年内再次违法") == 1


def test_every_bad_row_is_named_and_nothing_is_imported(admin, write, ledger_length):
    before = ledger_length()
    bad = (HEADER
           + f"PRICE-42,经营者违反明码标价规定,{LAW},第十三条,{LAW},第四十二条,元,,5000,一般,,1000,3000\n"
           + ",,,,,,,,,很轻,x：说明,0,1000\n"                                # row 3
           + "PRICE-42,另一个名称,,,,,,,,从轻,first：初次,abc,1000\n"            # row 4
           + "PRICE-42,,,,,,,,,一般,,0,100\n"                                  # row 5
           + "\n"
           + f"AD-1,虚假广告,{LAW},第一条,{LAW},第二条,元,200000,1000000,从轻,late,100,200\n"
           + f"坏 编码,名称,{LAW},第一条,{LAW},第二条,元,,10,一般,,0,1\n")   # row 8
    with pytest.raises(BenchmarkImportError) as refused:
        import_benchmarks(admin, write(bad))
    lines = refused.value.message().split("；第 ")
    message = refused.value.message()
    assert message.startswith("导入失败，未导入任何裁量基准。第 3 行：裁量阶次“很轻”无效")
    assert "第 4 行：“违法行为”与第 2 行同一违法行为的不一致；“幅度下限”的数值“abc”无效" in message
    assert "第 5 行：阶次“一般”与第 2 行重复" in message
    assert "第 7 行：缺少“一般”阶次；“从轻”阶次的幅度（100元至200元）超出法定幅度" in message
    assert "第 7 行：情形 late 没有说明（写作“late：说明”）" in message
    assert "第 8 行：违法行为编码“坏 编码”无效" in message
    assert len(lines) >= 5
    assert "row 3: the tier '很轻' is not one of" in refused.value.message("en")
    assert [v.number for v in list_versions(admin)] == [1]
    assert ledger_length() == before


@pytest.mark.parametrize("text,problem", [
    ("", "第 1 行：文件为空"),
    ("编码,阶次\n", "第 1 行：文件中没有裁量基准"),
    ("违法行为,裁量阶次\nx,一般\n", "第 1 行：缺少列 违法行为编码"),
    ("违法行为编码,裁量阶次,颜色\nx,一般\n", "第 1 行：无法识别的列 颜色"),
    ("违法行为编码,编码,裁量阶次\n", "第 1 行：列“编码”重复"),
])
def test_a_bad_header_is_named(admin, write, text, problem):
    with pytest.raises(BenchmarkImportError) as refused:
        import_benchmarks(admin, write(text))
    assert problem in refused.value.message()


def test_a_row_without_its_offences_columns_is_named(admin, write):
    text = HEADER + "P-1,,,,,,元,,5000,一般,,0,1\n"
    with pytest.raises(BenchmarkImportError) as refused:
        import_benchmarks(admin, write(text))
    assert ("第 2 行：未填“违法行为”；未填“违法依据（法律）”；未填“违法依据（条）”；"
            "未填“处罚依据（法律）”；未填“处罚依据（条）”") in refused.value.message()


def test_circumstance_texts_come_from_the_version_in_force(admin, write):
    text = GOOD.replace("first：初次违法，及时改正", "eliminated_harm")
    import_benchmarks(admin, write(text))
    found = suggest(admin, "PRICE-42", ["eliminated_harm"])
    assert found.circumstances == (("eliminated_harm", "主动消除或者减轻违法行为危害后果"),)


def test_the_file_gives_one_date_and_a_date_given_wins(admin, write):
    text = GOOD.replace("幅度上限\n", "幅度上限,生效日期\n").replace("3000\n", "3000,2026/7/1\n", 1)
    assert import_benchmarks(admin, write(text)).effective_from == date(2026, 7, 1)
    given = import_benchmarks(admin, write(text), effective_from=date(2026, 8, 1))
    assert given.effective_from == date(2026, 8, 1)
    two_dates = text.replace("3000,5000\n", "3000,5000,2026-07-02\n")
    with pytest.raises(BenchmarkImportError) as refused:
        import_benchmarks(admin, write(two_dates))
    assert ("第 4 行：生效日期 2026-07-02 与第 2 行的 2026-07-01 不同（一个文件为一版）"
            in refused.value.message())


def test_only_csv_and_xlsx_and_only_by_admins(admin, as_role, write, tmp_path):
    with pytest.raises(InvalidInput):
        import_benchmarks(admin, write(GOOD, name="list.txt"))
    with pytest.raises(PermissionDenied):
        import_benchmarks(as_role("clerk"), write(GOOD))
    with pytest.raises(BenchmarkImportError) as refused:
        import_benchmarks(admin, write("not a workbook", name="list.xlsx"))
    assert "第 1 行：不是有效的 XLSX 文件" in refused.value.message()
    with pytest.raises(InvalidInput):
        export_benchmarks(admin, tmp_path / "out.pdf")


# ----------------------------------------------------------------------------- export
def _same_lists(a, b) -> bool:  # noqa: ANN001
    return a.offences == b.offences and a.circumstances == b.circumstances


def test_csv_export_imports_again_as_it_is(admin, tmp_path):
    out = tmp_path / "基准.csv"
    assert export_benchmarks(admin, out) == (1, 39)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")    # Excel needs the BOM for UTF-8
    assert out.read_text("utf-8-sig").splitlines()[0] == ",".join(
        zh for _c, zh, _o in EXPORT_COLUMNS)
    assert import_benchmarks(admin, out).version == 2
    _v1, first = get_benchmarks(admin, version=1)
    _v2, second = get_benchmarks(admin, version=2)
    assert _same_lists(first, second) and second.effective_from == date(2022, 10, 8)


def test_xlsx_export_round_trip_read_back_with_openpyxl(admin, tmp_path):
    out = tmp_path / "基准.xlsx"
    export_benchmarks(admin, out)
    book = load_workbook(out)
    sheet = book["裁量基准"]
    header = [c.value for c in sheet[1]]
    assert header == [zh for _c, zh, _o in EXPORT_COLUMNS]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    lighter = next(r for r in rows if r["违法行为编码"] == "PQL-50" and r["裁量阶次"] == "从轻")
    assert (lighter["幅度下限"], lighter["幅度上限"], lighter["计罚方式"], lighter["倍数基数"],
            lighter["处罚依据（法律）"], lighter["处罚依据（条）"]) == (
        0.5, 1.25, "倍", "货值金额", "《中华人民共和国产品质量法》", "第五十条")
    assert "eliminated_harm：主动消除或者减轻违法行为危害后果" in lighter["适用情形"].splitlines()
    price = next(r for r in rows if r["违法行为编码"] == "PRICE-42" and r["裁量阶次"] == "从重")
    assert (price["法定最低"], price["法定最高"], price["最高额百分比下限"],
            price["最高额百分比上限"]) == (None, 5000, 70, 100)
    assert import_benchmarks(admin, out).version == 2
    _v1, first = get_benchmarks(admin, version=1)
    _v2, second = get_benchmarks(admin, version=2)
    assert _same_lists(first, second)


def test_an_xlsx_percentage_cell_reads_as_a_percentage(admin, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["违法行为编码", "违法行为", "违法依据（法律）", "违法依据（条）", "处罚依据（法律）",
                  "处罚依据（条）", "法定最高", "裁量阶次", "适用情形", "最高额百分比下限",
                  "最高额百分比上限"])
    sheet.append(["P-1", "名称", LAW, "第一条", LAW, "第二条", 5000, "一般", None, 0.25, 0.75])
    for cell in ("J2", "K2"):
        sheet[cell].number_format = "0%"
    path = tmp_path / "pct.xlsx"
    book.save(path)
    import_benchmarks(admin, path)
    found = suggest(admin, "P-1")
    assert (found.range_low, found.range_high) == (D("1250"), D("3750"))


FORMULAS = ["=HYPERLINK(\"http://x\",\"点击\")", "+86 431", "-1+1", "@SUM(A1)"]


def test_exports_neutralise_cells_that_would_run_as_formulas(admin, write, tmp_path):
    lines = io.StringIO()
    csv.writer(lines).writerows(
        [f"P-{i}", f"名称{i}", LAW, "第一条", LAW, "第二条", "元", "", "5000", "一般", "", "0",
         "1", formula] for i, formula in enumerate(FORMULAS))
    import_benchmarks(admin, write(HEADER.replace("幅度上限\n", "幅度上限,说明\n")
                                   + lines.getvalue()))
    csv_out, xlsx_out = tmp_path / "out.csv", tmp_path / "out.xlsx"
    export_benchmarks(admin, csv_out)
    export_benchmarks(admin, xlsx_out)
    csv_text = csv_out.read_text("utf-8-sig")
    for formula in FORMULAS:
        assert f"'{formula}".replace('"', '""') in csv_text
    sheet = load_workbook(xlsx_out)["裁量基准"]
    notes = [row[-2].value for row in sheet.iter_rows(min_row=2)]
    assert notes == [f"'{f}" for f in FORMULAS]
    assert all(row[-2].data_type == "s" for row in sheet.iter_rows(min_row=2))
    # Imported again, the apostrophe comes off: the text is what was written.
    for out in (csv_out, xlsx_out):
        import_benchmarks(admin, out)
        _info, bset = get_benchmarks(admin)
        assert [o.note for o in bset.offences] == FORMULAS


# ----------------------------------------------------------------------------- seeding
def test_the_example_set_is_seeded_once_and_never_into_an_enrolled_folder(workspace, raw_db,
                                                                          clock):
    from review.benchmark_files import ensure_defaults
    assert ensure_defaults(workspace.db, now=clock.now()) is False      # already there
    with raw_db() as connection:   # as a folder upgraded from schema 0008 would be
        for table in ("benchmark_tier", "benchmark_offence", "benchmark_circumstance",
                      "benchmark_version"):
            connection.execute(f"DELETE FROM {table}")
        connection.execute(
            "INSERT INTO sync_link (id, server_url, unit_id, server_id, enrolled_at, "
            "enrolled_by, enrolled_at_seq) VALUES (1, 'https://hq', 'u', 's', "
            "'2026-06-01 00:00:00.000000', 'admin', 1)")
    # Enrolled: the benchmarks are HQ's and come down with the next sync.
    assert ensure_defaults(workspace.db, now=clock.now()) is False
    with raw_db() as connection:
        assert connection.execute("SELECT count(*) FROM benchmark_version").fetchone() == (0,)
        connection.execute("DELETE FROM sync_link")
    assert ensure_defaults(workspace.db, now=clock.now()) is True
    with raw_db() as connection:
        assert connection.execute("SELECT number, imported_by FROM benchmark_version"
                                  ).fetchall() == [(1, "system")]


def test_problems_of_a_shipped_file_name_the_offence_and_tier():
    from review.benchmark_files import build_set
    rows = [("x.toml P-1/general", {"offence_code": "P-1", "offence_name": "名称",
                                    "violation_law": LAW, "violation_article": "第一条",
                                    "penalty_law": LAW, "penalty_article": "第二条",
                                    "statutory_high": "100", "tier": "general",
                                    "range_low": "0", "range_high": "200"})]
    with pytest.raises(BenchmarkImportError) as refused:
        build_set(rows, title="t", effective_from=None, default_day=date(2026, 1, 1))
    assert refused.value.problems[0].message() == (
        "x.toml P-1/general：“一般”阶次的幅度（0元至200元）超出法定幅度（100元以下）")
