"""The units (科室): their names, the short names document numbers use, and head counts."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog
from desktop.widgets.table_page import TablePage
from organisation.units import UnitInfo, add_unit, list_units, update_unit


class UnitDialog(FormDialog):
    def __init__(self, session: UiSession, unit: UnitInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.unit = unit
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Edit unit") if unit else self.tr("New unit"))
        self.name = QLineEdit(unit.name if unit else "")
        self.name.setObjectName("unitName")
        self.short = QLineEdit(unit.short_name if unit else "")
        self.short.setObjectName("unitShort")
        self.short.setPlaceholderText(self.tr("used in document numbers, e.g. 执一"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Short name"), self.short)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(360)

    def save_call(self) -> Callable[[], UnitInfo]:
        ctx, name, short = self.session.ctx, self.name.text(), self.short.text()
        if self.unit is None:
            return lambda: add_unit(ctx, name, short)
        unit_id = self.unit.id
        return lambda: update_unit(ctx, unit_id, name, short)


class UnitsPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ctx = session.ctx
        self.model: LoadedListModel[UnitInfo] = LoadedListModel(
            session, self, lambda: list_units(ctx), [
                Column(lambda: self.tr("Name"), lambda u: u.name),
                Column(lambda: self.tr("Short name"), lambda u: u.short_name),
                Column(lambda: self.tr("Officers"), lambda u: u.officers),
            ])
        self.model.loaded.connect(lambda _: self.table.resizeColumnsToContents())
        self.table.setModel(self.model)
        editable = session.can(Permission.MANAGE_UNITS)
        self.add_button(self.tr("New unit…"), "addUnit", self.add, editable)
        self.add_button(self.tr("Edit…"), "editUnit", self.edit, editable)
        self.tools.addStretch(1)
        self.table.doubleClicked.connect(lambda _: editable and self.edit())
        # The head counts change with the officers.
        session.subscribe(self, {"unit", "officer"}, lambda _changes: self.model.reload())
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading

    def add(self) -> None:
        UnitDialog(self.session, None, self).open()

    def edit(self) -> None:
        row = self.selected_row()
        unit = self.model.row(row) if row is not None else None
        if unit is not None:
            UnitDialog(self.session, unit, self).open()
