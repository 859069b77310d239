"""Exporting a case file from the case editor: the save dialog names the PDF, the export
runs as a job with its progress (never on the UI thread), the originals go beside it when
asked, and what was written is said under the button; a case with nothing issued has
nothing to export."""
from __future__ import annotations

from pypdf import PdfReader

from casework.documents import issue_document
from desktop.views.cases import case_file_bar
from desktop.views.cases.editor import CaseEditor
from tests.casework.conftest import (  # noqa: F401 - fixtures used by this module's tests
    admin_ctx, archive, bureau, clerk, example_data, example_input, penalty_case,
)


def open_editor(qtbot, ui_session, number: str) -> CaseEditor:  # noqa: ANN001
    editor = CaseEditor(ui_session)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(number)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    return editor


def test_the_editor_exports_the_case_file_chosen_in_the_save_dialog(
        qtbot, ui_session, settle, penalty_case, clerk, archive, tmp_path, monkeypatch):
    issue_document(clerk, archive, penalty_case.number, "filing_approval")
    editor = open_editor(qtbot, ui_session, penalty_case.number)
    bar = editor.case_file
    assert bar.export_button.isEnabled() and bar.export_button.text() == "导出案卷…"
    target = tmp_path / "案卷.pdf"
    asked = []
    monkeypatch.setattr(case_file_bar.QFileDialog, "getSaveFileName",
                        lambda *args: (asked.append(args[2]), (str(target), ""))[1])
    values = []
    bar.progress.valueChanged.connect(values.append)
    bar.originals.setChecked(True)
    bar.export_button.click()
    assert bar.progress.isVisible() and bar.cancel_button.isVisible()
    settle(ui_session, timeout=30_000)
    assert asked[0].endswith("执一案〔2026〕1号 案卷.pdf")
    assert len(PdfReader(target).pages) == bar.result.pages == 9
    assert (tmp_path / "案卷 原件").is_dir() and len(bar.result.originals) == 1
    assert f"案卷已保存：{target}（共 9 页，文书 1 件，电子数据 0 个）" in bar.feedback.text()
    assert "文书原件 1 份已复制到" in bar.feedback.text()
    assert values and max(values) == bar.progress.maximum()
    assert not bar.progress.isVisible() and not bar.cancel_button.isVisible()


def test_a_case_with_nothing_issued_has_no_case_file_to_export(qtbot, ui_session,
                                                               penalty_case):
    editor = open_editor(qtbot, ui_session, penalty_case.number)
    assert not editor.case_file.export_button.isEnabled()
    assert "请先出具本案文书" in editor.case_file.export_button.toolTip()
