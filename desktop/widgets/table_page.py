"""The frame every admin list shares: a tool row of buttons over a table."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton,
                               QTableView, QVBoxLayout, QWidget)


class TablePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = QHBoxLayout()
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.tools)
        layout.addWidget(self.table)

    def add_button(self, text: str, name: str, slot, enabled: bool = True) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        button.setEnabled(enabled)
        self.tools.addWidget(button)
        return button

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None
