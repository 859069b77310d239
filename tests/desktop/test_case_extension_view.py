"""The head approves an extension (延期) of a case's 办案期限 from the case editor: the list's
due-soon flag goes, the editor says how far the case was extended; a limit that has run out
is refused in the dialog; a clerk sees no such action and the service refuses one anyway.

The clock stands at 2026-06-15: filed 2026-03-20, a case is due 06-18 (flagged as due
soon); filed 2026-03-16, it was due 06-14 (overdue, too late to extend)."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from casework.cases import create_case, get_case, record_step
from casework.extensions import extend_deadline
from core.permissions import PermissionDenied
from desktop.palette import EXPIRING, WARN
from desktop.session import UiSession
from desktop.views.cases.area import CasesArea
from tests.casework.conftest import EXAMPLE, set_up_bureau

SHOTS = Path(os.environ.get("LAWDESK_SHOTS", "/tmp/scratch/shots"))
TIME_LIMIT = 7        # the list's "Time limit" column


@pytest.fixture
def cases(workspace, as_role):
    """Two filed cases: (due soon, overdue) numbers."""
    from casework.inputs import read_case_file
    set_up_bureau(as_role("admin", username="admin"))
    clerk = as_role("clerk", username="clerk")
    data = read_case_file(str(EXAMPLE))
    numbers = []
    for filed_on in (date(2026, 3, 20), date(2026, 3, 16)):
        case = create_case(clerk, data)
        record_step(clerk, case.number, "filing", filed_on)
        numbers.append(case.number)
    return tuple(numbers)


@pytest.fixture
def head_area(qtbot, workspace, as_role, runner, translations, settle, cases):
    session = UiSession(workspace, as_role("head", username="head"), runner, "zh_CN")
    area = CasesArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 800)
    area.show()
    settle(session)
    yield area
    session.close()


def _flag(area, number: str):  # noqa: ANN001, ANN202
    page = area.list
    row = page.model.find(lambda case: case.number == number)
    return page.model.data(page.model.index(row, TIME_LIMIT), Qt.ItemDataRole.ForegroundRole)


def _open(area, number: str, wait) -> None:  # noqa: ANN001
    area.open_case(number)
    wait(area.session, lambda: area.editor.detail is not None
         and area.editor.detail.number == number)


def test_a_head_extends_a_case_due_soon_and_the_flag_goes(head_area, cases, answer_dialog,
                                                         wait, qtbot):
    area, (due_soon, overdue) = head_area, cases
    assert _flag(area, due_soon) == EXPIRING and _flag(area, overdue) == WARN
    _open(area, due_soon, wait)
    editor = area.editor
    assert editor.extend_button.isVisible() and editor.extend_button.text() == "批准延期…"
    seen = {}

    def fill(dialog) -> None:  # noqa: ANN001
        seen["title"] = dialog.windowTitle()
        seen["due"] = dialog.due.text()
        dialog.ok_button.click()                 # no reason yet
        seen["no_reason"] = dialog.feedback.text()
        dialog.days.setValue(20)
        seen["new_due"] = dialog.new_due.text()
        dialog.reason.setPlainText("案情复杂，需检验鉴定")
        dialog.ok_button.click()
    answer_dialog(fill)
    editor.extend_button.click()
    wait(area.session, lambda: bool(editor.detail.extensions))

    assert seen == {"title": "批准延长办案期限", "due": "2026-06-18",
                    "no_reason": "请填写延期理由。", "new_due": "2026-07-08"}
    wait(area.session, lambda: _flag(area, due_soon) is None)
    assert "办案期限 2026-07-08（剩余 23 天） · 已延期 20 天" in editor.summary.text()
    assert "经head批准延期 20 天，理由：案情复杂，需检验鉴定" in editor.summary.toolTip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    area.grab().save(str(SHOTS / "case_extension_editor.png"))

    assert not editor.extend_button.isEnabled()      # once only (第六十四条)
    assert editor.extend_button.toolTip() == "本案已延期，延期次数已达规定上限。"

    # Too late: the overdue case's limit ran out yesterday. The action is disabled, saying
    # why; a dialog opened before midnight is refused by the service and stays open.
    _open(area, overdue, wait)
    assert not editor.extend_button.isEnabled()
    assert editor.extend_button.toolTip() == "办案期限已届满：延期须在期限届满前批准。"

    def refused(dialog) -> None:  # noqa: ANN001
        dialog.reason.setPlainText("补充调查")
        dialog.ok_button.click()
        wait(area.session)
        seen["late"] = dialog.feedback.text()
        dialog.grab().save(str(SHOTS / "case_extension_refused.png"))
        dialog.reject()
    answer_dialog(refused)
    editor.extend()
    qtbot.waitUntil(lambda: "late" in seen, timeout=10_000)
    assert "办案期限已于 2026-06-14 届满" in seen["late"]
    assert _flag(area, overdue) == WARN


def test_a_clerk_has_no_extend_action_and_the_service_refuses_one(qtbot, workspace, as_role,
                                                                  runner, translations,
                                                                  settle, wait, cases):
    clerk = as_role("clerk", username="clerk")
    session = UiSession(workspace, clerk, runner, "zh_CN")
    area = CasesArea(session)
    qtbot.addWidget(area)
    area.show()
    settle(session)
    _open(area, cases[0], wait)
    assert not area.editor.extend_button.isVisible()
    with pytest.raises(PermissionDenied, match="须由局负责人批准"):
        extend_deadline(clerk, cases[0], "想延期")
    assert get_case(clerk, cases[0]).extensions == ()
    session.close()
