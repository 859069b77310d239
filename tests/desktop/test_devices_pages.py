"""The devices area's other pages: overdue devices, the ratio standard with its chart, and
the PDFs, each loaded off the UI thread and refreshed by what changed."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from core.clock import fixed_clock
from core.context import Context
from desktop.session import UiSession
from desktop.views.devices.area import DevicesArea
from devices.custody import PreUseCheck, checkin, checkout
from devices.ratio import set_standard
from devices.registry import add_device
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

LONG_AGO = datetime(2026, 6, 1, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def office(workspace, admin, runner, translations, as_role):
    """One unit, two certified officers, two body cameras, one of them out since long ago
    (checked out on a clock set back, so overdue now); a custodian's session."""
    add_unit(admin, "综合执法一科", "执一")
    for name, number in (("张伟", "22010001"), ("李娜", "22010003")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2028, 12, 31),
                                                          date(2020, 1, 1)))
    add_device(admin, "DSJ-0001", "body_camera", "执一")
    add_device(admin, "DSJ-0002", "body_camera", "执一")
    past = Context(db=workspace.db, actor=admin.actor, clock=fixed_clock(LONG_AGO))
    checkout(past, "DSJ-0001", "22010001", checks=PreUseCheck(), signature_png=None)
    session = UiSession(workspace, as_role("custodian", username="keeper"), runner, "zh_CN")
    yield session
    session.close()


@pytest.fixture
def area(qtbot, office):
    widget = DevicesArea(office)
    qtbot.addWidget(widget)
    widget.show()
    for page in (widget.register, widget.overdue, widget.ratio):
        qtbot.waitUntil(lambda page=page: not page.loading)
    qtbot.waitUntil(lambda: office.changes.seen_head is not None)
    return widget


@pytest.fixture
def saved_pdfs(monkeypatch, tmp_path):
    """The save dialog answers with a path in the test's folder; opening a file is noted,
    not done."""
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda _parent, _title, default, _filter: (str(tmp_path / default.split("/")[-1]), "")))
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    return opened


def test_the_overdue_list_follows_checkins_made_elsewhere(qtbot, area, admin):
    page = area.overdue
    assert page.model.rowCount() == 1
    assert page.summary.text() == "逾期未还设备：1 台"
    assert page.model.data(page.model.index(0, 2)) == "张伟（22010001）"
    assert page.model.data(page.model.index(0, 5)) == "13 天 10 小时"
    checkin(admin, "DSJ-0001", signature_png=None)        # not through this window
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2_000)
    assert page.summary.text() == "逾期未还设备：0 台"


def test_the_overdue_list_refreshes_on_request(qtbot, area, office, settle):
    page = area.overdue
    page.refresh_button.click()
    settle(office)
    assert page.model.rowCount() == 1 and not page.feedback.isVisible()


def test_the_ratio_page_shows_the_shortfall_and_follows_the_standard(qtbot, area, admin):
    ratio = area.ratio

    def camera():  # noqa: ANN202
        return {(r.unit_name, r.device_type): r for r in ratio.rows}[
            ("综合执法一科", "body_camera")]

    assert camera().required == 1          # the default standard: one per two officers
    set_standard(admin, None, "body_camera", officers_per_device=1)   # made elsewhere
    qtbot.waitUntil(lambda: camera().required == 2, timeout=2_000)
    # two certified officers, two cameras in service (in store or out)
    assert (camera().officers, camera().in_service) == (2, 2)
    ratio.type_choice.setCurrentIndex(ratio.type_choice.findData("body_camera"))
    assert ratio.chart.title() == "执法记录仪"
    bars = ratio.chart.series()[0].barSets()
    assert (bars[0].at(0), bars[1].at(0)) == (2, 2)
    set_standard(admin, None, "body_camera", officers_per_device=None, minimum=3)
    qtbot.waitUntil(lambda: camera().required == 3, timeout=2_000)
    assert "缺" in ratio.summary.text()
    assert ratio.type_choice.currentData() == "body_camera"       # the choice survives
    assert ratio.chart.series()[0].barSets()[0].at(0) == 3


def test_the_ratio_pdf_is_written_as_a_job_with_its_button_busy(qtbot, area, office, settle,
                                                              saved_pdfs):
    ratio = area.ratio
    ratio.export_button.click()
    assert not ratio.export_button.isEnabled()
    settle(office)
    assert ratio.export_button.isEnabled()
    [path] = saved_pdfs
    assert path.endswith(".pdf") and Path(path).read_bytes()[:5] == b"%PDF-"
    assert path in ratio.feedback.text() and not ratio.feedback.refused


def test_the_use_register_pdf_and_its_refusal_inline(qtbot, area, office, settle, saved_pdfs,
                                                     answer_dialog):
    page = area.register

    def period(since: date, until: date):  # noqa: ANN202
        def fill(dialog) -> None:  # noqa: ANN001
            dialog.since.setDate(since)
            dialog.until.setDate(until)
            dialog.accept()
        return fill

    answer_dialog(period(date(2026, 6, 30), date(2026, 6, 1)))
    page.pdf_button.click()
    settle(office)
    assert page.feedback.refused and "早于" in page.feedback.text()
    assert saved_pdfs == []

    answer_dialog(period(date(2026, 6, 1), date(2026, 6, 30)))
    page.pdf_button.click()
    assert not page.pdf_button.isEnabled()
    settle(office)
    assert page.pdf_button.isEnabled()
    [path] = saved_pdfs
    assert "20260601-20260630" in path and Path(path).read_bytes()[:5] == b"%PDF-"
    assert not page.feedback.refused and path in page.feedback.text()
