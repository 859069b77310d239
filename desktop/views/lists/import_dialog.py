"""Importing a new version of a list: the file, the day it takes effect and who approved
it. OK imports it through the writer lane; a bad file's rows and columns are listed in the
dialog, which stays open with everything typed still there."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog
from public_lists.kinds import title_in
from public_lists.service import VersionInfo, import_list


class ImportDialog(FormDialog):
    def __init__(self, session: UiSession, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.kind = kind
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import a new version: %1").replace(
            "%1", title_in(kind, session.language)))
        self.path = QLineEdit()
        self.path.setObjectName("listFile")
        self.path.setPlaceholderText(self.tr("a .csv (UTF-8 or GBK) or .xlsx file"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("chooseListFile")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        today = session.workspace.clock.today()
        self.effective = QDateEdit(QDate(today.year, today.month, today.day))
        self.effective.setObjectName("listEffective")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.approved_by = QLineEdit()
        self.approved_by.setObjectName("listApprovedBy")
        self.approved_by.setPlaceholderText(self.tr("e.g. the bureau's meeting of 2026-06-10"))
        self.note = QLineEdit()
        self.note.setObjectName("listNote")
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("In force from"), self.effective)
        form.addRow(self.tr("Approved by"), self.approved_by)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(520)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a list"), str(Path.home()),
                                              self.tr("Lists (*.csv *.xlsx)"))
        if name:
            self.path.setText(name)

    def save_call(self) -> Callable[[], VersionInfo] | None:
        path = self.path.text().strip()
        if not path:
            self.feedback.error(self.tr("Choose the file to import first."))
            return None
        ctx, kind = self.session.ctx, self.kind
        day = self.effective.date()
        effective = date(day.year(), day.month(), day.day())
        approver, note = self.approved_by.text(), self.note.text()
        return lambda: import_list(ctx, kind, Path(path), effective_from=effective,
                                   approved_by=approver, note=note)
