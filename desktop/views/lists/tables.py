"""A read-only table view as the lists area shows its tables."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def table_view(model: QAbstractItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view


def fit(view: QTableView, widest: int = 260) -> None:
    """Columns as wide as their text, but none wider than ``widest`` pixels (a service
    guide's materials run to paragraphs)."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        if view.columnWidth(column) > widest:
            view.setColumnWidth(column, widest)
