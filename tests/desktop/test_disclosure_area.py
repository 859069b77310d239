"""The disclosure area as the disclosure clerk and the reviewer meet it: a draft appears by
itself once a decision is issued, late drafts stand out in red and near ones in amber,
a record is approved, published and withdrawn with a reason (refusals said where the user
acted), the published text never shows a full identity number, and the portal site is
exported to a folder with its progress."""
from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.palette import EXPIRING, WARN
from desktop.session import UiSession
from desktop.views.disclosure.area import DisclosureArea
from disclosure.workflow import approve_disclosure, publish_disclosure
from tests.disclosure.conftest import (  # noqa: F401 - fixtures this module's tests use
    ADULT_ID, TODAY, admin_ctx, archive, bureau, case_input, clerk, context_on, decide,
    example_data, example_input, person_party, reviewer,
)
from workdays import load_calendar

NUMBER = "执一罚决字〔2026〕1号"


@pytest.fixture
def area(qtbot, ui_session, bureau, settle):
    widget = DisclosureArea(ui_session)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    settle(ui_session)
    return widget


def rows(area: DisclosureArea) -> list:
    model = area.records.model
    return [model.row(r) for r in range(model.rowCount())]


def cell(area: DisclosureArea, row: int, column: int,
         role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
    model = area.records.model
    return model.data(model.index(row, column), role)


def choose(area: DisclosureArea, wait, session, record_id: str) -> None:  # noqa: ANN001
    assert area.records.select_where(lambda r: r.id == record_id)
    wait(session, lambda: area.detail.detail is not None and area.detail.detail.id == record_id)


def person(person_party, **changes):  # noqa: ANN001, ANN201
    """The example case against a natural person, fined below the amount that makes it a
    major decision (which would need a legal review before the decision is issued)."""
    return dict(parties=(person_party(),), penalty="罚款人民币5000.00元。",
                penalty_amount=Decimal("5000.00"), **changes)


def published(workspace, record_id: str) -> None:  # noqa: ANN001
    """Approved by the reviewer and published by the clerk, through the services."""
    approve_disclosure(context_on(workspace, TODAY, "reviewer", username="reviewer"), record_id)
    publish_disclosure(context_on(workspace, TODAY, "clerk", username="clerk"), record_id)


def test_a_draft_appears_once_the_decision_is_issued(area, ui_session, decide, wait):
    assert area.records.model.rowCount() == 0
    assert area.dashboard.summary.drafted == 0
    record_id = decide(TODAY)              # the clerk issues the 行政处罚决定书
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    row = rows(area)[0]
    assert row.id == record_id
    assert cell(area, 0, 0) == NUMBER
    assert cell(area, 0, 3) == "待审核"
    deadline = load_calendar(ui_session.workspace.db).add_workdays(TODAY, 7).date
    assert cell(area, 0, 5) == f"{deadline:%Y-%m-%d}"
    assert row.workdays_left == 7
    assert cell(area, 0, 5, Qt.ItemDataRole.ForegroundRole) is None   # plenty of time
    wait(ui_session, lambda: area.dashboard.summary.drafted == 1)
    choose(area, wait, ui_session, record_id)
    assert area.detail.title.text().startswith(NUMBER)
    assert "农安县鑫源商贸有限公司" in area.detail.published.toPlainText()


def test_late_drafts_are_red_near_ones_amber_and_the_dashboard_counts_them(
        area, ui_session, decide, wait):
    calendar = load_calendar(ui_session.workspace.db)
    late = decide(date(2026, 6, 1))         # 7 working days: due 2026-06-10
    near = decide(date(2026, 6, 4))         # due 2026-06-15, today
    easy = decide(TODAY)
    wait(ui_session, lambda: area.records.model.rowCount() == 3)
    by_id = {row.id: (index, row) for index, row in enumerate(rows(area))}
    index, row = by_id[late]
    assert row.record.deadline == date(2026, 6, 10)
    assert row.workdays_left == -calendar.workdays_between(date(2026, 6, 10), TODAY) == -3
    assert cell(area, index, 5, Qt.ItemDataRole.ForegroundRole) == WARN
    assert cell(area, index, 6, Qt.ItemDataRole.ForegroundRole) == WARN
    index, row = by_id[near]
    assert row.record.deadline == TODAY and row.workdays_left == 0
    assert cell(area, index, 5, Qt.ItemDataRole.ForegroundRole) == EXPIRING
    index, row = by_id[easy]
    assert cell(area, index, 5, Qt.ItemDataRole.ForegroundRole) is None
    assert rows(area)[0].id == late         # the nearest deadline first

    wait(ui_session, lambda: area.dashboard.summary.drafted == 3)
    summary = area.dashboard.summary
    assert (summary.overdue, summary.due_soon) == (1, 1)
    assert "1" in area.dashboard.text()
    assert WARN.name() in area.dashboard.styleSheet()   # something is late

    area.records.status_filter.setCurrentIndex(area.records.status_filter.findData("overdue"))
    wait(ui_session, lambda: not area.records.loading)
    assert [row.id for row in rows(area)] == [late]
    assert area.records.count_label.text().endswith("1")


def test_a_deadline_counted_without_the_calendar_says_so(area, ui_session, decide, wait):
    decide(date(2026, 12, 31))              # its 7 working days fall in 2027: no calendar yet
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    row = rows(area)[0]
    warning = row.record.calendar_warning
    assert warning and "2027" in warning
    assert cell(area, 0, 5).endswith("⚠")
    assert cell(area, 0, 5, Qt.ItemDataRole.ToolTipRole) == warning
    choose(area, wait, ui_session, row.id)
    assert area.detail.warning.isVisible() and warning in area.detail.warning.text()


def test_approve_then_publish(area, ui_session, decide, wait):
    record_id = decide(TODAY)
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    choose(area, wait, ui_session, record_id)
    area.records.approve_button.click()
    wait(ui_session, lambda: cell(area, 0, 3) == "已审核待发布")
    assert not area.records.feedback.refused
    assert NUMBER in area.records.feedback.text()
    assert "admin" in area.detail.history.text()            # who approved it, in the detail
    area.records.publish_button.click()
    wait(ui_session, lambda: cell(area, 0, 3) == "已公示")
    assert cell(area, 0, 6) == ""                             # nothing is due any more
    wait(ui_session, lambda: area.detail.detail.row.status == "published")
    assert f"{TODAY:%Y-%m-%d}" in area.detail.history.text()
    wait(ui_session, lambda: area.dashboard.summary.published == 1)
    assert area.dashboard.summary.drafted == 0


def test_publishing_an_unapproved_record_is_refused_inline(area, ui_session, decide, wait):
    record_id = decide(TODAY)
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    choose(area, wait, ui_session, record_id)
    area.records.publish_button.click()
    wait(ui_session)
    feedback = area.records.feedback
    assert feedback.refused and feedback.isVisible()
    assert feedback.text().startswith(f"公示记录 {NUMBER} 尚未审核，不能发布")
    assert cell(area, 0, 3) == "待审核"
    # Nothing chosen: said on the same line, nothing runs.
    area.records.table.clearSelection()
    area.records.approve_button.click()
    assert feedback.refused and feedback.text() != ""


def test_withdraw_asks_for_the_reason(area, ui_session, decide, wait, workspace,
                                      answer_dialog):
    record_id = decide(TODAY)
    published(workspace, record_id)
    wait(ui_session, lambda: cell(area, 0, 3) == "已公示")
    choose(area, wait, ui_session, record_id)
    seen = {}

    def without_reason(dialog):  # noqa: ANN001
        dialog.ok_button.click()
        wait(ui_session)
        seen["refusal"] = dialog.feedback.text()
        seen["open"] = dialog.isVisible()
        dialog.reason.setPlainText("该处罚决定已被农安县人民政府行政复议决定撤销")
        dialog.ok_button.click()
    answer_dialog(without_reason)
    area.records.withdraw_button.click()
    wait(ui_session, lambda: cell(area, 0, 3) == "已撤回")
    assert seen["open"] and "请说明撤回理由" in seen["refusal"]
    assert NUMBER in area.records.feedback.text() and not area.records.feedback.refused
    wait(ui_session, lambda: area.detail.detail.row.status == "withdrawn")
    assert "行政复议决定撤销" in area.detail.published.toPlainText()
    assert "行政复议决定撤销" in area.detail.history.text()


def test_withdrawing_a_draft_is_refused_in_the_dialog(area, ui_session, decide, wait,
                                                      answer_dialog):
    record_id = decide(TODAY)
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    choose(area, wait, ui_session, record_id)
    seen = {}

    def fill(dialog):  # noqa: ANN001
        dialog.reason.setPlainText("决定已变更")
        dialog.ok_button.click()
        wait(ui_session)
        seen["refusal"], seen["open"] = dialog.feedback.text(), dialog.isVisible()
        dialog.reject()
    answer_dialog(fill)
    area.records.withdraw_button.click()
    wait(ui_session, lambda: "refusal" in seen)
    assert seen["open"]
    assert seen["refusal"].startswith(f"公示记录 {NUMBER} 当前为“待审核”，不能撤回")


def test_the_published_side_never_shows_a_full_identity_number(
        area, ui_session, decide, wait, person_party, example_input):
    facts = example_input.facts + f"当事人身份证号码为{ADULT_ID}。"
    record_id = decide(TODAY, **person(person_party, facts=facts))
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    choose(area, wait, ui_session, record_id)
    original = area.detail.original.toPlainText()
    masked = area.detail.published.toPlainText()
    assert ADULT_ID in original
    assert ADULT_ID not in masked
    assert "13904311234" not in masked
    assert "李明" in masked                                   # the party is named
    assert "公民身份号码" in area.detail.history.text()        # what masking took out
    published(ui_session.workspace, record_id)
    wait(ui_session, lambda: area.detail.detail.row.status == "published")
    assert ADULT_ID not in area.detail.published.toPlainText()


def test_export_writes_the_site_with_progress(area, ui_session, decide, wait, workspace,
                                              tmp_path, monkeypatch, person_party):
    record_id = decide(TODAY, **person(person_party))
    published(workspace, record_id)
    wait(ui_session, lambda: area.records.model.rowCount() == 1)
    out = tmp_path / "portal"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_args, **_kw: str(out)))
    steps = []
    bar = area.export
    bar.progress.valueChanged.connect(steps.append)
    bar.export_button.click()
    assert bar.progress.isVisible() and bar.cancel_button.isVisible()
    assert not bar.export_button.isEnabled()              # busy while it runs
    wait(ui_session, lambda: not bar.running)
    assert bar.export_button.isEnabled()
    assert not bar.progress.isVisible() and not bar.cancel_button.isVisible()
    assert steps and max(steps) == bar.progress.maximum()
    assert not bar.feedback.refused and str(out) in bar.feedback.text()
    assert bar.result.records == 1
    site = (out / "index.html").read_text(encoding="utf-8")
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert NUMBER in site and ADULT_ID not in site
    assert [entry["document_number"] for entry in feed["records"]] == [NUMBER]
    assert len(bar.result.changes["added"]) == 1

    bar.export_to(out)                                      # nothing new since
    wait(ui_session, lambda: not bar.running)
    assert bar.result.changes["added"] == []


