"""A table model that shows any number of rows by fetching only the pages on screen.

The row count comes from one COUNT query; rows are fetched a page at a time when a view
first asks for them and kept in a small cache. Opening a table of 100,000 officers costs
one count and one page, not 100,000 objects.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
PAGE_SIZE = 200
CACHED_PAGES = 40
_Index = QModelIndex | QPersistentModelIndex


class RowSource(Protocol[Row]):
    def count(self) -> int: ...

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[Row]: ...


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: Callable[[], str]       # called at paint time, so it follows the language
    value: Callable[[Row], Any]
    sort_key: str | None = None     # what the source sorts by; None: not sortable
    decoration: Callable[[Row], Any] | None = None
    foreground: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, source: RowSource, columns: list[Column], *, sort: str,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._source = source
        self._columns = columns
        self._sort, self._descending = sort, False
        self._count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.reload()

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self._source.count()
        self.endResetModel()

    def set_source(self, source: RowSource) -> None:
        self._source = source
        self.reload()

    def _page(self, number: int) -> list[Row]:
        page = self._pages.get(number)
        if page is None:
            page = self._source.page(number * PAGE_SIZE, PAGE_SIZE, self._sort, self._descending)
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row(self, row: int) -> Row | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # ------------------------------------------------------- Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header()
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole):
            return None
        item = self.row(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return column.decoration(item) if column.decoration else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(item) if column.foreground else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(item)
        value = column.value(item)
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        if key is None:
            return
        self._sort, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
