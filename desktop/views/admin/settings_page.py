from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame,
                               QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from accounts.permissions import Permission
from accounts.users import change_own_password
from config.settings import get_setting, set_setting
from desktop.session import UiSession
from desktop.views.admin.accounts import PasswordFields
from desktop.views.admin.workstation_settings import WorkstationSettings


def _left(button: QPushButton) -> QWidget:
    """A button at its natural width, not stretched across the form."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return holder


class ChangePasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change my password"))
        self.old = QLineEdit()
        self.old.setObjectName("oldPassword")
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.passwords = PasswordFields()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(buttons)


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(session.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        personal = QGroupBox(self.tr("My settings"))
        personal_form = QFormLayout(personal)
        personal_form.addRow(self.tr("Interface language"), self.language)
        password = QPushButton(self.tr("Change my password…"))
        password.setObjectName("changePassword")
        password.clicked.connect(self.change_password)
        personal_form.addRow("", _left(password))

        workstation = QGroupBox(self.tr("Workstation"))
        form = QFormLayout(workstation)
        self.bureau = QLineEdit(get_setting(session.workspace.db, "bureau.name"))
        self.bureau.setObjectName("bureauName")
        save = QPushButton(self.tr("Save"))
        save.setObjectName("saveSettings")
        save.clicked.connect(self.save)
        editable = session.can(Permission.CHANGE_SETTINGS)
        self.bureau.setEnabled(editable)
        save.setEnabled(editable)
        form.addRow(self.tr("Enforcement body"), self.bureau)
        form.addRow(self.tr("Workstation id"), QLineEdit(session.workspace.workstation_id,
                                                         readOnly=True))
        form.addRow(self.tr("Data folder"), QLineEdit(str(session.workspace.data_dir),
                                                      readOnly=True))
        form.addRow("", _left(save))
        self.workstation = WorkstationSettings(session)
        holder = QWidget()
        column = QVBoxLayout(holder)
        for group in (personal, workstation):
            group.setMaximumWidth(720)
            column.addWidget(group)
        column.addWidget(self.workstation)
        column.addStretch(1)
        # The page is taller than a laptop's window once every setting is on it.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self) -> None:
        """Called when the tab is shown: values changed meanwhile (say by `lawdesk settings
        set`) appear, unless the admin has edits of their own not yet saved."""
        if not self.workstation.changes():
            self.workstation.load()

    def _language_chosen(self) -> None:
        language = self.language.currentData()
        if language != self.session.language and self.session.attempt(
                self, lambda: set_setting(self.session.ctx, "ui.language", language)):
            self.language_changed.emit(language)

    def save(self) -> None:
        self.session.attempt(self, lambda: set_setting(self.session.ctx, "bureau.name",
                                                       self.bureau.text().strip()))

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self)
        while dialog.exec():
            if not dialog.passwords.matches():
                self.session.show_error(self, ValueError(self.tr("The two passwords differ.")))
                continue
            if self.session.attempt(self, lambda: change_own_password(
                    self.session.ctx, dialog.old.text(), dialog.passwords.password.text())):
                return
