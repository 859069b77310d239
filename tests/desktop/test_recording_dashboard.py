"""The recording statistics dashboard, driven with qtbot on the hand-counted bureau of
tests/compliance/test_statistics_bureau.py: tiles, charts, tables, the list behind a figure,
a unit chosen, the workbook written from the window, and who may see it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from core.actor import Actor
from core.clock import fixed_clock
from desktop.session import UiSession
from desktop.views.recording.area import RecordingArea
from lawdesk.workspace import Workspace
from tests.compliance.test_statistics_bureau import make_template
from tests.conftest import NOW


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("LAWDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"recording-{name}.png"))


@pytest.fixture(scope="module")
def template(initialised_template: Path, tmp_path_factory) -> Path:  # noqa: ANN001
    return make_template(initialised_template, tmp_path_factory.mktemp("stats") / "data", NOW)


@pytest.fixture
def bureau(template: Path, tmp_path: Path):
    shutil.copytree(template, tmp_path / "bureau")
    workspace = Workspace.open(tmp_path / "bureau", clock=fixed_clock(NOW))
    yield workspace
    workspace.close()


@pytest.fixture
def area_as(bureau, runner, translations, qtbot, settle):  # noqa: ANN001
    made = []

    def make(*roles: str):  # noqa: ANN202
        session = UiSession(bureau, bureau.context(Actor("someone", frozenset(roles))), runner,
                            "zh_CN")
        made.append(session)
        area = RecordingArea(session)
        qtbot.addWidget(area)
        area.resize(1280, 860)
        area.show()
        settle(session)
        return area, session
    yield make
    for session in made:
        session.close()


def count(dashboard, settle, session, since: QDate, until: QDate) -> None:  # noqa: ANN001
    dashboard.since.setDate(since)
    dashboard.until.setDate(until)
    dashboard.refresh_button.click()
    settle(session)


def test_the_bureau_head_reads_the_figures_and_the_list_behind_one(area_as, settle,  # noqa: ANN001
                                                                  qtbot):  # noqa: ANN001
    area, session = area_as("head")
    dashboard = area.dashboard
    assert area.tabs.tabText(0) == "统计"
    count(dashboard, settle, session, QDate(2026, 3, 1), QDate(2026, 5, 31))
    assert dashboard.tiles["footage_count"].text() == "6\n音视频（条）"
    assert dashboard.tiles["late_offloads"].text().startswith("2\n")
    assert dashboard.tiles["compliance_rate"].text().startswith("50.0%\n")
    assert dashboard.tiles["offload_delay_median_h"].text().startswith("6.0\n")
    assert dashboard.unit_model.rowCount() == 2
    assert [dashboard.unit_model.row(i).name for i in range(2)] == ["法制科", "综合科"]
    # The month trend: three months, three bar sets (footage, cases, late offloads).
    series = dashboard.trend.series()[0]
    assert [s.count() for s in series.barSets()] == [3, 3, 3]
    assert [series.barSets()[0].at(i) for i in range(3)] == [2, 2, 2]
    shot(area, "dashboard")

    qtbot.mouseClick(dashboard.tiles["late_offloads"], Qt.MouseButton.LeftButton)
    settle(session)
    assert dashboard.tables.currentIndex() == 3
    assert dashboard.list_shown.total == 2
    assert {dashboard.list_model.row(i)[1] for i in range(2)} == {"F2.mp4", "F4.mp4"}
    assert "逾期导入的音视频" in dashboard.list_title.text()
    shot(area, "list")

    # A double click on 综合科's cases lists its three cases.
    column = 1 + 5                      # the name, then the figures: cases is the sixth
    index = dashboard.unit_model.index(1, column)
    dashboard.unit_table.doubleClicked.emit(index)
    settle(session)
    assert dashboard.list_shown.figure == "cases" and dashboard.list_shown.total == 3


def test_one_unit_and_a_workbook_written_from_the_window(area_as, settle, tmp_path):  # noqa: ANN001
    area, session = area_as("head")
    dashboard = area.dashboard
    dashboard.open_exports = False
    dashboard.unit.setCurrentIndex(dashboard.unit.findText("法制科"))
    count(dashboard, settle, session, QDate(2026, 3, 1), QDate(2026, 5, 31))
    assert dashboard.tiles["footage_count"].text().startswith("1\n")
    assert dashboard.officer_model.rowCount() == 1
    compare = dashboard.compare.series()[0].barSets()[0]
    assert compare.count() == 1 and compare.at(0) == 1
    path = tmp_path / "统计.xlsx"
    dashboard.export_to("xlsx", path)
    settle(session)
    totals = {r[0]: r[1] for r in load_workbook(path)["总体"].iter_rows(values_only=True)}
    assert totals["科室"] == "法制科" and totals["音视频（条）"] == 1
    assert str(path) in dashboard.feedback.text()
    # The range the wrong way round is refused where the clerk acted; counting goes on after.
    count(dashboard, settle, session, QDate(2026, 5, 31), QDate(2026, 3, 1))
    assert "早于起始日期" in dashboard.feedback.text()
    count(dashboard, settle, session, QDate(2026, 3, 1), QDate(2026, 3, 31))
    assert dashboard.tiles["footage_count"].text().startswith("0\n")


def test_a_custodian_is_told_the_statistics_are_not_for_that_role(area_as):  # noqa: ANN001
    area, _session = area_as("custodian")
    assert area.dashboard is None
    assert area.findChild(QWidget, "statsNotAllowed") is not None


def test_the_area_holds_the_statistics_the_findings_and_retention(area_as):  # noqa: ANN001
    area, _session = area_as("head")
    titles = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert titles == ["统计", "音像记录问题", "保存与清理"]
    area, _session = area_as("custodian")                # footage, not cases
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())][1:] == ["保存与清理"]
