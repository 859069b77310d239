"""The Settings page: the user's own (language, password) and the workstation's."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLineEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from core.permissions import Permission
from accounts.users import change_own_password
from config.settings import get_setting, set_setting
from desktop.session import UiSession
from desktop.views.admin.accounts import PasswordFields
from desktop.views.admin.workstation_settings import WorkstationSettings
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from desktop.widgets.form_dialog import FormDialog


def _left(button: QPushButton) -> QWidget:
    """A button at its natural width, not stretched across the form."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return holder


class ChangePasswordDialog(FormDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Change my password"))
        self.old = QLineEdit()
        self.old.setObjectName("oldPassword")
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.passwords = PasswordFields()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        self.finish(layout)
        self.setMinimumWidth(360)

    def save_call(self) -> Callable[[], None] | None:
        password = self.passwords.checked(self.feedback)
        if password is None:
            return None
        ctx, old = self.session.ctx, self.old.text()
        return lambda: change_own_password(ctx, old, password)


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self._show_language(session.language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        personal = QGroupBox(self.tr("My settings"))
        personal_form = QFormLayout(personal)
        personal_form.addRow(self.tr("Interface language"), self.language)
        password = QPushButton(self.tr("Change my password…"))
        password.setObjectName("changePassword")
        password.clicked.connect(self.change_password)
        personal_form.addRow("", _left(password))
        self.personal_feedback = Feedback()
        self.personal_feedback.setObjectName("personalFeedback")
        personal_form.addRow(self.personal_feedback)

        workstation = QGroupBox(self.tr("Workstation"))
        form = QFormLayout(workstation)
        self.bureau = QLineEdit()
        self.bureau.setObjectName("bureauName")
        self.bureau.textEdited.connect(lambda _: self.feedback.clear())
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        editable = session.can(Permission.CHANGE_SETTINGS)
        set_enabled(self.bureau, editable)
        set_enabled(self.save_button, editable)
        form.addRow(self.tr("Enforcement body"), self.bureau)
        form.addRow(self.tr("Workstation id"), QLineEdit(session.workspace.workstation_id,
                                                         readOnly=True))
        form.addRow(self.tr("Data folder"), QLineEdit(str(session.workspace.data_dir),
                                                      readOnly=True))
        form.addRow("", _left(self.save_button))
        self.feedback = Feedback()
        self.feedback.setObjectName("settingsFeedback")
        form.addRow(self.feedback)
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
        self._stored_bureau: str | None = None
        # Changed meanwhile (say by `lawdesk settings set`): shown, unless the admin is
        # typing a name of their own.
        session.subscribe(self, {"setting"}, lambda _changes: self._load_bureau())
        self._load_bureau()

    # ------------------------------------------------------------ my settings
    def _show_language(self, language: str) -> None:
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.blockSignals(False)

    def _language_chosen(self) -> None:
        language, ctx = self.language.currentData(), self.session.ctx
        if language == self.session.language:
            return
        self.session.run(self, lambda: set_setting(ctx, "ui.language", language), writes=True,
                         where=self.personal_feedback, busy=self.language,
                         on_done=lambda _: self.language_changed.emit(language),
                         on_refused=lambda _error: self._show_language(self.session.language))

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.session, self)
        done = self.tr("Your password is changed.")
        dialog.saved.connect(lambda _: self.personal_feedback.ok(done))
        dialog.open()

    # ------------------------------------------------------------ workstation
    def _load_bureau(self) -> None:
        if self._stored_bureau is not None and self.bureau.text() != self._stored_bureau:
            return   # edits not yet saved
        db = self.session.workspace.db
        self.session.run(self, lambda: get_setting(db, "bureau.name"),
                         on_done=self._show_bureau)

    def _show_bureau(self, name: str) -> None:
        if self._stored_bureau is None or self.bureau.text() == self._stored_bureau:
            self.bureau.setText(name)
        self._stored_bureau = name

    def save(self) -> None:
        ctx, name = self.session.ctx, self.bureau.text().strip()
        self.session.run(self, lambda: set_setting(ctx, "bureau.name", name), writes=True,
                         where=self.feedback, busy=self.save_button,
                         on_done=lambda _: self._bureau_saved(name))

    def _bureau_saved(self, name: str) -> None:
        self._stored_bureau = name
        self.bureau.setText(name)
        self.feedback.ok(self.tr("Saved."))
