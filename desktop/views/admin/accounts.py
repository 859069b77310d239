from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QLineEdit, QVBoxLayout, QWidget)

from accounts.users import UserInfo, add_user, list_users, reset_password, set_active, set_roles
from desktop.labels import ROLES, role_label
from desktop.models.listed import ListTableModel
from desktop.models.columns import Column
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage


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


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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


class UserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout.addWidget(_ok_cancel(self))
        self.setMinimumWidth(400)


class RolesDialog(QDialog):
    def __init__(self, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Roles of %1").replace("%1", user.username))
        self.roles = RoleBoxes(user.roles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.roles)
        layout.addWidget(_ok_cancel(self))


class ResetPasswordDialog(QDialog):
    def __init__(self, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset the password of %1").replace("%1", user.username))
        self.passwords = PasswordFields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.passwords)
        layout.addWidget(_ok_cancel(self))


class AccountsPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ListTableModel([
            Column(lambda: self.tr("User name"), lambda u: u.username),
            Column(lambda: self.tr("Display name"), lambda u: u.display_name),
            Column(lambda: self.tr("Roles"), lambda u: "、".join(role_label(r) for r in u.roles)),
            Column(lambda: self.tr("State"),
                   lambda u: self.tr("Active") if u.active else self.tr("Disabled")),
            Column(lambda: self.tr("Linked officer"),
                   lambda u: f"{u.officer_name}（{u.certificate_number}）" if u.officer_name
                   else ""),
        ], self)
        self.table.setModel(self.model)
        self.add_button(self.tr("New user…"), "addUser", self.add)
        self.add_button(self.tr("Roles…"), "editRoles", self.edit_roles)
        self.add_button(self.tr("Enable or disable"), "toggleActive", self.toggle_active)
        self.add_button(self.tr("Reset password…"), "resetPassword", self.reset_password)
        self.tools.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(list_users(self.session.ctx))
        self.table.resizeColumnsToContents()

    def _selected(self) -> UserInfo | None:
        row = self.selected_row()
        return self.model.row(row) if row is not None else None

    def _mismatch(self, fields: PasswordFields) -> bool:
        if fields.matches():
            return False
        self.session.show_error(self, ValueError(self.tr("The two passwords differ.")))
        return True

    def add(self) -> None:
        dialog = UserDialog(self)
        while dialog.exec():
            if self._mismatch(dialog.passwords):
                continue
            if self.session.attempt(self, lambda: add_user(
                    self.session.ctx, dialog.username.text().strip(),
                    dialog.passwords.password.text(), dialog.roles.value(),
                    officer_certificate=dialog.officer.text().strip() or None,
                    display_name=dialog.display_name.text().strip() or None)):
                self.refresh()
                return

    def edit_roles(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = RolesDialog(user, self)
        while dialog.exec():
            if self.session.attempt(self, lambda: set_roles(self.session.ctx, user.username,
                                                            dialog.roles.value())):
                self.refresh()
                return

    def toggle_active(self) -> None:
        user = self._selected()
        if user is not None and self.session.attempt(
                self, lambda: set_active(self.session.ctx, user.username, not user.active)):
            self.refresh()

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(user, self)
        while dialog.exec():
            if self._mismatch(dialog.passwords):
                continue
            if self.session.attempt(self, lambda: reset_password(
                    self.session.ctx, user.username, dialog.passwords.password.text())):
                return
