"""The public lists area as an admin and a clerk meet it: each list's rows in force, its
version history and a diff coloured by what happened to each row; a new version imported
elsewhere appears by itself; a bad file is refused in the import dialog naming the rows;
the personnel list follows the certificates; a clerk cannot import."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.palette import EXPIRING, OK, WARN
from desktop.session import UiSession
from desktop.views.lists.area import ListsArea
from desktop.views.lists.import_dialog import ImportDialog
from organisation.officers import set_certificate_status
from public_lists.service import import_list
from tests.casework.conftest import admin_ctx, bureau  # noqa: F401 - fixtures
from tests.conftest import REPO

EXAMPLES = REPO / "resources" / "examples" / "lists"


@pytest.fixture
def area(qtbot, ui_session, bureau, settle):
    widget = ListsArea(ui_session)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    settle(ui_session)
    return widget


def texts(model, column: int = 0) -> list[str]:  # noqa: ANN001
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def second_inspection_list(folder: Path) -> Path:
    text = (EXAMPLES / "inspection_items.csv").read_text("utf-8-sig")
    text = text.replace("明码标价执行情况,现场检查、书面检查,3%", "明码标价执行情况,现场检查、书面检查,5%")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("SJ-GS-001"))
    text += "\nSJ-TZ-001,农安县市场监督管理局,《特种设备安全法》,特种设备使用单位,定期检验,现场检查,5%,每年一次\n"
    path = folder / "inspection_items-2.csv"
    path.write_text(text, "utf-8")
    return path


def test_rows_history_and_a_coloured_diff(area, admin_ctx, ui_session, wait, qtbot, tmp_path):
    page = area.page("inspection_items")
    assert page.rows_model.rowCount() == 0
    assert "尚无已生效的版本" in page.summary.text()
    assert "resources/examples/lists/inspection_items.csv" in page.summary.text()

    # Imported elsewhere (the command line): the page reads it again by itself.
    import_list(admin_ctx, "inspection_items", EXAMPLES / "inspection_items.csv",
                approved_by="局长办公会")
    wait(ui_session, lambda: page.rows_model.rowCount() == 3)
    assert page.summary.text() == "第 1 版，2026-06-15 起施行，批准：局长办公会；共 3 行。"
    assert page.rows_model.headerData(0, Qt.Orientation.Horizontal) == "事项编码"
    assert texts(page.rows_model) == ["SJ-SP-001", "SJ-JG-001", "SJ-GS-001"]

    import_list(admin_ctx, "inspection_items", second_inspection_list(tmp_path))
    wait(ui_session, lambda: page.versions_model.rowCount() == 2)
    assert texts(page.versions_model) == ["2", "1"]
    assert texts(page.versions_model, 2) == ["admin", "局长办公会"]
    assert texts(page.versions_model, 6) == ["现行", ""]

    page.tabs.setCurrentIndex(2)
    assert (page.old_choice.currentData(), page.new_choice.currentData()) == (1, 2)
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    wait(ui_session, lambda: page.diff is not None)
    model = page.diff_model
    assert texts(model) == ["新增", "删除", "修改"]
    assert page.diff_summary.text() == "新增 1 行，删除 1 行，修改 1 行。"
    colour = Qt.ItemDataRole.ForegroundRole
    assert [model.data(model.index(r, 0), colour) for r in range(3)] == [OK, WARN, EXPIRING]
    ratio = 7   # the 抽查比例 column, after the 变化 column
    assert model.data(model.index(2, ratio)) == "3% → 5%"
    assert model.data(model.index(2, ratio), colour) == EXPIRING
    assert model.data(model.index(2, 1), colour) is None   # its code did not change

    # The old version stays viewable.
    page.tabs.setCurrentIndex(1)
    page.history_view.selectRow(1)
    qtbot.mouseClick(page.show_version_button, Qt.MouseButton.LeftButton)
    wait(ui_session, lambda: "此版本不是现行版本" in page.summary.text())
    assert page.tabs.currentIndex() == 0
    assert texts(page.rows_model) == ["SJ-SP-001", "SJ-JG-001", "SJ-GS-001"]


def test_an_items_benchmark_codes_name_their_offences(area, admin_ctx, ui_session, wait):
    page = area.page("items")
    import_list(admin_ctx, "items", EXAMPLES / "items.csv")
    wait(ui_session, lambda: page.rows_model.rowCount() == 6)
    model, benchmark = page.rows_model, 5
    assert model.data(model.index(3, benchmark)) == "PRICE-42"
    assert model.data(model.index(3, benchmark), Qt.ItemDataRole.ToolTipRole) == (
        "PRICE-42：经营者违反明码标价规定")


def test_the_import_dialog_names_bad_rows_and_then_imports(area, ui_session, wait, tmp_path):
    page = area.page("subjects")
    bad = tmp_path / "subjects.csv"
    bad.write_bytes("主体名称,机构性质,主体类别,执法职权\n某县市场监督管理局,,法定行政机关,行政处罚\n"
                    .encode("gbk"))
    dialog = ImportDialog(ui_session, "subjects", page)
    dialog.saved.connect(page._imported)
    saved = []
    dialog.saved.connect(saved.append)
    dialog.show()
    dialog.accept()
    assert dialog.feedback.text() == "请先选择要导入的文件。"
    dialog.path.setText(str(bad))
    dialog.accept()
    wait(ui_session)
    assert dialog.isVisible()
    assert "第 2 行“机构性质”列：不能为空" in dialog.feedback.text()

    dialog.path.setText(str(EXAMPLES / "subjects.csv"))
    dialog.approved_by.setText("局长办公会")
    dialog.accept()
    wait(ui_session, lambda: page.rows_model.rowCount() == 2)
    assert [v.number for v in saved] == [1]   # and the dialog closed (deleted on close)
    assert page.feedback.text() == "已导入第 1 版（2 行），2026-06-15 起施行。"

    out = tmp_path / "subjects.xlsx"
    page.export_to(out)
    wait(ui_session)
    assert out.is_file() and page.feedback.text() == f"已导出 2 行到 {out}。"


def test_the_personnel_list_follows_the_certificates_and_looks_up(
        area, admin_ctx, ui_session, wait, qtbot):
    page = area.page("personnel")
    assert texts(page.rows_model, 2) == ["22010001", "22010002", "22010004"]
    set_certificate_status(admin_ctx, "22010002", "revoked", "违法违纪")
    wait(ui_session, lambda: texts(page.rows_model, 2) == ["22010001", "22010004"])

    qtbot.keyClicks(page.number, "22010002")
    qtbot.mouseClick(page.lookup_button, Qt.MouseButton.LeftButton)
    wait(ui_session, lambda: page.found is not None)
    assert page.answer.text().startswith("李娜；综合执法一科；2020-01-01 ~ 2028-12-31；")
    assert "已被吊销" in page.answer.text()
    page.number.setText("nope")
    qtbot.mouseClick(page.lookup_button, Qt.MouseButton.LeftButton)
    wait(ui_session, lambda: page.found is None)
    assert page.answer.text() == "未找到执法证号：nope"


def test_a_clerk_sees_the_lists_but_cannot_import(qtbot, workspace, as_role, runner,
                                                   translations, settle):
    session = UiSession(workspace, as_role("clerk"), runner, "zh_CN")
    try:
        widget = ListsArea(session)
        qtbot.addWidget(widget)
        settle(session)
        button = widget.page("items").import_button
        assert not button.isEnabled()
        assert button.toolTip() == "您的角色无权修改事前公示清单。"
        assert [widget.tabs.tabText(i) for i in range(6)] == [
            "执法事项", "执法主体", "执法人员", "窗口人员", "随机抽查事项", "服务指南"]
    finally:
        session.close()
