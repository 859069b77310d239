"""The findings page as a section head uses it: the open findings of every case listed in
Chinese, a reason approved for a step, a case's findings accepted so it may be closed; every
call off the UI thread (the thread guard fails the test otherwise)."""
from __future__ import annotations

from datetime import date

import os

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from casework.cases import create_case, record_step
from desktop.session import UiSession
from desktop.views.recording.findings_page import FindingsPage
from tests.casework.conftest import (admin_ctx, bureau, case_input, clerk,  # noqa: F401
                                     example_data, example_input)
from tests.desktop.conftest import (no_database_on_the_ui_thread, runner,  # noqa: F401
                                    settle, translations, wait)

SHOTS = os.environ.get("LAWDESK_SHOTS", "/tmp/scratch/shots")


def shot(widget, name: str) -> None:  # noqa: ANN001
    """A picture for a person to look at, where a developer asked for them."""
    if os.path.isdir(SHOTS):
        widget.grab().save(os.path.join(SHOTS, name))


def _measure_case(clerk, case_input):  # noqa: ANN001, F811
    case = create_case(clerk, case_input(type="compulsory_measure"))
    for step, day in (("filing", 4), ("investigation", 5), ("notice", 8), ("decision", 10),
                      ("service", 11), ("execution", 12)):
        record_step(clerk, case.number, step, date(2026, 6, day))
    return case


@pytest.fixture
def page(workspace, as_role, runner, translations, qtbot, bureau, clerk, case_input):  # noqa: F811
    first, second = _measure_case(clerk, case_input), _measure_case(clerk, case_input)
    session = UiSession(workspace, as_role("head", username="head"), runner, "zh_CN")
    widget = FindingsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 360)
    widget.show()
    yield widget, session, (first, second)
    session.close()


def _pick(widget: FindingsPage, row: int) -> None:
    index = widget.model.index(row, 0)
    widget.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_a_head_excuses_one_case_and_accepts_the_other(page, wait, qtbot, clerk):  # noqa: F811
    widget, session, (first, second) = page
    wait(session, lambda: len(widget.rows) == 2)
    assert widget.model.headerData(0, Qt.Orientation.Horizontal) == "案件"
    texts = {widget.model.data(widget.model.index(r, 1)) for r in range(2)}
    assert texts == {"缺少音像记录"}
    assert widget.model.data(widget.model.index(0, 3)) == "未处理"
    assert not widget.accept_button.isEnabled()       # nothing picked yet
    shot(widget, "findings_page.png")
    rows = {r["case"]: i for i, r in enumerate(widget.rows)}
    _pick(widget, rows[first.number])
    widget.reason.setText("记录仪现场故障，已报修")
    qtbot.mouseClick(widget.excuse_button, Qt.MouseButton.LeftButton)
    wait(session, lambda: len(widget.rows) == 1)
    assert "已批准缺失理由" in widget.feedback.text() and first.number in widget.feedback.text()
    _pick(widget, 0)
    widget.reason.setText("现场情况紧急，已另行取证")
    widget.accept_button.click()
    wait(session, lambda: widget.rows == [])
    assert "可以结案" in widget.feedback.text()
    assert record_step(clerk, second.number, "closing", date(2026, 6, 15)).row.status == "closed"
    widget.show_all.setChecked(True)
    wait(session, lambda: len(widget.rows) == 2)
    assert {widget.model.data(widget.model.index(r, 3)) for r in range(2)} == {"已免除", "已确认"}
    shot(widget, "findings_page_all.png")


def test_a_clerk_sees_the_findings_but_may_not_decide(workspace, clerk, runner,  # noqa: F811
                                                      translations, qtbot, bureau,  # noqa: F811
                                                      case_input, wait):  # noqa: F811
    _measure_case(clerk, case_input)
    session = UiSession(workspace, clerk, runner, "zh_CN")
    widget = FindingsPage(session)
    qtbot.addWidget(widget)
    wait(session, lambda: len(widget.rows) == 1)
    _pick(widget, 0)
    assert not widget.accept_button.isEnabled() and not widget.excuse_button.isEnabled()
    assert widget.accept_button.toolTip() == "仅科室负责人可以批准缺失理由、确认接受问题。"
    session.close()
