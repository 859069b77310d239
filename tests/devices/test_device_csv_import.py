"""Importing devices from CSV: every bad row named at once, and nothing half-imported."""
from __future__ import annotations

from datetime import date

import pytest

from devices.csv_import import import_devices
from devices.errors import DeviceImportError
from devices.registry import device_history, get_device, list_devices

HEADER = "serial,type,unit,model,vendor,purchase_date\n"


def test_import_a_file(bureau, keeper, tmp_path):
    path = tmp_path / "devices.csv"
    path.write_text(HEADER + "BC-10,body_camera,综合,DSJ-V9,海康,2025-03-01\n"
                    "\n"                                  # blank lines are skipped
                    "AR-10,录音笔/执法记录仪（音频）,法制科,,,\n"
                    '"CAM,10",camera,法制,"EOS ""90D""",Canon,2024/3/5\n', "utf-8")
    result = import_devices(keeper, path)
    assert (result.count, result.serials) == (3, ("BC-10", "AR-10", "CAM,10"))
    row = get_device(keeper, "BC-10")
    assert (row.type_code, row.unit_short_name, row.model, row.vendor, row.purchase_date,
            row.status) == ("body_camera", "综合", "DSJ-V9", "海康", date(2025, 3, 1), "in_store")
    assert get_device(keeper, "AR-10").model is None
    camera = get_device(keeper, "CAM,10")
    assert (camera.model, camera.purchase_date) == ('EOS "90D"', date(2024, 3, 5))
    [event] = device_history(keeper, "CAM,10")
    assert (event.kind, event.actor) == ("registered", "keeper")


def test_a_path_given_as_a_string_is_read_as_a_file(bureau, keeper, tmp_path):
    path = tmp_path / "from-a-dialog.csv"
    path.write_text("serial,type,unit\nBC-11,camera,综合\n", "utf-8")
    assert import_devices(keeper, str(path)).serials == ("BC-11",)


def test_chinese_headers_in_any_order_and_optional_columns_left_out(bureau, keeper):
    result = import_devices(keeper, "科室,序列号,类型\n综合,DC-1,高拍仪\n")
    assert result.serials == ("DC-1",)
    assert get_device(keeper, "DC-1").type_code == "document_camera"


@pytest.mark.parametrize("encoding,prefix", [("utf-8", "\ufeff"), ("gbk", ""),
                                             ("utf-8", "")],
                         ids=["utf8-bom-from-excel", "gbk-from-excel", "plain-utf8"])
def test_files_saved_by_excel(bureau, keeper, tmp_path, encoding, prefix):
    path = tmp_path / "devices.csv"
    path.write_bytes((prefix + "序列号,类型,科室,厂商\r\nBC-20,执法记录仪,综合科,海康威视\r\n")
                     .encode(encoding))
    assert import_devices(keeper, path).serials == ("BC-20",)
    assert get_device(keeper, "BC-20").vendor == "海康威视"


ROW_ERRORS = [  # a bad line (row 2 of the file) and what the message must say
    ("BC-30,drone,综合,,,", "未知设备类型“drone”", "unknown device type 'drone'"),
    ("BC-30,body_camera,无此科,,,", "未知科室“无此科”", "unknown unit '无此科'"),
    (",body_camera,综合,,,", "设备序列号不能为空", "the device serial is empty"),
    ("BC-30,,综合,,,", "未填设备类型", "the device type is empty"),
    ("BC-30,body_camera,,,,", "未填科室", "the unit is empty"),
    ("BC-30,body_camera,综合,,,2025-13-01", "购置日期“2025-13-01”无效",
     "the purchase date '2025-13-01' is not a date"),
    ("BC-30,body_camera,综合,,,03/01/2025", "购置日期“03/01/2025”无效",
     "the purchase date '03/01/2025' is not a date"),
    ("BC-30,body_camera,综合,,,2027-01-01", "购置日期 2027-01-01 晚于今天",
     "the purchase date 2027-01-01 is in the future"),
    ("BC-1,body_camera,综合,,,", "序列号 BC-1 已登记", "serial BC-1 is already registered"),
]


@pytest.mark.parametrize("line,zh,en", ROW_ERRORS,
                         ids=["unknown-type", "unknown-unit", "missing-serial", "missing-type",
                              "missing-unit", "bad-date", "us-date", "future-date",
                              "serial-in-database"])
def test_each_kind_of_bad_row(bureau, keeper, unchanged, line, zh, en):
    with unchanged(), pytest.raises(DeviceImportError) as refused:
        import_devices(keeper, HEADER + "GOOD-1,body_camera,综合,,,\n" + line + "\n")
    [problem] = refused.value.problems
    assert problem.row == 3
    assert zh in problem.message("zh_CN") and problem.message("zh_CN").startswith("第 3 行：")
    assert en in problem.message("en") and problem.message("en").startswith("row 3: ")


def test_every_bad_row_is_listed_and_nothing_is_imported(bureau, keeper, unchanged):
    text = (HEADER
            + "OK-1,body_camera,综合,,,\n"          # row 2: fine
            + "OK-2,drone,无此科,,,\n"               # row 3: two problems in one row
            + "OK-3,camera,综合,,,\n"                # row 4: fine
            + "OK-1,camera,法制,,,\n"                # row 5: repeats row 2
            + "BC-2,camera,法制,,,yesterday\n")      # row 6: registered, and a bad date
    with unchanged(), pytest.raises(DeviceImportError) as refused:
        import_devices(keeper, text)
    assert [p.row for p in refused.value.problems] == [3, 5, 6]
    message = refused.value.message("zh_CN")
    assert message.startswith("导入失败，未导入任何设备。第 3 行：未知设备类型“drone”；未知科室“无此科”")
    assert "第 5 行：序列号 OK-1 与第 2 行重复" in message
    assert "\n" not in message  # one line: the command line prints it as its reason
    english = refused.value.message("en")
    assert "row 5: serial OK-1 repeats row 2" in english
    assert "row 6: the purchase date 'yesterday' is not a date" in english
    assert "serial BC-2 is already registered" in english
    assert "OK-3" not in {d.serial for d in list_devices(keeper)}


@pytest.mark.parametrize("text,expected_en", [
    ("", "row 1: the file is empty"),
    ("\n\n", "row 1: the file is empty"),
    ("serial,type\nBC-40,camera\n", "row 1: missing column(s) unit"),
    ("serial,type,unit,colour\n", "row 1: unknown column(s) colour"),
    ("serial,type,unit,serial\n", "row 1: the column 'serial' appears twice"),
    (HEADER, "row 1: the file has no devices"),
], ids=["empty", "blank", "missing-column", "unknown-column", "repeated-column", "header-only"])
def test_a_file_without_a_usable_header_or_rows(bureau, keeper, unchanged, text, expected_en):
    with unchanged(), pytest.raises(DeviceImportError) as refused:
        import_devices(keeper, text)
    assert expected_en in refused.value.message("en")


def test_undecodable_bytes_are_refused(bureau, keeper, unchanged):
    with unchanged(), pytest.raises(DeviceImportError) as refused:
        import_devices(keeper, b"serial,type,unit\n\xff\xfe\xfd,camera,x\n")
    assert "neither UTF-8 nor GBK" in refused.value.message("en")
