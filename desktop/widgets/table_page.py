"""The frame every admin list shares: a tool row of buttons over a table."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from desktop.palette import HINT_STYLE
from desktop.widgets.enabled import set_enabled

if TYPE_CHECKING:
    from desktop.widgets.table_export import TableExport


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
        set_enabled(button, enabled)
        self.tools.addWidget(button)
        return button

    def set_empty_state(self, text: str, loaded: SignalInstance) -> QLabel:
        """A line that says what to do when the list is empty (e.g. 未检测到设备：请连接执法
        记录仪), shown above the table while ``loaded`` (a reload's row count) says 0."""
        self.empty_state = QLabel(text)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet(HINT_STYLE)
        self.empty_state.setVisible(False)
        self.layout().insertWidget(1, self.empty_state)
        loaded.connect(lambda count: self.empty_state.setVisible(count == 0))
        return self.empty_state

    def add_export(self, session, model, title: str) -> "TableExport":  # noqa: ANN001
        """An "Export…" button in the tool row for ``model``'s rows, its result below the
        table (desktop.widgets.table_export)."""
        from desktop.widgets.feedback import Feedback
        from desktop.widgets.table_export import TableExport
        feedback = Feedback()
        feedback.setObjectName("exportFeedback")
        self.layout().addWidget(feedback)
        self.export = TableExport(session, self, model, title, where=feedback)
        self.tools.addWidget(self.export.button)
        return self.export

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None
