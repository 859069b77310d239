"""The legal review area driven as its users drive it: a reviewer works through the queue
(due dates, the overdue one in red), records the eight points and an agreed outcome; a
handler who also holds the reviewer role is refused his own case on the form; the clerk's
submission is refused while materials are missing, then goes through once a PDF is
attached; a disputed opinion goes to the bureau head, who decides it; and the case editor's
benchmark tab suggests a tier and range and asks for a reason when the fine is outside it.

Screenshots in Chinese go to $LAWDESK_SHOTS when it is set (to look at by eye)."""
from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from casework.cases import create_case
from casework.inputs import read_case_file
from core.clock import fixed_clock
from desktop.palette import OK, OK_STYLE, WARN, WARN_STYLE
from desktop.session import UiSession
from desktop.views.review.area import ReviewArea
from review.queries import review_detail
from review.workflow import decide_review, submit_review
from tests.casework.conftest import EXAMPLE
from tests.review.reviewed_case import (HANDLER_REVIEWER, OPINION, REVIEWER, attach_everything,
                                        contexts, major_case, set_up_bureau, tiny_pdf)

# The second case was handed in on 1 June (9:00 in Beijing): seven working days ran out on
# 10 June. One handed in on 15 June is due on 25 June (19 June is the Dragon Boat Festival).
EARLY = datetime(2026, 6, 1, 1, 0, tzinfo=timezone.utc)


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("LAWDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"review-{name}.png"))


@pytest.fixture
def bureau(workspace):
    set_up_bureau(workspace)
    return workspace


@pytest.fixture
def people(bureau):
    """clerk, reviewer, handler-reviewer, head: service contexts."""
    return contexts(bureau)


@pytest.fixture
def session_as(bureau, runner, translations):
    """``session_as(ctx)``: the window's session for that person, in Chinese."""
    made = []

    def make(ctx):  # noqa: ANN001, ANN202
        session = UiSession(bureau, ctx, runner, "zh_CN")
        made.append(session)
        return session
    yield make
    for session in made:
        session.close()


@pytest.fixture
def area_for(qtbot, session_as, settle):
    def make(ctx, size=(1280, 820)):  # noqa: ANN001, ANN202
        session = session_as(ctx)
        area = ReviewArea(session)
        qtbot.addWidget(area)
        area.resize(*size)
        area.show()
        settle(session)
        qtbot.waitUntil(lambda: not area.loading)
        return area, session
    return make


def submitted_case(workspace, *, on: datetime | None = None) -> str:  # noqa: ANN001
    case = major_case(workspace) if on is None else _plain_case(workspace)
    attach_everything(workspace, case.number)
    clerk = contexts(workspace)[0]
    if on is not None:
        clerk = replace(clerk, clock=fixed_clock(on))
    submit_review(clerk, case.number)
    return case.number


def _plain_case(workspace):  # noqa: ANN001, ANN202
    clerk = contexts(workspace)[0]
    data = read_case_file(EXAMPLE)
    return create_case(clerk, replace(data, cause="销售未标明生产日期的食品"))


def open_in_area(qtbot, area, session, settle, number: str) -> None:  # noqa: ANN001
    area.list.number.setText(number)
    qtbot.mouseClick(area.list.open_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: area.panel.detail is not None
                    and area.panel.detail.case_number == number)


def test_the_reviewers_queue_shows_due_dates_and_the_overdue_review_in_red(
        qtbot, bureau, people, area_for):
    on_time = submitted_case(bureau)
    late = submitted_case(bureau, on=EARLY)
    area, _session = area_for(people[1])
    queue = area.list
    assert queue.which.currentData() == "queue"
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    first, second = queue.model.row(0), queue.model.row(1)
    assert (first.case_number, second.case_number) == (late, on_time)   # soonest due first
    due = queue.model.index(0, 3)
    assert queue.model.data(due).startswith("2026-06-10")
    assert queue.model.data(due, Qt.ItemDataRole.ForegroundRole) == WARN
    assert queue.model.data(queue.model.index(1, 3)) == "2026-06-25"
    assert queue.model.data(queue.model.index(1, 3), Qt.ItemDataRole.ForegroundRole) != WARN
    assert "2" in queue.summary.text() and "1" in queue.summary.text()
    queue.table.selectRow(0)
    qtbot.waitUntil(lambda: area.panel.detail is not None
                    and area.panel.detail.case_number == late)
    assert area.panel.state_line.styleSheet() == WARN_STYLE
    shot(area, "queue")


def test_a_reviewer_records_the_points_and_an_agreed_outcome(
        qtbot, bureau, people, area_for, settle):
    number = submitted_case(bureau)
    area, session = area_for(people[1])
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 1)
    area.list.table.selectRow(0)
    qtbot.waitUntil(lambda: area.panel.detail is not None and not area.panel.loading)
    panel, form = area.panel, area.panel.opinion
    assert "较大数额罚款" in panel.rules_line.text()
    materials = panel.materials
    assert all(materials.model.row(i).present or not materials.model.row(i).required
               for i in range(materials.model.rowCount()))
    materials.select_item("draft_decision")                       # read it beside the form
    qtbot.waitUntil(lambda: materials.pdf.document.pageCount() > 0)
    assert form.decide_button.isEnabled()
    point = form.point("law_discretion")
    qtbot.mouseClick(point.problem, Qt.MouseButton.LeftButton)
    point.text.setText("说理不够充分，建议补充")          # typed through the input method
    form.outcome.setCurrentIndex(form.outcome.findData("agreed"))
    form.opinion.setPlainText(OPINION)
    shot(area, "opinion-form")
    qtbot.mouseClick(form.decide_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: "同意" in form.feedback.text())
    assert not form.feedback.refused
    qtbot.waitUntil(lambda: panel.detail.state == "agreed")
    assert "同意" in panel.state_line.text()
    assert not form.decide_button.isEnabled()                     # nothing left to decide
    steps = [panel.progress.model.row(i) for i in range(panel.progress.model.rowCount())]
    assert [s.action for s in steps] == ["submit", "start", "decide"]
    assert steps[-1].actor == REVIEWER and steps[-1].opinion == OPINION
    stored = review_detail(people[0], number)
    assert stored.passed
    assert stored.points["law_discretion"] == {"result": "problem",
                                               "text": "说理不够充分，建议补充"}
    assert stored.points["subject"]["result"] == "pass"
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 0)      # gone from the queue


