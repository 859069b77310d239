"""Running a case from the window: open it through the dialog, add parties and officers
(refusals shown where the user looks), record steps in order, link footage from the
library, then fill, preview, issue, print and save a document."""
from __future__ import annotations

import hashlib
import threading
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from casework.cases import get_case, record_step
from config.settings import set_setting
from desktop.session import UiSession
from desktop.views.cases import documents_panel
from desktop.views.cases.area import CasesArea
from desktop.views.cases.officer_list import OfficerListDialog
from desktop.views.cases.pdf_output import pdf_printer_to_file
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

BUREAU = "农安县市场监督管理局"
USCC = "91220122MA14CK3D0J"          # check character J
USCC_TYPO = "91220122MA14CK3D0X"


@pytest.fixture
def bureau(workspace, admin):
    add_unit(admin, "综合执法一科", "执一")
    for name, number, until in (("张伟", "22010001", date(2028, 12, 31)),
                                ("李娜", "22010002", date(2028, 12, 31)),
                                ("赵强", "22010003", date(2026, 3, 31))):
        add_officer(admin, name, "执一", CertificateInput(number, until, date(2018, 1, 1)))
    set_setting(admin, "bureau.name", BUREAU)
    return workspace


@pytest.fixture
def clerk(bureau, as_role, runner, translations):
    session = UiSession(bureau, as_role("clerk", username="clerk"), runner, "zh_CN")
    yield session
    session.close()


@pytest.fixture
def footage(bureau, admin, tmp_path):
    """Two files of a body camera offloaded through the real pipeline; their SHA-256."""
    from devices.offload.pipeline import offload
    card = tmp_path / "card" / "RECORD"
    card.mkdir(parents=True)
    digests = []
    for i in range(2):
        name = f"J001234_22010001_2026060309{30 + i}00_{i + 1:04d}.MP4"
        data = hashlib.shake_256(name.encode()).digest(20_000 + i)
        (card / name).write_bytes(data)
        digests.append(hashlib.sha256(data).hexdigest())
    offload(admin, bureau.store, card.parent, device_serial="J001234")
    return digests


@pytest.fixture
def area(qtbot, clerk, settle):
    widget = CasesArea(clerk)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    settle(clerk)
    return widget


def _open_case(area, answer_dialog, wait, qtbot) -> dict:
    """Open an ordinary case through the dialog; returns what the dialog said on the way."""
    session = area.session
    seen: dict = {}

    def fill(dialog) -> None:  # noqa: ANN001
        officers = dialog.officers
        dialog.form.cause.setText("销售超过保质期的食品")
        dialog.form.procedure.setCurrentIndex(dialog.form.procedure.findData("ordinary"))
        officers.number.setText("22010003")                 # expired in March
        officers.add_button.click()
        wait(session)
        seen["expired"] = officers.feedback.text()
        officers.number.setText("22010001")
        officers.add_button.click()
        wait(session)
        dialog.ok_button.click()                             # one officer is too few
        wait(session)
        seen["too_few"] = dialog.feedback.text()
        # Typed (or scanned) then Enter: looked up and added, and the dialog is not saved.
        qtbot.keyClicks(officers.number, "22010002")
        qtbot.keyClick(officers.number, Qt.Key.Key_Return)
        wait(session)
        seen["entered"] = (officers.numbers(), officers.number.text(), dialog.isVisible())
        seen["rule"] = dialog.rule.text()
        dialog.ok_button.click()
    answer_dialog(fill)
    area.list.new_button.click()
    qtbot.waitUntil(lambda: area.editor.detail is not None, timeout=30_000)
    wait(session, lambda: not area.list.loading and area.list.selected() is not None)
    return seen


