"""Writing a device PDF off the UI thread, then opening it."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QMessageBox,
                               QWidget)

from desktop.session import UiSession


class DateRangeDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Period"))
        end = QDate(today.year, today.month, today.day)
        self.since = QDateEdit(QDate(today.year, today.month, 1))
        self.since.setObjectName("periodFrom")
        self.until = QDateEdit(end)
        self.until.setObjectName("periodTo")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(self.tr("From"), self.since)
        form.addRow(self.tr("To"), self.until)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def range(self) -> tuple[date, date]:
        return self.since.date().toPython(), self.until.date().toPython()


def save_pdf_in_background(parent: QWidget, session: UiSession,
                           write: Callable[[], Path], *, open_after: bool = True) -> None:
    """Render in the job runner; show where it went, or why it failed."""
    def done(path: Path) -> None:
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    session.runner.submit(lambda progress, cancel: write(), on_success=done,
                          on_error=lambda error: QMessageBox.warning(
                              parent, parent.tr("LawDesk"), session.message(error)))
