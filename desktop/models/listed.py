"""A table model over a short list held in memory (units, accounts, the audit log)."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QModelIndex

from desktop.models.columns import Column, ColumnTableModel, Index, Row


class ListTableModel(ColumnTableModel[Row]):
    def __init__(self, columns: list[Column], parent=None) -> None:  # noqa: ANN001
        super().__init__(columns, parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def all_rows_reader(self):  # noqa: ANN201 - Callable[[], list[Row]]
        rows = list(self._rows)   # the rows as shown now, taken on the UI thread
        return lambda: rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)
