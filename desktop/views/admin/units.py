from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from accounts.permissions import Permission
from desktop.models.listed import ListTableModel
from desktop.models.columns import Column
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from organisation.units import UnitInfo, add_unit, list_units, update_unit


class UnitDialog(QDialog):
    def __init__(self, unit: UnitInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit unit") if unit else self.tr("New unit"))
        self.name = QLineEdit(unit.name if unit else "")
        self.name.setObjectName("unitName")
        self.short = QLineEdit(unit.short_name if unit else "")
        self.short.setObjectName("unitShort")
        self.short.setPlaceholderText(self.tr("used in document numbers, e.g. 执一"))
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Short name"), self.short)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(360)


class UnitsPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ListTableModel([
            Column(lambda: self.tr("Name"), lambda u: u.name),
            Column(lambda: self.tr("Short name"), lambda u: u.short_name),
            Column(lambda: self.tr("Officers"), lambda u: u.officers),
        ], self)
        self.table.setModel(self.model)
        editable = session.can(Permission.MANAGE_UNITS)
        self.add_button(self.tr("New unit…"), "addUnit", self.add, editable)
        self.add_button(self.tr("Edit…"), "editUnit", self.edit, editable)
        self.tools.addStretch(1)
        self.table.doubleClicked.connect(lambda _: editable and self.edit())
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(list_units(self.session.ctx))
        self.table.resizeColumnsToContents()

    def add(self) -> None:
        dialog = UnitDialog(None, self)
        while dialog.exec():
            if self.session.attempt(self, lambda: add_unit(
                    self.session.ctx, dialog.name.text(), dialog.short.text())):
                self.refresh()
                return

    def edit(self) -> None:
        row = self.selected_row()
        unit = self.model.row(row) if row is not None else None
        if unit is None:
            return
        dialog = UnitDialog(unit, self)
        while dialog.exec():
            if self.session.attempt(self, lambda: update_unit(
                    self.session.ctx, unit.id, dialog.name.text(), dialog.short.text())):
                self.refresh()
                return
