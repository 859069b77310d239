"""An admin imports each public list from the bureau's spreadsheet: CSV in UTF-8 or GBK, or
XLSX; Chinese headers or English keys. A file with bad rows is refused naming each row and
column, and nothing of it is kept."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors import InvalidInput
from db.models import LedgerEntry, PublicListRow, PublicListVersion
from public_lists.errors import ListImportError
from public_lists.files import csv_records, read_records
from public_lists.kinds import KINDS, columns
from public_lists.service import SameAsLatest, export_list, import_list, show_list
from tests.public_lists.conftest import EDITABLE, example, example_text


def records_of(path) -> list[list[str]]:
    return [cells for _number, cells in read_records(path)[0]]


def stored(workspace) -> tuple[int, int]:
    with workspace.db.read() as session:
        return (session.execute(select(func.count()).select_from(PublicListVersion)).scalar(),
                session.execute(select(func.count()).select_from(PublicListRow)).scalar())


def test_each_example_list_imports_as_version_1_in_force_today(bureau, admin_ctx,
                                                               ledger_length):
    for kind in EDITABLE:
        before = ledger_length()
        info = import_list(admin_ctx, kind, example(kind), approved_by="局长办公会")

        view = show_list(admin_ctx, kind)
        assert (info.number, info.in_force, info.approved_by) == (1, True, "局长办公会")
        assert view.version.number == 1 and len(view.rows) == info.row_count >= 2
        assert set(view.rows[0]) == {c.key for c in columns(kind)}
        # The version and each row are on the ledger, under the import's action.
        with bureau.db.read() as session:
            actions = set(session.execute(select(LedgerEntry.action).where(
                LedgerEntry.seq > before)).scalars())
        assert actions == {"public_list.import"}
        assert ledger_length() == before + 1 + info.row_count
    # An item's discretion-benchmark codes lead to the benchmark's offences (measure 2).
    items = show_list(admin_ctx, "items")
    assert set(items.benchmarks) == {"FSL-122-A", "FSL-122-B", "FSL-124-5-A", "AD-55-FEE",
                                     "AD-55-NOFEE", "PRICE-42"}
    assert items.benchmarks["PRICE-42"] == "经营者违反明码标价规定"


# One bad file per list: a required cell left empty on row 3, and row 4 repeating row 2's
# identity (its code, name, or unit and name).
BAD = {
    "items": "事项编码,事项类别,事项名称,法律依据,承办机构\n"
             "A-1,行政处罚,对无照经营的处罚,《无证无照经营查处办法》,综合执法一科\n"
             "A-2,行政处罚,,《价格法》,综合执法一科\n"
             "A-1,行政检查,重复编码,《食品安全法》,综合执法一科\n",
    "subjects": "主体名称,机构性质,主体类别,执法职权\n"
                "某县市场监督管理局,行政机关,法定行政机关,行政处罚\n"
                "某县市场监督管理局开发区所,,法律法规授权组织,行政检查\n"
                "某县市场监督管理局,行政机关,法定行政机关,行政强制\n",
    "window_staff": "所在单位,姓名,岗位\n"
                    "政务服务窗口,周晓燕,咨询引导\n"
                    "政务服务窗口,王芳,\n"
                    "政务服务窗口,周晓燕,受理审核\n",
    "inspection_items": "事项编码,检查主体,检查依据,检查对象,检查内容,检查方式,抽查比例,抽查频次\n"
                        "S-1,某县市场监督管理局,《食品安全法》,食品销售者,进货查验,现场检查,5%,每年一次\n"
                        "S-2,某县市场监督管理局,《价格法》,零售商,明码标价,现场检查,,每年一次\n"
                        "S-1,某县市场监督管理局,《广告法》,广告主,广告发布,网络监测,3%,每年一次\n",
    "service_guides": "事项编码,事项名称,设定依据,办理机构\n"
                      "F-1,食品经营许可,《食品安全法》第三十五条,某县市场监督管理局\n"
                      "F-2,个体工商户登记,,某县市场监督管理局\n"
                      "F-1,食品经营许可（延续）,《食品安全法》,某县市场监督管理局\n",
}
EMPTY_COLUMN = {"items": "事项名称", "subjects": "机构性质", "window_staff": "岗位",
                "inspection_items": "抽查比例", "service_guides": "设定依据"}


def test_bad_rows_are_named_with_row_and_column_and_nothing_is_imported(
        workspace, admin_ctx, write, ledger_length):
    before = ledger_length()
    for kind in EDITABLE:
        with pytest.raises(ListImportError) as refused:
            import_list(admin_ctx, kind, write(f"{kind}.csv", BAD[kind]))

        message = refused.value.message()
        assert f"第 3 行“{EMPTY_COLUMN[kind]}”列：不能为空" in message
        assert "第 4 行：与第 2 行重复" in message
        assert [(p.row, p.column) for p in refused.value.problems] == [
            (3, EMPTY_COLUMN[kind]), (4, None)]
        assert f"row 3, column '{EMPTY_COLUMN[kind]}': is empty" in refused.value.message("en")
    assert stored(workspace) == (0, 0) and ledger_length() == before


BAD_ITEMS = [
    # A typo in a discretion-benchmark code (the shipped benchmarks have FSL-122-A).
    ("事项编码,事项类别,事项名称,法律依据,承办机构,裁量基准\n"
     "A-1,行政处罚,无证经营,《食品安全法》,一科,FSL-122-A、FSL-999\n",
     "第 2 行“裁量基准”列：裁量基准中没有违法行为编码 FSL-999"),
    ("事项编码,事项类别,事项名称,法律依据,承办机构\nA 1,行政处罚,无证经营,《食品安全法》,一科\n",
     "第 2 行“事项编码”列：编码“A 1”无效"),
    ("事项编码,事项类别,事项名称,法律依据,承办机构,负责人\n", "无法识别的列 负责人"),
    ("事项编码,事项类别,事项名称\nA-1,行政处罚,无证经营\n", "缺少列 法律依据、承办机构"),
    ("事项编码,事项类别,事项名称,法律依据,承办机构\n", "第 1 行：表头下没有任何一行"),
    ("某县行政执法事项清单\n", "找不到表头"),
]


def test_a_bad_items_file_is_refused_saying_why(workspace, admin_ctx, write):
    for text, expected in BAD_ITEMS:
        with pytest.raises(ListImportError, match=expected):
            import_list(admin_ctx, "items", write("items.csv", text))
    assert stored(workspace) == (0, 0)


def test_window_staff_certificates_must_be_on_record(bureau, admin_ctx, write):
    text = "所在单位,姓名,岗位,执法证号\n窗口,张伟,负责人,22010001\n窗口,王芳,受理,22019999\n"
    with pytest.raises(ListImportError, match="第 3 行“执法证号”列：没有执法证号为“22019999”的执法人员"):
        import_list(admin_ctx, "window_staff", write("staff.csv", text))


def test_a_title_line_above_the_header_and_a_running_number_column_are_skipped(
        workspace, admin_ctx, write):
    text = ("某县市场监督管理局随机抽查事项清单,,,,,,,,\n"
            "序号,事项编码,检查主体,检查依据,检查对象,检查内容,检查方式,抽查比例,抽查频次\n"
            "1,S-1,某县市场监督管理局,《食品安全法》,食品销售者,进货查验,现场检查,5%,每年一次\n")
    import_list(admin_ctx, "inspection_items", write("s.csv", text))
    assert show_list(admin_ctx, "inspection_items").rows[0]["code"] == "S-1"


def test_csv_from_excel_in_gbk_or_utf8_reads_the_same(workspace, admin_ctx, write):
    for number, encoding in enumerate(["gbk", "utf-8", "utf-8-sig"], start=1):
        # Each a new version (a changed phone), read alike whatever the encoding.
        text = example_text("subjects").replace("0431-12315", f"0431-1231{number}")
        import_list(admin_ctx, "subjects", write(f"{encoding}.csv", text, encoding))
        view = show_list(admin_ctx, "subjects")
        assert view.version.number == number
        assert view.rows[0]["name"] == "农安县市场监督管理局"
        assert view.rows[0]["complaint_phone"] == f"0431-1231{number}"


def test_english_keys_are_accepted_as_headers(workspace, admin_ctx, write):
    text = ("code,body,basis,target_kind,content,method,ratio,frequency\n"
            "S-1,某县市场监督管理局,《食品安全法》,食品销售者,进货查验,现场检查,5%,每年一次\n")
    import_list(admin_ctx, "inspection_items", write("s.csv", text))
    row = show_list(admin_ctx, "inspection_items").rows[0]
    assert row == {"code": "S-1", "body": "某县市场监督管理局", "basis": "《食品安全法》",
                   "target_kind": "食品销售者", "content": "进货查验", "method": "现场检查",
                   "ratio": "5%", "frequency": "每年一次"}


def test_an_xlsx_export_imports_back_to_the_same_rows(bureau, admin_ctx, tmp_path):
    for kind in EDITABLE:
        import_list(admin_ctx, kind, example(kind))
        out = tmp_path / f"{kind}.xlsx"
        assert export_list(admin_ctx, kind, out).version == 1
        # The same rows again: refused as no change, which compares the rows' digests.
        with pytest.raises(SameAsLatest, match="完全相同"):
            import_list(admin_ctx, kind, out)
        assert records_of(out) == records_of(example(kind))


def test_csv_export_has_chinese_headers_a_bom_and_no_runnable_formulas(workspace, admin_ctx,
                                                                       write, tmp_path):
    text = ("事项编码,事项类别,事项名称,法律依据,承办机构\n"
            "A-1,行政处罚,\"=HYPERLINK(\"\"http://x\"\")\",《食品安全法》,一科\n")
    import_list(admin_ctx, "items", write("items.csv", text))
    out = tmp_path / "out.csv"
    export_list(admin_ctx, "items", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    records = csv_records(data)
    assert records[0][1] == [c.zh for c in columns("items")]
    assert data.decode("utf-8-sig").splitlines()[1].split(",")[2].startswith("\"'=")
    assert records[1][1][2] == "=HYPERLINK(\"http://x\")"   # the apostrophe comes off again


def test_an_export_that_cannot_be_finished_leaves_the_earlier_file_whole(
        workspace, admin_ctx, write, tmp_path, monkeypatch):
    import_list(admin_ctx, "items", write("items.csv", "事项编码,事项类别,事项名称,法律依据,承办机构\n"
                                                        "A-1,行政处罚,甲,《食品安全法》,一科\n"))
    out = tmp_path / "items.xlsx"
    out.write_bytes(b"last week's list")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("core.files.os.fsync", full_disk)
    with pytest.raises(InvalidInput, match="无法写入文件"):
        export_list(admin_ctx, "items", out)
    assert out.read_bytes() == b"last week's list"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_kinds_are_the_six_lists_the_seed_names():
    assert KINDS == ("items", "subjects", "personnel", "window_staff", "inspection_items",
                     "service_guides")
    assert [c.key for c in columns("inspection_items")] == [
        "code", "body", "basis", "target_kind", "content", "method", "ratio", "frequency"]
    assert columns("items")[0].key == "code"
