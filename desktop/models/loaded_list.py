"""A short list (units, accounts, the audit log) read whole by one read operation.

``reload()`` runs the page's read off the UI thread (desktop.operations) and shows the rows
when they come back; the rows on screen stay until then. Only the newest reload's answer
is shown (desktop.latest_read)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.latest_read import LatestRead
from desktop.models.columns import Column, Row
from desktop.models.listed import ListTableModel

if TYPE_CHECKING:
    from desktop.session import UiSession
    from desktop.widgets.feedback import Feedback


class LoadedListModel(ListTableModel[Row]):
    loaded = Signal(int)   # a reload finished: the row count

    def __init__(self, session: UiSession, owner: QWidget, fetch: Callable[[], Sequence[Row]],
                 columns: list[Column], *, where: Feedback | None = None) -> None:
        """``fetch`` runs on a worker thread: a plain service call, no widgets."""
        super().__init__(columns, owner)
        self._fetch = fetch
        self._read = LatestRead(session, owner, where=where)

    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        self._read.start(self._fetch, self._arrived)

    def _arrived(self, rows: Sequence[Row]) -> None:
        self.set_rows(rows)
        self.loaded.emit(len(rows))
