"""What every LawDesk table model shares: columns described as data, and how a cell of a
row is shown. Subclasses say only how many rows there are and how to get one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.formatting import shown_text

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: Callable[[], str]       # called at paint time, so it follows the language
    value: Callable[[Row], Any]
    sort_key: str | None = None     # what the source sorts by; None: not sortable
    foreground: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None
    decoration: Callable[[Row], Any] | None = None  # an icon or picture beside the text


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, columns: list[Column], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._columns = columns

    def row(self, row: int) -> Row | None:
        raise NotImplementedError

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def all_rows_reader(self) -> Callable[[], list[Row]]:
        """A call that returns every row of the table (not only those on screen), in the
        order shown; exports run it on a worker thread."""
        raise NotImplementedError

    def cell_texts(self, item: Row) -> list[str]:
        """A row's cells as the table shows them (for an export)."""
        return [shown_text(column.value(item)) for column in self._columns]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole,
                                               Qt.ItemDataRole.ForegroundRole,
                                               Qt.ItemDataRole.DecorationRole):
            return None
        item = self.row(index.row())
        if item is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(item) if column.foreground else None
        if role == Qt.ItemDataRole.DecorationRole:
            return column.decoration(item) if column.decoration else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return shown_text(column.tooltip(item))
        return shown_text(column.value(item))
