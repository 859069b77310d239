"""Logging in, and the first-run set-up that creates the administrator."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from config.settings import get_setting
from core.context import Context
from core.errors import DomainError
from lawdesk.workspace import Workspace


def _heading(title: str, subtitle: str) -> QLabel:
    label = QLabel(f"<div style='font-size:15pt; font-weight:600'>{escape(title)}</div>"
                   + (f"<div>{escape(subtitle)}</div>" if subtitle else ""))
    label.setObjectName("loginHeading")
    return label


class LoginDialog(QDialog):
    def __init__(self, workspace: Workspace, language: str, parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(parent)
        self.workspace, self.language = workspace, language
        self.context: Context | None = None
        self.setWindowTitle(self.tr("Log in to LawDesk"))
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        folder = QLabel(self.tr("Data folder: %1").replace("%1", str(workspace.data_dir)))
        folder.setWordWrap(True)
        folder.setStyleSheet("color: palette(mid);")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("LawDesk law-enforcement workstation"),
                                  get_setting(workspace.db, "bureau.name")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(folder)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(380)

    def try_login(self) -> None:
        try:
            self.context = self.workspace.login(self.username.text().strip(),
                                                self.password.text())
        except DomainError as error:
            self.error.setText(error.message(self.language))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class FirstRunDialog(QDialog):
    """Shown once, on a data folder that has no administrator yet."""

    def __init__(self, workspace: Workspace, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.language = workspace, language
        self.setWindowTitle(self.tr("Set up LawDesk"))
        intro = QLabel(self.tr("This data folder is new. Create the administrator account; "
                               "the administrator then adds units, officers and other users."))
        intro.setWordWrap(True)
        self.bureau = QLineEdit()
        self.bureau.setObjectName("bureau")
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("setupError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Enforcement body"), self.bureau)
        form.addRow(self.tr("Administrator user name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.context: Context | None = None

    def create(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        try:
            self.workspace.initialise(self.username.text().strip(), self.password.text())
            self.context = self.workspace.login(self.username.text().strip(),
                                                self.password.text())
            if self.bureau.text().strip():
                from config.settings import set_setting
                set_setting(self.context, "bureau.name", self.bureau.text().strip())
        except DomainError as error:
            self.error.setText(error.message(self.language))
            return
        self.accept()