def _add_party(area, answer_dialog, wait) -> dict:
    session = area.session
    seen = {}

    def fill(dialog) -> None:  # noqa: ANN001
        dialog.name.setText("农安县鑫源商贸有限公司")
        dialog.id_number.setText(USCC_TYPO)
        seen["hint"] = dialog.id_check.text()
        dialog.address.setText("吉林省长春市农安县农安镇兴华路188号")
        dialog.representative.setText("王建国")
        dialog.ok_button.click()
        wait(session)
        seen["refused"] = dialog.feedback.text() if dialog.isVisible() else ""
        dialog.id_number.setText(USCC)
        dialog.ok_button.click()
    answer_dialog(fill)
    area.editor.parties.add_button.click()
    wait(session, lambda: area.editor.parties.model.rowCount() == 1)
    return seen


def _type(widget, text: str) -> None:
    """Type as a Chinese input method does: the composed text is committed in one event."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _record(steps, code: str, day: date, wait) -> str:  # noqa: ANN001
    steps.step.setCurrentIndex(steps.step.findData(code))
    steps.day.setDate(QDate(day.year, day.month, day.day))
    steps.record_button.click()
    wait(steps.session)
    return steps.feedback.text()


def _cell(model, row: int, column: int) -> str:  # noqa: ANN001
    return model.data(model.index(row, column))


def test_a_case_is_opened_filled_and_its_steps_recorded_in_order(qtbot, area, clerk,
                                                                   answer_dialog, wait):
    seen = _open_case(area, answer_dialog, wait, qtbot)
    assert "赵强不能担任办案人员" in seen["expired"] and "已于 2026-03-31 到期" in seen["expired"]
    assert seen["too_few"] == ("普通程序案件至少需要 2 名持有有效执法证的办案人员，现有 1 名")
    assert seen["entered"] == (("22010001", "22010002"), "", True)
    assert "普通程序" in seen["rule"]
    editor = area.editor
    assert editor.detail.number == "执一案〔2026〕1号"
    assert area.tabs.currentWidget() is editor
    assert editor.tabs.currentWidget() is editor.parties
    assert area.list.model.rowCount() == 1
    assert area.list.selected().number == "执一案〔2026〕1号"      # the list follows the new case
    assert [o.name for o in editor.detail.officers] == ["张伟", "李娜"]

    party = _add_party(area, answer_dialog, wait)
    assert "校验码应为 J，实为 X" in party["hint"]
    assert party["refused"] == ("农安县鑫源商贸有限公司的统一社会信用代码“91220122MA14CK3D0X”"
                                "无效：校验码应为 J，实为 X")
    assert editor.parties.model.rowCount() == 1
    assert _cell(editor.parties.model, 0, 3) == USCC
    wait(clerk, lambda: _cell(area.list.model, 0, 5) == "农安县鑫源商贸有限公司")

    officers = editor.officers
    officers.picker.list.setCurrentRow(1)
    officers.picker.remove_button.click()
    officers.save_button.click()
    wait(clerk)
    assert "至少需要 2 名" in officers.feedback.text()
    officers.picker.number.setText("22010003")
    officers.picker.add_button.click()
    wait(clerk)
    assert "执法证 22010003 已于 2026-03-31 到期" in officers.picker.feedback.text()
    officers.undo_button.click()
    assert not officers.feedback.isVisible() and officers.picker.numbers() == (
        "22010001", "22010002")
    officers.picker.list.setCurrentRow(1)
    officers.picker.up_button.click()
    officers.save_button.click()
    wait(clerk, lambda: [o.name for o in editor.detail.officers] == ["李娜", "张伟"])
    assert officers.feedback.text() == "办案人员已保存。"
    assert [o.name for o in get_case(clerk.ctx, "执一案〔2026〕1号").officers] == ["李娜", "张伟"]

    steps = editor.steps
    assert steps.step.currentData() == "filing"            # the next step comes first
    refused = _record(steps, "decision", date(2026, 6, 10), wait)
    assert refused == ("案件 执一案〔2026〕1号 不能记录“决定”环节：前一环节“立案”尚未记录，"
                       "须按程序顺序办理")
    assert _record(steps, "filing", date(2026, 6, 4), wait) == "已记录：立案（2026-06-04）"
    assert "早于“立案”环节的日期" in _record(steps, "investigation", date(2026, 6, 3), wait)
    _record(steps, "investigation", date(2026, 6, 5), wait)
    states = [_cell(steps.model, r, 1) for r in range(steps.model.rowCount())]
    assert states[:5] == ["已办理", "已办理", "下一环节", "可选环节", "待办理"]
    wait(clerk, lambda: not area.list.loading)
    assert "调查取证" in _cell(area.list.model, 0, 6)


def test_footage_is_linked_and_a_document_filled_issued_previewed_printed_and_saved(
        qtbot, area, clerk, answer_dialog, footage, tmp_path, wait, monkeypatch):
    _open_case(area, answer_dialog, wait, qtbot)
    _add_party(area, answer_dialog, wait)
    editor = area.editor
    header = editor.header.form
    header.facts.setPlainText("当事人在其经营场所销售超过保质期的“北原”牌纯牛奶48盒。")
    header.legal_basis.setPlainText("《中华人民共和国食品安全法》第一百二十四条第一款第（五）项")
    header.penalty.setPlainText("罚款人民币50000.00元。")
    header.amount.setText("50,000x")
    editor.header.save_button.click()
    wait(clerk)
    assert "罚款金额“50,000x”不是数" in editor.header.feedback.text()   # refused, kept typed
    header.amount.setText("50,000")
    editor.header.save_button.click()
    wait(clerk, lambda: editor.detail.penalty_amount is not None)
    assert editor.header.feedback.text() == "已保存。"
    assert str(editor.detail.penalty_amount) == "50000.00"
    for code, day in (("filing", 4), ("investigation", 5), ("notice", 8)):
        _record(editor.steps, code, date(2026, 6, day), wait)

    picked = {}

    def pick(dialog) -> None:  # noqa: ANN001
        wait(clerk, lambda: not dialog.loading)
        picked["listed"] = dialog.model.rowCount()
        dialog.filter_bar.officer.setText("99999999")        # nobody's certificate
        wait(clerk, lambda: not dialog.loading)
        picked["nobody"] = dialog.model.rowCount()
        dialog.filter_bar.officer.setText("22010001")
        wait(clerk, lambda: not dialog.loading)
        picked["his"] = dialog.model.rowCount()
        dialog.table.selectAll()
        picked["hash"] = dialog.hash.text()
        dialog.ok_button.click()
    answer_dialog(pick)
    editor.evidence.link_button.click()
    evidence = editor.evidence
    wait(clerk, lambda: evidence.model.rowCount() == 2)
    assert (picked["listed"], picked["nobody"], picked["his"]) == (2, 0, 2)
    assert footage[0] in picked["hash"]
    assert {_cell(evidence.model, r, 6) for r in range(2)} == set(footage)
    assert {_cell(evidence.model, r, 5) for r in range(2)} == {"调查取证"}
    evidence.page.table.selectRow(0)
    assert evidence.hash.text().startswith("SHA-256  ")

    panel = editor.documents
    editor.tabs.setCurrentWidget(panel)
    panel.choose("penalty_decision")
    wait(clerk)
    assert panel.title.text() == "行政处罚决定书"
    assert "违反的规定" in panel.missing.text() and "行政复议机关" in panel.missing.text()
    assert panel.fields.rows["court"].origin.text() == "必填，尚未填写"
    assert panel.fields.rows["party_name"].origin.text() == "来自案件"
    assert panel.fields.rows["party_name"].editor.isReadOnly()

    with qtbot.waitSignal(panel.shown, timeout=20_000) as preview:
        panel.preview_button.click()
    assert preview.args[0] > 0 and panel.view.document().pageCount() == preview.args[0]
    assert "未编号" in panel.view_label.text()
    assert not panel.print_button.isEnabled()               # a preview is not printed

    panel.issue_button.click()
    assert not panel.preview_button.isEnabled()             # the buttons wait meanwhile
    wait(clerk)
    assert panel.feedback.text().startswith("《行政处罚决定书》缺少必填项，未生成文书：违反的规定")
    assert panel.number.text() == ""
    assert panel.preview_button.isEnabled()

    for key, text in (("violated_provision", "《中华人民共和国食品安全法》第三十四条第（十）项"),
                      ("review_body", "农安县人民政府"), ("court", "农安县人民法院")):
        _type(panel.fields.rows[key].editor, text)
    # The form is read again once the typing pauses.
    wait(clerk, lambda: panel.missing.text() == "必填项均已填写。")
    assert panel.fields.rows["court"].origin.text() == "本次填写"
    with qtbot.waitSignal(panel.shown, timeout=20_000) as issued:
        panel.issue_button.click()
    assert panel.number.text() == "文书编号：执一罚决字〔2026〕1号"
    assert panel.view.document().pageCount() == issued.args[0] > 0
    wait(clerk, lambda: panel.issued_list.count() == 1)     # the case is read again
    assert panel.issued_list.item(0).text().startswith("执一罚决字〔2026〕1号")

    out = tmp_path / "printed.pdf"
    # Qt's image plugins are loaded on the UI thread before the worker draws (printing
    # first loading them on a worker deadlocked once: pdf_output.load_image_plugins).
    loaded_on, load = [], documents_panel.load_image_plugins
    monkeypatch.setattr(documents_panel, "load_image_plugins", lambda: (loaded_on.append(
        threading.current_thread() is threading.main_thread()), load()))
    panel.print_to(pdf_printer_to_file(out))
    assert loaded_on == [True]
    wait(clerk)
    assert panel.feedback.text() == f"已发送 {issued.args[0]} 页到打印机。"
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
    copy = tmp_path / "copy.pdf"
    panel.save_copy(copy)
    wait(clerk)
    assert panel.feedback.text() == f"副本已保存到 {copy}"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == panel.issued.sha256
    nowhere = tmp_path / "no such folder" / "copy.pdf"
    panel.save_copy(nowhere)                                  # refused where the user looks
    wait(clerk)
    assert panel.feedback.refused and panel.feedback.text().startswith(f"无法保存 {nowhere}：")


def test_the_list_filters_by_text_type_unit_status_and_year(qtbot, area, clerk, answer_dialog,
                                                            wait, admin):
    _open_case(area, answer_dialog, wait, qtbot)
    page = area.list
    assert page.count_label.text() == "案件：1 件"

    def shows(rows: int) -> bool:
        return not page.loading and page.model.rowCount() == rows
    # Typing filters once the typing pauses; each wait below is for that, as a user's.
    page.search.setText("没有这个案由")
    qtbot.waitUntil(lambda: shows(0), timeout=5_000)
    page.search.setText("保质期")
    qtbot.waitUntil(lambda: shows(1), timeout=5_000)
    page.search.clear()
    qtbot.waitUntil(lambda: not page.loading, timeout=5_000)
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))
    qtbot.waitUntil(lambda: shows(0), timeout=5_000)
    page.status_filter.setCurrentIndex(0)
    page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
    qtbot.waitUntil(lambda: shows(0), timeout=5_000)
    page.year_filter.setCurrentIndex(page.year_filter.findData(2026))
    qtbot.waitUntil(lambda: shows(1), timeout=5_000)
    assert page.year_filter.currentText() == "2026年"
    # The type and unit lists were read for the filters.
    assert page.unit_filter.findText("综合执法一科") > 0
    kind = area.editor.detail.row.type_code
    page.type_filter.setCurrentIndex(page.type_filter.findData(kind))
    qtbot.waitUntil(lambda: shows(1), timeout=5_000)
    other = next(page.type_filter.itemData(i) for i in range(1, page.type_filter.count())
                 if page.type_filter.itemData(i) != kind)
    page.type_filter.setCurrentIndex(page.type_filter.findData(other))
    qtbot.waitUntil(lambda: shows(0), timeout=5_000)
    # A unit added elsewhere appears in the list's filter and in the editor's choice.
    add_unit(admin, "综合执法二科", "执二")
    wait(clerk, lambda: page.unit_filter.findText("综合执法二科") > 0)
    unit = area.editor.header.form.unit
    wait(clerk, lambda: unit.findData("执二") >= 0)
    assert unit.currentData() == "执一"                      # the case's own stays chosen


def test_officers_are_chosen_from_the_list_with_what_their_certificate_allows(qtbot, clerk):
    dialog = OfficerListDialog(clerk)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5_000)
    assert dialog.model.rowCount() == 3
    names = [_cell(dialog.model, r, 0) for r in range(3)]
    verdicts = [_cell(dialog.model, r, 3) for r in range(3)]
    assert dict(zip(names, verdicts, strict=True))["赵强"] == "已过期"
    dialog.search.setText("李")
    qtbot.waitUntil(lambda: not dialog.loading and dialog.model.rowCount() == 1, timeout=5_000)
    dialog.table.selectRow(0)
    assert [o.name for o in dialog.chosen()] == ["李娜"]


def test_a_reviewer_reads_cases_but_every_change_is_disabled(qtbot, bureau, clerk, as_role,
                                                            runner, answer_dialog, wait):
    writer = CasesArea(clerk)
    qtbot.addWidget(writer)
    _open_case(writer, answer_dialog, wait, qtbot)
    reviewer = UiSession(bureau, as_role("reviewer", username="fzsh"), runner, "zh_CN")
    area = CasesArea(reviewer)
    qtbot.addWidget(area)
    assert not area.list.new_button.isEnabled()
    assert area.list.new_button.toolTip() == "您的角色无权新建案件。"
    wait(reviewer, lambda: area.list.model.rowCount() == 1)
    area.list.table.selectRow(0)
    editor = area.editor
    wait(reviewer, lambda: editor.detail is not None)
    for button in (editor.header.save_button, editor.parties.add_button,
                   editor.officers.save_button, editor.officers.picker.add_button,
                   editor.steps.record_button, editor.evidence.link_button):
        assert not button.isEnabled()
    assert editor.header.save_button.toolTip() == "您的角色无权修改案件。"
    editor.documents.choose("evidence_list")
    wait(reviewer)
    assert editor.documents.preview_button.isEnabled()
    assert not editor.documents.issue_button.isEnabled()
    assert editor.documents.issue_button.toolTip() == "您的角色无权制发编号文书。"
    reviewer.close()


def test_without_the_right_to_see_cases_the_area_says_so(qtbot, bureau, as_role, runner,
                                                         translations):
    keeper = UiSession(bureau, as_role("custodian", username="keeper"), runner, "zh_CN")
    area = CasesArea(keeper)
    qtbot.addWidget(area)
    notice = area.findChild(QLabel, "casesNotAllowed")
    assert notice is not None and notice.text().startswith("您的角色无权查看案件")


def test_a_preview_that_answers_after_the_user_moved_on_is_not_shown(qtbot, area,
                                                                     answer_dialog, wait):
    _open_case(area, answer_dialog, wait, qtbot)
    panel = area.editor.documents
    panel.choose("penalty_decision")
    wait(area.session)
    panel.preview_button.click()
    panel.choose("evidence_list")            # the user moves on while it renders
    wait(area.session)
    assert panel.view.document().pageCount() == 0 and not panel.view.isVisible()
    assert panel.preview_button.isEnabled() and panel.title.text() == "电子数据提取固定清单"
    assert panel.feedback.text() == ""


def test_a_change_made_elsewhere_reaches_the_list_and_the_open_case(qtbot, area, clerk,
                                                                    answer_dialog, wait):
    _open_case(area, answer_dialog, wait, qtbot)
    editor = area.editor
    number = editor.detail.number
    # The command line (or another window) records a step: nobody clicks anything here.
    record_step(clerk.ctx, number, "filing", date(2026, 6, 4))
    wait(clerk, lambda: editor.steps.model.row(0).done_on == date(2026, 6, 4))
    assert editor.steps.step.currentData() == "investigation"
    wait(clerk, lambda: "立案" in _cell(area.list.model, 0, 6))
    assert area.list.selected().number == number              # still the case chosen


def _case_made_elsewhere(clerk, procedure: str = "ordinary"):  # noqa: ANN001, ANN202
    from casework.cases import create_case
    from casework.inputs import CaseInput
    from casework.types import list_case_types
    return create_case(clerk.ctx, CaseInput(
        type=list_case_types(clerk.ctx)[0].code, procedure=procedure, unit="执一",
        officers=("22010001", "22010002"), cause="销售超过保质期的食品", parties=()))


def test_a_closed_case_is_read_only_and_says_why(qtbot, area, clerk, wait):
    detail = _case_made_elsewhere(clerk, "simplified")
    for day, code in enumerate(("investigation", "notice", "decision", "service", "execution",
                                "closing"), start=1):
        record_step(clerk.ctx, detail.number, code, date(2026, 6, day))
    wait(clerk, lambda: area.list.model.rowCount() == 1)     # heard from the change hub
    area.list.table.selectRow(0)
    editor = area.editor
    wait(clerk, lambda: editor.detail is not None)
    assert "已结案（只读）" in editor.summary.text()
    for control in (editor.header.save_button, editor.header.undo_button,
                    editor.parties.add_button, editor.parties.remove_button,
                    editor.officers.save_button, editor.officers.picker.number,
                    editor.steps.record_button, editor.evidence.link_button,
                    editor.evidence.unlink_button):
        assert not control.isEnabled() and control.toolTip() == "案件已结案。", control
    assert editor.header.form.cause.isReadOnly()
    editor.documents.choose("penalty_decision")
    wait(clerk)
    assert not editor.documents.issue_button.isEnabled()
    assert editor.documents.issue_button.toolTip() == "案件已结案。"


def test_the_editor_reads_its_case_again_only_for_changes_that_may_concern_it(clerk):
    from desktop.changes import Changes
    from desktop.views.cases.editor import concerns
    detail = _case_made_elsewhere(clerk)
    kind = detail.row.type_code

    def named(*records: tuple[str, str]) -> Changes:
        return Changes(frozenset(records))
    own, other = detail.id, "another case"
    assert concerns(detail, named(("enforcement_case", own)))
    assert not concerns(detail, named(("enforcement_case", other)))
    assert concerns(detail, named(("case_officer", f"{own}/officer")))
    assert not concerns(detail, named(("case_officer", f"{other}/officer")))
    assert concerns(detail, named(("case_type", kind)))
    assert not concerns(detail, named(("case_type", "another type")))
    assert concerns(detail, named(("case_party", "a new party, perhaps of this case")))
    assert not concerns(detail, named(("footage", "a file")))   # no evidence linked
    assert not concerns(detail, named(("device", "a recorder")))
    assert concerns(detail, Changes(everything=True))


def test_the_issue_shows_the_documents_date_and_issues_with_the_one_chosen(
        qtbot, area, clerk, wait, tmp_path):
    """The date field starts at the day the document's step was recorded; a date changed
    there is the one the issued document bears (and the ledgered record keeps)."""
    from casework.cases import create_case
    from casework.documents import issued_document
    from casework.inputs import read_case_file
    from tests.conftest import REPO
    case = create_case(clerk.ctx, read_case_file(REPO / "resources" / "examples" / "case.json"))
    for code, day in (("filing", 4), ("investigation", 5)):
        record_step(clerk.ctx, case.number, code, date(2026, 6, day))
    area.open_case(case.number)
    wait(clerk, lambda: area.editor.detail is not None
         and area.editor.detail.number == case.number)
    panel = area.editor.documents
    area.editor.tabs.setCurrentWidget(panel)
    panel.choose("rectification_notice")
    wait(clerk, lambda: panel.missing.text() == "必填项均已填写。")
    assert panel.date_edit.date() == QDate(2026, 6, 5)
    panel.date_edit.setDate(QDate(2026, 6, 6))
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.issue_button.click()
    info, values = issued_document(clerk.ctx, panel.issued.number)
    assert values["document_date"] == "2026-06-06"
    assert values["rectify_deadline"] == "2026年6月10日"
    # A face other than 仿宋 (this machine's AR PL UMing is a 宋体) is named a stand-in.
    from reports.fonts import fallback_note, find_font
    note = fallback_note(find_font())
    assert panel.font_note.isHidden() if note is None else panel.font_note.text() == note[0]
