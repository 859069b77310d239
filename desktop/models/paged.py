"""A table model that shows any number of rows by fetching only the pages on screen, off
the UI thread.

The row count and the first page come from one read operation; further pages are fetched
when a view first asks for one of their rows, and kept in a small cache. Until a page is
there its rows are drawn empty, and the view is told when they arrive. Opening a table of
100,000 officers costs one count and one page, not 100,000 objects, and never a database
call on the UI thread (``data()`` only asks for a page and returns).

A reload keeps the rows on screen until the new ones are there (no flicker while typing a
search); an answer that comes back after a newer reload was asked for is dropped.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.models.columns import Column, ColumnTableModel, Index, Row

if TYPE_CHECKING:
    from desktop.session import UiSession
    from desktop.widgets.feedback import Feedback

PAGE_SIZE = 200
CACHED_PAGES = 40
EXPORT_PAGE = 5000   # an export reads the whole list in pages this long


class RowSource(Protocol[Row]):
    """Runs on a worker thread: plain service calls, no widgets."""

    def count(self) -> int: ...

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[Row]: ...


class PagedTableModel(ColumnTableModel[Row]):
    loaded = Signal(int)      # a (re)load finished: the row count

    def __init__(self, session: UiSession, owner: QWidget, source: RowSource | None,
                 columns: list[Column], *, sort: str, descending: bool = False,
                 where: Feedback | None = None, load: bool = True) -> None:
        super().__init__(columns, owner)
        self._session, self._owner, self._where = session, owner, where
        self._source = source
        self._sort, self.descending = sort, descending
        self._count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._asked: set[int] = set()
        self._generation = 0
        self._pending = 0
        self.loaded_once = False
        if load:
            self.reload()

    # ------------------------------------------------------------- loading
    @property
    def loading(self) -> bool:
        """A reload or a page is on its way."""
        return self._pending > 0

    @property
    def source(self) -> RowSource | None:
        return self._source

    def set_source(self, source: RowSource) -> None:
        self._source = source
        self.reload()

    def reload(self) -> None:
        if self._source is None:
            return
        self._generation += 1
        generation, source = self._generation, self._source
        sort, descending = self._sort, self.descending

        def fetch() -> tuple[int, list[Row]]:
            return source.count(), source.page(0, PAGE_SIZE, sort, descending)

        self._pending += 1
        self._session.run(self._owner, fetch, where=self._where,
                          on_done=lambda answer: self._reloaded(generation, answer),
                          on_refused=lambda _e: self._settle(),
                          on_failed=lambda _e: self._settle())

    def _settle(self) -> None:
        self._pending = max(0, self._pending - 1)

    def _reloaded(self, generation: int, answer: tuple[int, list[Row]]) -> None:
        self._settle()
        if generation != self._generation:
            return   # a newer reload is on its way
        count, first = answer
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        self._asked.clear()
        self._pages[0] = first
        self.endResetModel()
        self.loaded_once = True
        self.loaded.emit(count)

    def _ask(self, number: int) -> None:
        if number in self._asked:
            return
        self._asked.add(number)
        generation, source = self._generation, self._source
        sort, descending = self._sort, self.descending
        self._pending += 1
        self._session.run(
            self._owner,
            lambda: source.page(number * PAGE_SIZE, PAGE_SIZE, sort, descending),
            where=self._where,
            on_done=lambda rows: self._arrived(generation, number, rows),
            on_refused=lambda _e: self._settle(), on_failed=lambda _e: self._settle())

    def _arrived(self, generation: int, number: int, rows: list[Row]) -> None:
        self._settle()
        if generation != self._generation:
            return
        self._asked.discard(number)
        self._pages[number] = rows
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE_SIZE
        last = min(self._count, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, self.columnCount() - 1))

    # -------------------------------------------------------------- reading
    def row(self, row: int) -> Row | None:
        """The row if it is loaded; else None (and its page is asked for)."""
        if not 0 <= row < self._count:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            self._ask(number)
            return None
        self._pages.move_to_end(number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def all_rows_reader(self):  # noqa: ANN201 - Callable[[], list[Row]]
        """Every row in the current order, fetched page by page on the worker thread."""
        source, sort, descending = self._source, self._sort, self.descending

        def read() -> list[Row]:
            if source is None:
                return []
            rows: list[Row] = []
            while True:
                page = source.page(len(rows), EXPORT_PAGE, sort, descending)
                rows.extend(page)
                if len(page) < EXPORT_PAGE:
                    return rows
        return read

    def loaded_rows(self) -> list[Row]:
        """The rows loaded so far, in order (for finding one without fetching all)."""
        return [row for number in sorted(self._pages) for row in self._pages[number]]

    def find(self, predicate) -> int | None:  # noqa: ANN001
        """The first loaded row for which ``predicate(row)`` holds."""
        for number in sorted(self._pages):
            for offset, item in enumerate(self._pages[number]):
                if predicate(item):
                    return number * PAGE_SIZE + offset
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort_key
        if key is None:
            return
        self._sort, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.reload()
