"""A table model that shows any number of rows by fetching only the pages on screen.

The row count comes from one COUNT query; rows are fetched a page at a time when a view
first asks for them and kept in a small cache. Opening a table of 100,000 officers costs
one count and one page, not 100,000 objects.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt

from desktop.models.columns import Column, ColumnTableModel, Index, Row

PAGE_SIZE = 200
CACHED_PAGES = 40


class RowSource(Protocol[Row]):
    def count(self) -> int: ...

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[Row]: ...


class PagedTableModel(ColumnTableModel[Row]):
    def __init__(self, source: RowSource, columns: list[Column], *, sort: str,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(columns, parent)
        self._source = source
        self._sort, self._descending = sort, False
        self._count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.reload()

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        if key is None:
            return
        self._sort, self._descending = key, order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
