"""The one way the window runs a service call (desktop.operations): off the UI thread, a
refusal shown where the user acted, an unexpected error shown once and logged with its
traceback, and what a write changed published to the areas that show it."""
from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop import thread_guard
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny
from organisation.units import add_unit, list_units


@pytest.fixture
def form(qtbot):
    widget = QWidget()
    layout = QVBoxLayout(widget)
    widget.button = QPushButton("Save")
    widget.feedback = Feedback()
    layout.addWidget(widget.button)
    layout.addWidget(widget.feedback)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_call_runs_off_the_ui_thread_and_its_result_comes_back_on_it(qtbot, ui_session,
                                                                       form, settle):
    threads, results = [], []

    def call() -> list:
        threads.append(threading.current_thread())
        return list_units(ui_session.ctx)

    ui_session.run(form, call, on_done=lambda units: results.append(
        (units, threading.current_thread())))
    settle(ui_session)
    assert threads[0] is not threading.main_thread()
    assert results[0][1] is threading.main_thread()
    assert results[0][0] == []


def test_the_button_that_started_a_save_is_busy_until_it_ends(qtbot, ui_session, form, settle):
    release = threading.Event()
    ui_session.run(form, lambda: release.wait(10), writes=True, busy=form.button)
    assert not form.button.isEnabled()
    release.set()
    settle(ui_session)
    assert form.button.isEnabled()


def test_a_state_given_to_a_busy_button_is_the_one_it_has_when_the_call_ends(
        qtbot, ui_session, form, settle):
    # A refresh that saw the save's own change ("nothing left to do") can land while the
    # save is still running; the save's end must not hand the button back as it was.
    release = threading.Event()
    ui_session.run(form, lambda: release.wait(10), writes=True, busy=form.button)
    deny(form.button, False, "Nothing left to decide.")
    assert not form.button.isEnabled()
    release.set()
    settle(ui_session)
    assert not form.button.isEnabled()
    assert form.button.toolTip() == "Nothing left to decide."


def test_a_busy_button_enabled_by_a_refresh_waits_for_the_call_to_end(
        qtbot, ui_session, form, settle):
    form.button.setEnabled(False)
    release = threading.Event()
    ui_session.run(form, lambda: release.wait(10), writes=True, busy=form.button)
    set_enabled(form.button, True)
    assert not form.button.isEnabled()             # still busy: no second click
    release.set()
    settle(ui_session)
    assert form.button.isEnabled()


def test_a_button_two_calls_hold_is_free_when_the_last_ends(qtbot, ui_session, form, settle):
    first, second = threading.Event(), threading.Event()
    ui_session.run(form, lambda: first.wait(10), busy=form.button)
    ui_session.run(form, lambda: second.wait(10), busy=form.button)
    first.set()
    qtbot.waitUntil(lambda: ui_session.operations_running == 1)
    assert not form.button.isEnabled()
    second.set()
    settle(ui_session)
    assert form.button.isEnabled()


def test_a_refusal_shows_inline_in_the_users_language(qtbot, ui_session, form, settle):
    add_unit(ui_session.ctx, "综合执法一科", "执一")
    done = []
    ui_session.run(form, lambda: add_unit(ui_session.ctx, "综合执法二科", "执一"), writes=True,
                   where=form.feedback, on_done=done.append)
    settle(ui_session)
    assert done == []
    assert form.feedback.isVisible() and form.feedback.refused
    assert "执一" in form.feedback.text() and "已" in form.feedback.text()  # Chinese
    assert form.findChild(QMessageBox) is None                            # no box to click


def test_an_unexpected_error_shows_once_and_is_logged_with_its_traceback(
        qtbot, ui_session, form, settle):
    def broken() -> None:
        raise ZeroDivisionError("a bug in the service")

    failed = []
    ui_session.run(form, broken, on_failed=failed.append)
    settle(ui_session)
    boxes = form.findChildren(QMessageBox)
    assert len(boxes) == 1 and boxes[0].objectName() == "unexpectedErrorBox"
    assert "ZeroDivisionError" in boxes[0].informativeText()
    assert str(ui_session.log_file) in boxes[0].informativeText()
    assert "def broken" in boxes[0].detailedText() or "broken" in boxes[0].detailedText()
    assert len(failed) == 1
    logging.getLogger("lawdesk").handlers[0].flush()
    logged = ui_session.log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in the service" in logged
    assert "Traceback" in logged and "in broken" in logged


def test_a_write_publishes_what_it_changed(qtbot, ui_session, form, settle):
    heard = []
    ui_session.subscribe(form, {"unit"}, heard.append)
    other = []
    ui_session.subscribe(form, {"device"}, other.append)
    settle(ui_session)
    qtbot.waitUntil(lambda: ui_session.changes.seen_head is not None)
    operation = ui_session.run(form, lambda: add_unit(ui_session.ctx, "综合执法一科", "执一"),
                               writes=True)
    settle(ui_session)
    assert len(heard) == 1 and "unit" in heard[0].kinds
    assert operation.changes is not None and ("unit", list_units(ui_session.ctx)[0].id) \
        in operation.changes.records
    assert other == []


def test_a_change_made_by_another_process_reaches_the_window(qtbot, ui_session, form, cli):
    heard = []
    ui_session.subscribe(form, {"unit"}, heard.append)
    qtbot.waitUntil(lambda: ui_session.changes.seen_head is not None)
    result = cli("unit", "add", "综合执法二科", "--short", "执二", user="admin")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: bool(heard), timeout=2_000)   # within 2 s, without any click
    assert "unit" in heard[0].kinds


def test_callbacks_of_a_closed_dialog_are_dropped_but_its_change_is_published(
        qtbot, ui_session, settle):
    listener = QWidget()
    qtbot.addWidget(listener)
    heard = []
    ui_session.subscribe(listener, {"unit"}, heard.append)
    qtbot.waitUntil(lambda: ui_session.changes.seen_head is not None)
    dialog = QWidget()
    release, done = threading.Event(), []

    def save():  # noqa: ANN202
        release.wait(10)
        return add_unit(ui_session.ctx, "综合执法一科", "执一")

    ui_session.run(dialog, save, writes=True, on_done=done.append)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dialog))
    release.set()
    settle(ui_session)
    assert done == []
    assert heard and "unit" in heard[0].kinds


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid
    return isValid(widget)


def test_the_guard_reports_window_code_calling_the_database_on_the_ui_thread(
        ui_session, caplog):
    caplog.set_level(logging.WARNING, logger=thread_guard.log.name)
    # Test code arranging data is not window code: not reported.
    list_units(ui_session.ctx)
    assert not [r for r in caplog.records if r.name == thread_guard.log.name]
    # A call made from a desktop module on the UI thread is.
    namespace = {"__name__": "desktop.views.example", "list_units": list_units,
                 "ctx": ui_session.ctx}
    exec("def refresh():\n    return list_units(ctx)\n", namespace)  # noqa: S102
    namespace["refresh"]()
    reports = [r for r in caplog.records if r.name == thread_guard.log.name]
    assert len(reports) == 1 and "desktop.views.example" in reports[0].getMessage()
    caplog.clear()   # this test's report is the expected one, not a failure of the test
