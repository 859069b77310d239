from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from accounts.users import UserInfo, add_user, list_users, reset_password, set_active, set_roles
from desktop.labels import ROLES, role_label
from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback
from desktop.widgets.form_dialog import FormDialog
from desktop.widgets.table_page import TablePage


class RoleBoxes(QGroupBox):
    def __init__(self, chosen: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Roles"), parent)
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for role in ROLES:
            box = QCheckBox(role_label(role))
            box.setObjectName(f"role_{role}")
            box.setChecked(role in chosen)
            layout.addWidget(box)
            self.boxes[role] = box

    def value(self) -> list[str]:
        return [role for role, box in self.boxes.items() if box.isChecked()]


class PasswordFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeatPassword")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)

    def matches(self) -> bool:
        return self.password.text() == self.repeat.text()

    def checked(self, feedback: Feedback) -> str | None:
        """The new password; None, saying why in ``feedback``, when the two differ (a
        slip of the fingers, caught before any call)."""
        if not self.matches():
            feedback.error(self.tr("The two passwords differ."))
            return None
        return self.password.text()


class UserDialog(FormDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("New user"))
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("newDisplayName")
        self.officer = QLineEdit()
        self.officer.setObjectName("newUserOfficer")
        self.officer.setPlaceholderText(self.tr("certificate number, for officer accounts"))
        self.passwords = PasswordFields()
        self.roles = RoleBoxes()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Display name"), self.display_name)
        form.addRow(self.tr("Linked officer"), self.officer)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.roles)
        self.finish(layout)
        self.setMinimumWidth(400)

    def save_call(self) -> Callable[[], UserInfo] | None:
        password = self.passwords.checked(self.feedback)
        if password is None:
            return None
        ctx, username, roles = self.session.ctx, self.username.text().strip(), self.roles.value()
        officer = self.officer.text().strip() or None
        display_name = self.display_name.text().strip() or None
        return lambda: add_user(ctx, username, password, roles, officer_certificate=officer,
                                display_name=display_name)


class RolesDialog(FormDialog):
    def __init__(self, session: UiSession, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.user = user
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Roles of %1").replace("%1", user.username))
        self.roles = RoleBoxes(user.roles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.roles)
        self.finish(layout)

    def save_call(self) -> Callable[[], UserInfo]:
        ctx, username, roles = self.session.ctx, self.user.username, self.roles.value()
        return lambda: set_roles(ctx, username, roles)


class ResetPasswordDialog(FormDialog):
    def __init__(self, session: UiSession, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.user = user
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Reset the password of %1").replace("%1", user.username))
        self.passwords = PasswordFields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.passwords)
        self.finish(layout)

    def save_call(self) -> Callable[[], None] | None:
        password = self.passwords.checked(self.feedback)
        if password is None:
            return None
        ctx, username = self.session.ctx, self.user.username
        return lambda: reset_password(ctx, username, password)


class AccountsPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.feedback = Feedback()
        self.feedback.setObjectName("accountsFeedback")
        self.layout().insertWidget(1, self.feedback)
        ctx = session.ctx
        self.model: LoadedListModel[UserInfo] = LoadedListModel(
            session, self, lambda: list_users(ctx), [
                Column(lambda: self.tr("User name"), lambda u: u.username),
                Column(lambda: self.tr("Display name"), lambda u: u.display_name),
                Column(lambda: self.tr("Roles"),
                       lambda u: "、".join(role_label(r) for r in u.roles)),
                Column(lambda: self.tr("State"),
                       lambda u: self.tr("Active") if u.active else self.tr("Disabled")),
                Column(lambda: self.tr("Linked officer"),
                       lambda u: f"{u.officer_name}（{u.certificate_number}）"
                       if u.officer_name else ""),
            ])
        self.model.loaded.connect(lambda _: self.table.resizeColumnsToContents())
        self.table.setModel(self.model)
        self.add_button(self.tr("New user…"), "addUser", self.add)
        self.add_button(self.tr("Roles…"), "editRoles", self.edit_roles)
        self.toggle_button = self.add_button(self.tr("Enable or disable"), "toggleActive",
                                             self.toggle_active)
        self.add_button(self.tr("Reset password…"), "resetPassword", self.reset_password)
        self.tools.addStretch(1)
        # A linked officer's name and certificate show beside the account.
        session.subscribe(self, {"user_account", "user_role", "officer", "certificate"},
                          lambda _changes: self.model.reload())
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading

    def _selected(self) -> UserInfo | None:
        row = self.selected_row()
        return self.model.row(row) if row is not None else None

    def add(self) -> None:
        UserDialog(self.session, self).open()

    def edit_roles(self) -> None:
        user = self._selected()
        if user is not None:
            RolesDialog(self.session, user, self).open()

    def toggle_active(self) -> None:
        user = self._selected()
        if user is None:
            return
        ctx, username, active = self.session.ctx, user.username, not user.active
        self.session.run(self, lambda: set_active(ctx, username, active), writes=True,
                         where=self.feedback, busy=self.toggle_button)

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.session, user, self)
        done = self.tr("The password of %1 is reset.").replace("%1", user.username)
        dialog.saved.connect(lambda _: self.feedback.ok(done))
        dialog.open()
