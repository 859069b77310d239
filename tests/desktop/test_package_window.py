"""Exporting the evidence package from the case editor: the dialog lists the case's
recordings and documents, a file left out needs a reason, the save dialog names the ZIP,
the export runs as a job on the offload lane with its progress in bytes (never on the UI
thread), and what was written is said under the button; a cancel writes nothing; a role
without the right sees why the button is off."""
from __future__ import annotations

import threading

from casework.documents import issue_document
from casework.evidence_links import link_evidence
from desktop.jobs import OFFLOADS_AT_ONCE
from desktop.session import UiSession
from desktop.views.cases import package_bar
from desktop.views.cases.editor import CaseEditor
from dossier.verify_package import verify
from tests.casework.conftest import (  # noqa: F401 - fixtures used by this module's tests
    admin_ctx, archive, bureau, clerk, example_data, example_input, footage, penalty_case,
)

REASON = "第三人隐私"


def open_editor(qtbot, ui_session, number: str) -> CaseEditor:  # noqa: ANN001
    editor = CaseEditor(ui_session)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    editor.load(number)
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=30_000)
    return editor


def test_the_editor_exports_the_package_leaving_a_file_out(
        qtbot, ui_session, settle, answer_dialog, penalty_case, clerk, archive, footage,
        tmp_path, monkeypatch):
    digests = footage(2)
    for digest in digests:
        link_evidence(clerk, penalty_case.number, digest)
    issue_document(clerk, archive, penalty_case.number, "filing_approval")
    editor = open_editor(qtbot, ui_session, penalty_case.number)
    bar = editor.package
    assert bar.export_button.isEnabled() and bar.export_button.text() == "导出证据包…"
    seen = {}

    def fill(dialog) -> None:  # noqa: ANN001
        seen["rows"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        dialog.set_included(1, False)
        seen["blocked"] = (dialog.ok_button.isEnabled(), dialog.feedback.text())
        dialog.reason.setText(REASON)
        seen["ready"] = dialog.ok_button.isEnabled()
        dialog.ok_button.click()
    target = tmp_path / "证据包.zip"
    asked = []
    monkeypatch.setattr(package_bar.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (asked.append(args[2]), (str(target), ""))[1])
    values = []
    bar.progress.valueChanged.connect(values.append)
    answer_dialog(fill)
    bar.export_button.click()
    assert bar.progress.isVisible() and bar.cancel_button.isVisible()
    settle(ui_session, timeout=30_000)
    assert seen["rows"][:2] == ["J001234_22010001_20260603093000_0001.MP4",
                                "J001234_22010001_20260603093100_0002.MP4"]
    assert seen["rows"][2].startswith("立案审批表")
    assert seen["blocked"] == (False, "请说明未勾选的文件为何不提供：证据包会载明理由。")
    assert seen["ready"] and asked[0].endswith("执一案〔2026〕1号 证据包.zip")
    report = verify(str(target))
    assert report.ok and [(e["sha256"], e["reason"]) for e in report.manifest["excluded"]] == [
        (digests[1], REASON)]
    result = bar.result
    assert (result.footage, result.documents, result.excluded) == (1, 1, 1)
    assert f"证据包已保存：{target}（音视频 1 个、文书 1 份、未提供 1 个" in bar.feedback.text()
    assert result.fingerprint in bar.feedback.text()
    assert values and max(values) == 1000
    assert not bar.progress.isVisible() and not bar.cancel_button.isVisible()


def test_a_cancelled_export_writes_nothing(qtbot, ui_session, settle, penalty_case,
                                           tmp_path, ledger_length):
    editor = open_editor(qtbot, ui_session, penalty_case.number)
    bar = editor.package
    release = threading.Event()
    for _ in range(OFFLOADS_AT_ONCE):   # the offload lane busy: the export waits its turn
        ui_session.runner.submit(lambda progress, cancel: release.wait(10), lane="offload")
    length = ledger_length()
    bar.export_to(tmp_path / "p.zip")
    bar.cancel_button.click()
    release.set()
    settle(ui_session)
    assert bar.feedback.text() == "已取消导出：没有写出证据包，也没有记录。"
    assert not (tmp_path / "p.zip").exists() and ledger_length() == length
    assert bar.export_button.isEnabled() and not bar.cancel_button.isVisible()


def test_a_role_without_the_right_sees_why_the_button_is_off(qtbot, workspace, as_role,
                                                            runner, translations,
                                                            penalty_case):
    session = UiSession(workspace, as_role("officer", username="officer"), runner, "zh_CN")
    try:
        editor = open_editor(qtbot, session, penalty_case.number)
        assert not editor.package.export_button.isEnabled()
        assert "无权导出电子证据包" in editor.package.export_button.toolTip()
    finally:
        session.close()
