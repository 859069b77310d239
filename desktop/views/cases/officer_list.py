"""Choosing handling officers from the list of officers, each with what their certificate
allows today (持证上岗), so an officer who may not enforce is seen before being picked."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from desktop.labels import certification_short_label
from desktop.models.columns import Column
from desktop.models.paged import PagedTableModel
from desktop.session import UiSession
from desktop.views.admin.officers import OfficerSource
from organisation.officers import OfficerFilter, OfficerRow

WARN = QColor("#b00020")


class OfficerListDialog(QDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Choose handling officers"))
        lang = session.language
        self.search = QLineEdit()
        self.search.setObjectName("officerSearch")
        self.search.setPlaceholderText(self.tr("Name or certificate number"))
        self.search.setClearButtonEnabled(True)
        self.model: PagedTableModel[OfficerRow] = PagedTableModel(self._source(), [
            Column(lambda: self.tr("Name"), lambda o: o.name, "name"),
            Column(lambda: self.tr("Unit"), lambda o: o.unit_name, "unit"),
            Column(lambda: self.tr("Certificate"), lambda o: o.certificate_number or "",
                   "certificate"),
            Column(lambda: self.tr("May enforce"),
                   lambda o: certification_short_label(o.certification.reason.value),
                   foreground=lambda o: None if o.certification.certified else WARN,
                   tooltip=lambda o: o.certification.message(lang)),
        ], sort="name", parent=self)
        self.table = QTableView()
        self.table.setObjectName("officerChoices")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 150, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(lambda: self.model.set_source(self._source()))
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.resize(560, 420)

    def _source(self) -> OfficerSource:
        text = self.search.text() if hasattr(self, "search") else ""
        return OfficerSource(self.session.ctx, OfficerFilter(text=text))

    def chosen(self) -> list[OfficerRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row for row in (self.model.row(r) for r in rows) if row is not None]
