"""Exporting the portal site and feed to a folder for the bureau's web team: a job with its
progress and a cancel, and what it wrote (and what changed since the last export) said on
the line below when it ends."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from core.jobs import CancelToken, Progress
from core.permissions import Permission
from desktop.operations import Operation
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback, deny
from disclosure.portal import ExportResult, export_portal


class ExportBar(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.operation: Operation | None = None
        self.result: ExportResult | None = None
        self.export_button = QPushButton(self.tr("Export to the portal folder…"))
        self.export_button.setObjectName("exportDisclosures")
        self.export_button.clicked.connect(self.choose_folder)
        deny(self.export_button, session.can(Permission.PREPARE_DISCLOSURE),
             self.tr("Your roles do not allow exporting disclosures."))
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelExport")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        hint = QLabel(self.tr("The static site and the JSON feed of everything published, "
                              "with what changed since the last export."))
        hint.setObjectName("exportHint")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.feedback = Feedback()
        self.feedback.setObjectName("exportFeedback")
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(hint, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.feedback)

    @property
    def running(self) -> bool:
        return self.operation is not None and not self.operation.finished

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the disclosures to"),
                                                  str(Path.home()))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> Operation:
        """Write the site, the feed and the state into ``folder``."""
        ctx = self.session.ctx

        def work(progress: Progress, cancel: CancelToken) -> ExportResult:
            return export_portal(ctx, folder, progress=progress, cancel=cancel)

        self.result = None
        self.feedback.clear()
        self.progress.setRange(0, 0)   # busy until the first step reports
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.operation = self.session.run_job(
            self, work, writes=True, where=self.feedback, busy=self.export_button,
            on_progress=self._progressed, on_done=self._exported,
            on_cancelled=self._cancelled, on_refused=lambda _e: self._ended(),
            on_failed=lambda _e: self._ended())
        return self.operation

    def cancel(self) -> None:
        if self.operation is not None:
            self.cancel_button.setEnabled(False)
            self.operation.cancel()

    def _progressed(self, done: int, total: int, _note: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _ended(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def _cancelled(self) -> None:
        self._ended()
        self.feedback.error(self.tr("Export cancelled; the folder keeps its last complete "
                                    "export."))

    def _exported(self, result: ExportResult) -> None:
        self._ended()
        self.result = result
        changes = result.changes
        text = (self.tr("Exported to %1: %2 records and %3 withdrawal notices online.")
                .replace("%1", str(result.out_dir)).replace("%2", str(result.records))
                .replace("%3", str(result.withdrawals)))
        text += " " + (self.tr("Since the last export: %1 added, %2 changed, %3 removed.")
                       .replace("%1", str(len(changes.get("added", ()))))
                       .replace("%2", str(len(changes.get("updated", ()))))
                       .replace("%3", str(len(changes.get("removed", ())))))
        if result.expired:
            text += " " + self.tr("%1 records reached the end of their online period and "
                                  "were taken off.").replace("%1", str(result.expired))
        self.feedback.ok(text)
