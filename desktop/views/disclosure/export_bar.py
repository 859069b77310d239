"""Exporting the portal site and feed to a folder for the bureau's web team, or pushing the
records through HQ into the bureau-wide feed it keeps: each a job with its progress and a
cancel, and what it did said on the line below when it ends. The push runs on the sync
lane: it waits for the network, and must not hold up saves on the writer lane."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from core.jobs import CancelToken, Progress
from core.permissions import Permission
from desktop.operations import Operation
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.job_progress import JobProgress
from disclosure.portal import ExportResult, export_portal
from sync.disclosure_push import PushReport, push_disclosures


class ExportBar(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result: ExportResult | None = None
        self.export_button = QPushButton(self.tr("Export to the portal folder…"))
        self.export_button.setObjectName("exportDisclosures")
        self.export_button.clicked.connect(self.choose_folder)
        deny(self.export_button, session.can(Permission.PREPARE_DISCLOSURE),
             self.tr("Your roles do not allow exporting disclosures."))
        self.push_button = QPushButton(self.tr("Push to HQ"))
        self.push_button.setObjectName("pushDisclosures")
        self.push_button.setToolTip(self.tr(
            "Send the published records to the bureau-wide feed HQ keeps, and check that "
            "HQ shows each of them as this workstation does."))
        self.push_button.clicked.connect(self.push)
        deny(self.push_button, session.can(Permission.PREPARE_DISCLOSURE),
             self.tr("Your roles do not allow exporting disclosures."))
        self.pushed: PushReport | None = None
        self.job = JobProgress(session, progress_name="exportProgress",
                               cancel_name="cancelExport")
        self.progress, self.cancel_button = self.job.bar, self.job.cancel_button
        hint = QLabel(self.tr("The static site and the JSON feed of everything published, "
                              "with what changed since the last export."))
        hint.setObjectName("exportHint")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.feedback = Feedback()
        self.feedback.setObjectName("exportFeedback")
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.push_button)
        row.addWidget(self.job, 1)
        row.addWidget(hint, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.feedback)

    @property
    def running(self) -> bool:
        return self.job.running

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
        return self.job.run(self, work, where=self.feedback,
                            busy=[self.export_button, self.push_button],
                            on_done=self._exported, cancelled_text=self.tr(
                                "Export cancelled; the folder keeps its last complete "
                                "export."))

    def push(self) -> Operation:
        """Push the records to HQ now and confirm them there (sync.disclosure_push)."""
        ctx, workspace = self.session.ctx, self.session.workspace

        def work(progress: Progress, cancel: CancelToken) -> PushReport:
            return push_disclosures(ctx, workspace, progress=progress, cancel=cancel)

        self.pushed = None
        return self.job.run(self, work, lane="sync", where=self.feedback,
                            busy=[self.push_button, self.export_button],
                            on_done=self._pushed, cancelled_text=self.tr(
                                "Push cancelled; what HQ received stays there and the rest "
                                "is sent next time."))

    def _pushed(self, report: PushReport) -> None:
        self.pushed = report
        text = (self.tr("Pushed to HQ: %1 records and %2 withdrawal notices; HQ shows %3 "
                        "of them as they are here.")
                .replace("%1", str(report.records)).replace("%2", str(report.withdrawals))
                .replace("%3", str(report.confirmed)))
        if report.ok:
            self.feedback.ok(text)
            return
        wrong = ", ".join(report.missing + report.differing)
        self.feedback.error(text + " " + self.tr(
            "HQ lacks or shows differently: %1. Tell the HQ administrator.").replace(
            "%1", wrong))

    def _exported(self, result: ExportResult) -> None:
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
