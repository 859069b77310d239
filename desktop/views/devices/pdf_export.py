"""Writing a device PDF off the UI thread, then opening it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget

from desktop.operations import Operation
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback


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


def export_pdf(owner: QWidget, session: UiSession, write: Callable[[], Path], *,
               busy: QWidget, where: Feedback, open_after: bool = True) -> Operation:
    """Render as a job (a long register is many pages) with ``busy`` held meanwhile; say
    where the file went and open it. A refusal (an empty period the wrong way round) shows
    in ``where``."""
    def done(path: Path) -> None:
        where.ok(QCoreApplication.translate("PdfExport", "Saved to %1").replace("%1", str(path)))
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    return session.run_job(owner, lambda _progress, _cancel: write(), busy=busy, where=where,
                           on_done=done)
