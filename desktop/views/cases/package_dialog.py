"""What goes into a case's evidence package: every linked recording and every issued
document, each ticked; untick one to leave it out (partial disclosure, e.g. a bystander's
recording), with the reason the package will print. Reads nothing: the case in the
editor already holds its files."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from casework.cases import CaseDetail
from desktop.formatting import human_bytes
from desktop.palette import HINT_STYLE
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from dossier.package.export import REASON_LIMIT


class PackageDialog(QDialog):
    def __init__(self, detail: CaseDetail, local: Callable[[datetime], datetime],
                 parent: QWidget | None = None) -> None:
        """``local``: the clock's conversion of an instant to the bureau's time."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence package of %1").replace("%1", detail.number))
        self.rows: list[tuple[str, str]] = []   # (sha256, name) per table row
        hint = QLabel(self.tr(
            "Every linked recording and issued document goes into the package unchanged, "
            "with the signed manifest, the recorders' custody history, the ledger records "
            "and the verifier. Untick a file to leave it out (a third party's recording, "
            "say): the package then lists it by its SHA-256 with the reason below."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("packageFiles")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Kind"),
                                              self.tr("Size"), self.tr("Recorded or issued")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(lambda _item: self._update())
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M}" if t else ""  # noqa: E731
        seen: set[str] = set()
        for evidence in detail.evidence:
            if evidence.file is None or evidence.sha256 in seen:
                continue   # a file linked to two steps goes in once
            seen.add(evidence.sha256)
            self._add(evidence.sha256, evidence.file.original_name, self.tr("Recording"),
                      evidence.file.size, when(evidence.file.recorded_at))
        for document in detail.documents:
            if document.sha256 not in seen:
                seen.add(document.sha256)
                self._add(document.sha256, f"{document.title} {document.number}",
                          self.tr("Document"), document.size, when(document.issued_at))
        self.reason = QLineEdit()
        self.reason.setObjectName("packageReason")
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.setPlaceholderText(self.tr("Why the unticked files are left out"))
        self.reason.textChanged.connect(lambda _text: self._update())
        self.feedback = Feedback()
        self.feedback.setObjectName("packageDialogFeedback")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Choose where to save…"))
        self.ok_button.setObjectName("packageChooseFile")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self._update()

    def _add(self, sha256: str, name: str, kind: str, size: int, when: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setToolTip(f"SHA-256: {sha256}")
        self.table.blockSignals(True)
        self.table.setItem(row, 0, item)
        for column, text in ((1, kind), (2, human_bytes(size)), (3, when)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.rows.append((sha256, name))

    def set_included(self, row: int, included: bool) -> None:
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if included
                                              else Qt.CheckState.Unchecked)

    def left_out(self) -> list[str]:
        return [sha for row, (sha, _) in enumerate(self.rows)
                if self.table.item(row, 0).checkState() != Qt.CheckState.Checked]

    def exclusions(self) -> list[tuple[str, str]]:
        """(SHA-256, reason) of each file left out."""
        reason = self.reason.text().strip()
        return [(sha, reason) for sha in self.left_out()]

    def _update(self) -> None:
        needs_reason = bool(self.left_out())
        set_enabled(self.reason, needs_reason)
        ready = not needs_reason or bool(self.reason.text().strip())
        set_enabled(self.ok_button, ready)
        if ready:
            self.feedback.ok("")
        else:
            self.feedback.error(self.tr("Say why the unticked files are left out: the "
                                        "package prints the reason."))
