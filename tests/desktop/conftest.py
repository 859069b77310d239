from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication

from db.database import Database
from desktop import thread_guard

from desktop.fonts import choose_ui_font
from desktop.i18n import Translations
from desktop.jobs import JobRunner
from desktop.session import UiSession


@pytest.fixture(autouse=True)
def no_database_on_the_ui_thread(caplog, monkeypatch):
    """Every window test fails if window code called the database on the UI thread
    (desktop.thread_guard): every Database, however the test made it, is checked."""
    monkeypatch.setattr(Database, "on_session", staticmethod(thread_guard.check))
    caplog.set_level(logging.WARNING, logger=thread_guard.log.name)
    yield
    calls = [r.getMessage() for r in caplog.get_records("call") + caplog.get_records("teardown")
             if r.name == thread_guard.log.name]
    assert not calls, "window code called the database on the UI thread:\n" + calls[0]


@pytest.fixture
def translations(qapp):
    choose_ui_font(qapp)
    installed = Translations(qapp)
    installed.apply("zh_CN")
    yield installed
    installed.apply("en")


@pytest.fixture
def runner(qapp):
    jobs = JobRunner()
    yield jobs
    assert jobs.shutdown(), "a background job did not finish"


@pytest.fixture
def ui_session(workspace, admin, runner, translations):
    session = UiSession(workspace, admin, runner, "zh_CN")
    yield session
    session.close()


@pytest.fixture
def settle(qtbot):
    """``settle(session)``: wait until the window's operations have all come back, as a
    user waits for the busy cursor to go."""
    def wait(session: UiSession, timeout: int = 10_000) -> None:
        qtbot.waitUntil(lambda: session.idle, timeout=timeout)
    return wait


@pytest.fixture
def wait(qtbot, settle):
    """``wait(session)``: the clicks' operations have come back; ``wait(session, until)``:
    and then ``until()`` holds (a change heard from the change hub, a list read again)."""
    def waiting(session: UiSession, until=None) -> None:  # noqa: ANN001
        settle(session)
        if until is not None:
            qtbot.waitUntil(until, timeout=10_000)
            settle(session)
    return waiting


@pytest.fixture
def answer_dialog(qtbot):
    """Fill in and close the next modal dialog a click opens.

    ``fill(dialog)`` runs once the dialog is on screen; it sets fields and accepts or
    rejects it, as a person would."""
    from PySide6.QtCore import QTimer

    def arm(fill):
        def attempt():
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, attempt)
                return
            fill(dialog)
        QTimer.singleShot(0, attempt)
    return arm