def test_a_handler_reviewing_his_own_case_is_refused_on_the_form(
        qtbot, bureau, people, area_for, settle):
    number = submitted_case(bureau)
    area, session = area_for(people[2])
    open_in_area(qtbot, area, session, settle, number)
    form = area.panel.opinion
    form.opinion.setPlainText(OPINION)
    qtbot.mouseClick(form.decide_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: form.feedback.refused)
    assert form.feedback.text().startswith(f"{HANDLER_REVIEWER}（张伟）是案件 {number} 的办案人员")
    assert form.feedback.isVisible()
    assert review_detail(people[0], number).state == "submitted"  # nothing recorded
    shot(area, "own-case-refused")


def test_the_submission_is_refused_while_materials_are_missing(
        qtbot, bureau, people, area_for, settle, monkeypatch, tmp_path):
    case = major_case(bureau)
    attach_everything(bureau, case.number, skip=("statements",))
    area, session = area_for(people[0])
    open_in_area(qtbot, area, session, settle, case.number)
    panel = area.panel
    materials = panel.materials
    row = next(i for i in range(materials.model.rowCount())
               if materials.model.row(i).item.code == "statements")
    cell = materials.model.index(row, 1)
    assert materials.model.data(cell, Qt.ItemDataRole.ForegroundRole) == WARN
    panel.tabs.setCurrentWidget(panel.progress)
    qtbot.mouseClick(panel.progress.submit_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: panel.progress.feedback.refused)
    assert "送审材料不全" in panel.progress.feedback.text()
    assert "陈述申辩材料" in panel.progress.feedback.text()
    shot(area, "submission-refused")

    pdf = tmp_path / "陈述申辩笔录.pdf"
    pdf.write_bytes(tiny_pdf("statements"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(pdf), "PDF (*.pdf)")))
    materials.select_item("statements")
    qtbot.mouseClick(materials.attach_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: materials.model.data(materials.model.index(row, 1),
                                                 Qt.ItemDataRole.ForegroundRole) == OK)
    assert materials.model.row(row).file_name == "陈述申辩笔录.pdf"
    qtbot.mouseClick(panel.progress.submit_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: panel.detail.state == "submitted")
    assert "2026-06-25" in panel.progress.feedback.text()
    assert not panel.progress.feedback.refused
    assert not materials.attach_button.isEnabled()                # with the reviewer now


