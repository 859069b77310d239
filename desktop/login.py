"""Logging in (the first-run set-up is desktop.first_run).

It runs before there is a session, but not on the UI thread all the same: checking a
password is a deliberately slow hash (a fraction of a second). It goes through the job
runner; a refusal shows in the dialog, anything else is logged and shown once
(desktop.errors)."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from config.settings import get_setting
from core.context import Context
from core.errors import DomainError
from core.log_file import log_path
from desktop.errors import report_unexpected
from desktop.jobs import JobRunner
from desktop.palette import HINT_STYLE, WARN_STYLE
from desktop.widgets.enabled import set_enabled
from lawdesk.workspace import Workspace


def _heading_html(title: str, subtitle: str) -> str:
    return (f"<div style='font-size:15pt; font-weight:600'>{escape(title)}</div>"
            + (f"<div>{escape(subtitle)}</div>" if subtitle else ""))


class _Gate(QDialog):
    """A dialog before the session: a runner to work on and one way to report."""

    def __init__(self, workspace: Workspace, language: str, runner: JobRunner,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.workspace, self.language, self.runner = workspace, language, runner
        self.context: Context | None = None
        self.error = QLabel()
        self.error.setStyleSheet(WARN_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.working = False

    def _work(self, call, on_done) -> None:  # noqa: ANN001
        self.working = True
        set_enabled(self.buttons, False)
        self.runner.submit(lambda _progress, _cancel: call(), writes=True,
                           on_success=lambda result: self._done(on_done, result),
                           on_error=self._failed)

    def _done(self, on_done, result) -> None:  # noqa: ANN001
        self.working = False
        set_enabled(self.buttons, True)
        on_done(result)

    def _failed(self, error: Exception) -> None:
        self.working = False
        set_enabled(self.buttons, True)
        if isinstance(error, DomainError):
            self._refused(error.message(self.language))
        else:
            report_unexpected(self, error, log_path(self.workspace.data_dir))

    def _refused(self, text: str) -> None:
        self.error.setText(text)


class LoginDialog(_Gate):
    def __init__(self, workspace: Workspace, language: str, runner: JobRunner,
                 parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(workspace, language, runner, parent)
        self.setWindowTitle(self.tr("Log in to LawDesk"))
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error.setObjectName("loginError")
        folder = QLabel(self.tr("Data folder: %1").replace("%1", str(workspace.data_dir)))
        folder.setWordWrap(True)
        folder.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = self.buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_login)
        title = self.tr("LawDesk law-enforcement workstation")
        self.heading = QLabel(_heading_html(title, ""))
        self.heading.setObjectName("loginHeading")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(folder)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(380)
        database = workspace.db
        runner.submit(lambda _p, _c: get_setting(database, "bureau.name"),
                      on_success=lambda bureau: self.heading.setText(
                          _heading_html(title, bureau)))

    def try_login(self) -> None:
        if self.working:
            return
        workspace = self.workspace
        username, password = self.username.text().strip(), self.password.text()
        self._work(lambda: workspace.login(username, password), self._logged_in)

    def _logged_in(self, context: Context) -> None:
        self.context = context
        self.accept()

    def _refused(self, text: str) -> None:
        super()._refused(text)
        self.password.clear()
        self.password.setFocus()
