"""The searchable paged table every list in the window is: a search box (debounced, so a
query runs once typing pauses), filters, a count, a sortable table over any number of rows
(desktop.models.paged), and the selected rows.

The page that holds it says how to make the row source from the search text and its own
filters (``make_source``) and which of its widgets are filters (``watch``); everything
else is here once. The page calls ``refresh()`` once its filters exist.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic

from PySide6.QtCore import QTimer, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QWidget

from desktop.models.columns import Column, Row
from desktop.models.paged import PagedTableModel, RowSource
from desktop.widgets.table_page import TablePage

if TYPE_CHECKING:
    from desktop.session import UiSession

DEBOUNCE_MS = 250


class SearchableTable(TablePage, Generic[Row]):
    """``count_text`` is a translated text with %1 for the number of rows."""

    loaded = Signal(int)

    def __init__(self, session: UiSession, make_source: Callable[[str], RowSource],
                 columns: list[Column], *, sort: str, descending: bool = False,
                 placeholder: str = "", count_text: str = "%1", name: str = "",
                 multi_select: bool = False, searchable: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self._make_source = session, make_source
        self._count_text = count_text
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search" if name else "search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.count_label = QLabel()
        self.count_label.setObjectName(f"{name}Count" if name else "count")
        if searchable:
            self.tools.addWidget(self.search, 3)
        else:
            self.search.hide()   # the page's own filters search (e.g. FootageFilterBar)
        self.filters = self.tools   # pages add their filter widgets after the search box
        # No source yet: the page's filters do not exist until its constructor has made
        # them. It calls refresh() when they do, which loads the first rows.
        self.model: PagedTableModel[Row] = PagedTableModel(
            session, self, None, columns, sort=sort, descending=descending, load=False)
        self.table.setModel(self.model)
        if name:
            self.table.setObjectName(f"{name}Table")
        if multi_select:
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        if any(column.sort_key for column in columns):
            self.table.setSortingEnabled(True)
            sorted_by = next(i for i, c in enumerate(columns) if c.sort_key == sort) \
                if any(c.sort_key == sort for c in columns) else -1
            self.table.horizontalHeader().setSortIndicator(
                sorted_by, Qt.SortOrder.DescendingOrder if descending
                else Qt.SortOrder.AscendingOrder)
        self.model.loaded.connect(self._loaded)
        # A reload (the records changed under the page) keeps the row the user had chosen.
        self._keep: object | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._debounce.start())

    def add_count(self) -> None:
        """Put the count at the end of the tool row (after the page's own filters)."""
        self.tools.addWidget(self.count_label)

    def watch(self, signal: SignalInstance, *, debounce: bool = False) -> None:
        """Reload when ``signal`` fires (a filter changed); typed text waits for a pause."""
        if debounce:
            signal.connect(lambda *_: self._debounce.start())
        else:
            signal.connect(lambda *_: self.refresh())

    # -------------------------------------------------------------- loading
    def refresh(self) -> None:
        """Load the rows again, with the search text and filters as they are now."""
        self._debounce.stop()
        self.model.set_source(self._make_source(self.search.text()))

    def reload(self) -> None:
        """Load the same rows again (the records changed, the filters did not)."""
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading or self._debounce.isActive()

    def _loaded(self, count: int) -> None:
        self.count_label.setText(self._count_text.replace("%1", str(count)))
        keep, self._keep = self._keep, None
        if keep is not None and self.selected() is None:
            self.select_where(lambda row: getattr(row, "id", None) == keep)
        self.loaded.emit(count)

    def _remember_selection(self) -> None:
        row = self.selected()
        self._keep = getattr(row, "id", None) if row is not None else None

    def refill_filter(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        """A filter's choices after its first ("All …"), keeping the one chosen; if it is
        gone, the rows are read again without it."""
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        if combo.currentData() != current:
            self.refresh()

    # ------------------------------------------------------------ selection
    def selected(self) -> Row | None:
        row = self.selected_row()
        return self.model.row(row) if row is not None else None

    def chosen(self) -> list[Row]:
        model = self.table.selectionModel()
        rows = sorted(index.row() for index in model.selectedRows()) if model else []
        return [item for item in (self.model.row(r) for r in rows) if item is not None]

    def select_where(self, predicate: Callable[[Row], bool]) -> bool:
        """Select the first loaded row matching ``predicate`` (e.g. the case just saved)."""
        row = self.model.find(predicate)
        if row is None:
            return False
        self.table.selectRow(row)
        return True