def test_an_export_to_a_file_is_refused_inline(area, ui_session, wait, tmp_path):
    not_a_folder = tmp_path / "portal.html"
    not_a_folder.write_text("x", encoding="utf-8")
    bar = area.export
    bar.export_to(not_a_folder)
    wait(ui_session, lambda: not bar.running)
    assert bar.feedback.refused and "不是文件夹" in bar.feedback.text()
    assert not bar.progress.isVisible() and bar.export_button.isEnabled()


def test_an_export_cancelled_before_it_starts_writes_nothing(area, ui_session, wait,
                                                             tmp_path):
    # The writer lane runs one write at a time: while another holds it, the export waits.
    release = threading.Event()
    ui_session.run(area, lambda: release.wait(10), writes=True)
    out = tmp_path / "portal"
    bar = area.export
    bar.export_to(out)
    assert bar.cancel_button.isVisible()
    bar.cancel_button.click()
    release.set()
    wait(ui_session, lambda: not bar.running)
    assert bar.feedback.refused and not bar.progress.isVisible()
    assert not out.exists()
    assert bar.result is None


def test_a_reviewer_approves_but_does_not_publish(qtbot, bureau, as_role, runner,
                                                 translations, settle):
    session = UiSession(bureau, as_role("reviewer", username="reviewer"), runner, "zh_CN")
    try:
        area = DisclosureArea(session)
        qtbot.addWidget(area)
        settle(session)
        assert area.records.approve_button.isEnabled()
        for button in (area.records.publish_button, area.records.withdraw_button,
                       area.export.export_button, area.export.push_button):
            assert not button.isEnabled() and button.toolTip()
    finally:
        session.close()


def test_a_push_from_a_workstation_not_enrolled_is_refused_inline(area, ui_session, wait):
    bar = area.export
    assert bar.push_button.isEnabled()
    bar.push()
    wait(ui_session, lambda: not bar.running)
    assert bar.feedback.refused and "总部" in bar.feedback.text()
    assert not bar.progress.isVisible() and bar.push_button.isEnabled()
    assert bar.pushed is None
