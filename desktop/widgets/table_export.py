"""Export any table of the window (devices, officers, cases, footage, the audit log) to a
CSV or XLSX file: the columns and cells as the table shows them, every row of the list
(not only those on screen), in the order shown.

The rows are read and the file written off the UI thread (session.run); the file is
written by core.table_file (formula-safe cells, temporary name then rename).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from core.table_file import write_table_file
from desktop.models.columns import ColumnTableModel
from desktop.widgets.feedback import Feedback

if TYPE_CHECKING:
    from desktop.session import UiSession


class TableExport(QObject):
    """The "Export…" button of one table and what it does. ``title`` names the sheet and
    the suggested file (e.g. 执法记录仪台账)."""

    def __init__(self, session: UiSession, owner: QWidget, model: ColumnTableModel,
                 title: str, *, where: Feedback | None = None, name: str = "exportTable",
                 ) -> None:
        super().__init__(owner)
        self.session, self.owner, self.model, self.title = session, owner, model, title
        self.button = QPushButton(self.tr("Export…"))
        self.button.setObjectName(name)
        self.button.setToolTip(self.tr("Save every row of this list as an Excel workbook "
                                        "(.xlsx) or a CSV file"))
        self.button.clicked.connect(self.choose)
        self.feedback = where or Feedback()
        self.written: Path | None = None

    def choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.owner, self.tr("Export the list"), str(Path.home() / f"{self.title}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        model, title = self.model, self.title
        header = [column.header() for column in model.columns]
        read = model.all_rows_reader()

        def export() -> int:
            rows = [model.cell_texts(item) for item in read()]
            return write_table_file(path, header, rows, title=title)

        self.written = None
        self.session.run(self.owner, export, where=self.feedback, busy=self.button,
                         on_done=lambda count: self._done(path, count))

    def _done(self, path: Path, count: int) -> None:
        self.written = path
        self.feedback.ok(self.tr("Exported %1 rows to %2").replace("%1", str(count))
                         .replace("%2", path.name))