def test_a_disputed_opinion_is_decided_by_the_bureau_head(
        qtbot, bureau, people, area_for, settle):
    number = submitted_case(bureau)
    clerk, reviewer, _handler, head = people
    decide_review(reviewer, number, "correct", "罚款数额适用错误，请纠正后重新送审。")
    area, session = area_for(clerk)
    open_in_area(qtbot, area, session, settle, number)
    progress = area.panel.progress
    assert progress.disagree_button.isEnabled()
    progress.reason.setText("罚款数额在法定幅度内，裁量理由已写明。")
    qtbot.mouseClick(progress.disagree_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: area.panel.detail.state == "coordination")

    area, session = area_for(head)
    assert area.list.which.currentData() == "disputes"
    qtbot.waitUntil(lambda: area.list.model.rowCount() == 1)
    area.list.table.selectRow(0)
    qtbot.waitUntil(lambda: area.panel.detail is not None and not area.panel.loading)
    form = area.panel.coordination
    area.panel.tabs.setCurrentWidget(form)
    assert "罚款数额适用错误" in form.reviewer_said.text()
    assert "裁量理由已写明" in form.handler_said.text()
    form.outcome.setCurrentIndex(form.outcome.findData("agreed"))
    form.opinion.setPlainText("经协调，同意承办机构意见。")
    shot(area, "coordination")
    qtbot.mouseClick(form.decide_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: "同意" in form.feedback.text())
    assert not form.feedback.refused
    stored = review_detail(clerk, number)
    assert stored.state == "final" and stored.passed


def test_the_benchmark_tab_suggests_a_tier_and_asks_a_reason_outside_it(
        qtbot, bureau, people, session_as, settle):
    from desktop.views.cases.area import CasesArea
    clerk = people[0]
    case = create_case(clerk, read_case_file(EXAMPLE))           # a fine of ¥50,000
    session = session_as(clerk)
    area = CasesArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 820)
    area.show()
    area.open_case(case.number)
    editor = area.editor
    tab = editor.benchmark
    editor.tabs.setCurrentWidget(tab)
    settle(session)
    qtbot.waitUntil(lambda: tab.benchmarks is not None and not tab.loading)
    assert tab.choice is None
    tab.choose_offence("FSL-124-5-A")
    tab.check("eliminated_harm")
    settle(session)
    qtbot.waitUntil(lambda: tab.tier.text() == "从轻")
    assert tab.range.text() == "从轻：50000元至65000元"
    assert tab.fine.text().startswith("50000元") and tab.fine.styleSheet() == OK_STYLE
    assert "主动消除或者减轻违法行为危害后果" in tab.basis.text()
    shot(tab, "benchmark-inside")

    tab.check("eliminated_harm", False)                         # no circumstance: 一般
    settle(session)
    qtbot.waitUntil(lambda: tab.tier.text() == "一般")
    assert tab.range.text() == "一般：65000元至85000元"
    assert tab.fine.styleSheet() == WARN_STYLE
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: tab.feedback.refused)
    assert "须写明理由" in tab.feedback.text()
    tab.reason.setPlainText("当事人系初次违法，且已主动召回问题食品。")
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    settle(session)
    qtbot.waitUntil(lambda: not tab.feedback.refused and bool(tab.feedback.text()))
    assert "一般：65000元至85000元" in tab.feedback.text()
    qtbot.waitUntil(lambda: "不在裁量基准建议幅度内" in tab.recorded.text())
    shot(tab, "benchmark-outside")
