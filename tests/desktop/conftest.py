from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.fonts import choose_ui_font
from desktop.i18n import Translations
from desktop.jobs import JobRunner
from desktop.session import UiSession


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
    return UiSession(workspace, admin, runner, "zh_CN")


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
