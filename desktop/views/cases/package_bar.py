"""Exporting the evidence package of the case in the editor: the files to include (and to
leave out, with the reason), a file dialog for the ZIP, then a job with its progress in
bytes and a cancel (dossier.package.export), and what it wrote said on the line below.

The job runs on the offload lane, not the writer lane: copying tens of gigabytes must
not hold up the saves queued behind it; its only write, the ledger entry at the end, is
one short transaction."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from casework.cases import CaseDetail
from core.jobs import CancelToken, Progress
from core.permissions import Permission
from desktop.formatting import human_bytes
from desktop.operations import Operation
from desktop.session import UiSession
from desktop.views.cases.package_dialog import PackageDialog
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.job_progress import JobProgress
from dossier.package.export import ExportResult, export_package

UNSAFE_NAME = re.compile(r'[\\/:*?"<>|]')


class PackageBar(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.result: ExportResult | None = None
        self.allowed = session.can(Permission.EXPORT_EVIDENCE)
        self.export_button = QPushButton(self.tr("Export evidence package…"))
        self.export_button.setObjectName("exportEvidencePackage")
        self.export_button.setToolTip(self.tr(
            "A ZIP for a review body or a court: the recordings and documents unchanged, "
            "the signed manifest (JSON and PDF), the recorders' custody history, the ledger "
            "records and a verifier anyone can run without LawDesk."))
        self.export_button.clicked.connect(self.choose)
        set_enabled(self.export_button, False)
        self.job = JobProgress(
            session, progress_name="packageProgress", note_name="packageNote",
            cancel_name="cancelPackage",
            figures=lambda done, total: f"{human_bytes(done)} / {human_bytes(total)}")
        self.progress, self.note = self.job.bar, self.job.note
        self.cancel_button = self.job.cancel_button
        self.feedback = Feedback()
        self.feedback.setObjectName("packageFeedback")
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.job, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.feedback)

    @property
    def running(self) -> bool:
        return self.job.running

    def show_case(self, detail: CaseDetail) -> None:
        if self.detail is None or detail.id != self.detail.id:
            self.feedback.clear()
        self.detail = detail
        if not self.allowed:
            deny(self.export_button, False,
                 self.tr("Your roles do not allow exporting evidence packages."))
            return
        set_enabled(self.export_button, not self.running)

    def choose(self) -> None:
        """Ask which files go in, then where the ZIP goes; then export."""
        if self.detail is None:
            return
        dialog = PackageDialog(self.detail, self.session.ctx.clock.local, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        exclusions = dialog.exclusions()
        name = UNSAFE_NAME.sub("_", f"{self.detail.number} 证据包.zip")
        # Never over an existing file: the service refuses, and says so, rather than Qt
        # asking first and the service refusing after.
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the evidence package as"), str(Path.home() / name),
            self.tr("ZIP files (*.zip)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.export_to(Path(path), exclusions)

    def export_to(self, path: Path, exclusions: Sequence[tuple[str, str]] = ()) -> Operation:
        """Write the package of the case shown to ``path``, leaving ``exclusions`` out."""
        assert self.detail is not None
        ctx, workspace, number = self.session.ctx, self.session.workspace, self.detail.number
        exclusions = list(exclusions)

        def work(progress: Progress, cancel: CancelToken) -> ExportResult:
            return export_package(ctx, workspace, number, path, exclude=exclusions,
                                  progress=progress, cancel=cancel)

        self.result = None
        return self.job.run(
            self, work, lane="offload", where=self.feedback, busy=[self.export_button],
            on_done=self._exported, cancelled_text=self.tr(
                "Export cancelled; no package was written and nothing was recorded."))

    def _exported(self, result: ExportResult) -> None:
        self.result = result
        text = (self.tr("Evidence package saved: %1 (%2 recordings, %3 documents, %4 left "
                        "out; %5). Key fingerprint: %6")
                .replace("%1", str(result.out)).replace("%2", str(result.footage))
                .replace("%3", str(result.documents)).replace("%4", str(result.excluded))
                .replace("%5", human_bytes(result.size)).replace("%6", result.fingerprint))
        self.feedback.ok(text)
