"""Exporting the case file (案卷) of the case in the editor: a file dialog for the PDF, then
a job with its progress and a cancel (dossier.case_file), and what it wrote said on the
line below when it ends. With "also copy the originals" the issued documents' PDFs go,
unchanged, into a folder beside the PDF."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from casework.cases import CaseDetail
from casework.documents import DocumentArchive
from core.jobs import CancelToken, Progress
from core.permissions import Permission
from desktop.operations import Operation
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.job_progress import JobProgress
from dossier.case_file import CaseFileResult, export_case_file

UNSAFE_NAME = re.compile(r'[\\/:*?"<>|]')


def originals_folder(pdf: Path) -> Path:
    """Where the originals go: a folder named after the PDF, beside it."""
    return pdf.with_name(f"{pdf.stem} 原件")


class CaseFileBar(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.result: CaseFileResult | None = None
        self.allowed = session.can(Permission.EXPORT_EVIDENCE)
        self.export_button = QPushButton(self.tr("Export case file…"))
        self.export_button.setObjectName("exportCaseFile")
        self.export_button.setToolTip(self.tr(
            "The case file as one PDF for a review body, a court or the archive: cover, "
            "contents, the issued documents, the evidence list and the back cover, numbered "
            "for double-sided printing."))
        self.export_button.clicked.connect(self.choose_file)
        set_enabled(self.export_button, False)
        self.originals = QCheckBox(self.tr("Also copy the issued originals"))
        self.originals.setObjectName("caseFileOriginals")
        self.originals.setToolTip(self.tr(
            "Copies the issued documents' PDFs, unchanged, into a folder beside the case file."))
        self.job = JobProgress(session, progress_name="caseFileProgress",
                               cancel_name="cancelCaseFile")
        self.progress, self.cancel_button = self.job.bar, self.job.cancel_button
        self.feedback = Feedback()
        self.feedback.setObjectName("caseFileFeedback")
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.originals)
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
        self._update_button()

    def _update_button(self) -> None:
        if not self.allowed:
            deny(self.export_button, False,
                 self.tr("Your roles do not allow making case files."))
            return
        has_documents = bool(self.detail and self.detail.documents)
        set_enabled(self.export_button, has_documents and not self.running)
        if not has_documents:
            self.export_button.setToolTip(self.tr(
                "Issue the case's documents first: a case file holds the issued documents."))

    def choose_file(self) -> None:
        if self.detail is None:
            return
        name = UNSAFE_NAME.sub("_", f"{self.detail.number} 案卷.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the case file as"),
                                              str(Path.home() / name),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Operation:
        """Write the case file of the case shown to ``path``."""
        assert self.detail is not None
        ctx, number = self.session.ctx, self.detail.number
        archive = DocumentArchive(self.session.workspace.documents_dir)
        originals = originals_folder(path) if self.originals.isChecked() else None

        def work(progress: Progress, cancel: CancelToken) -> CaseFileResult:
            return export_case_file(ctx, archive, number, path, originals=originals,
                                    progress=progress, cancel=cancel)

        self.result = None
        return self.job.run(self, work, where=self.feedback,
                            busy=[self.export_button, self.originals], on_done=self._exported,
                            cancelled_text=self.tr("Case file cancelled; nothing was written."))

    def _exported(self, result: CaseFileResult) -> None:
        self.result = result
        text = (self.tr("Case file saved: %1 (%2 pages, %3 documents, %4 evidence files).")
                .replace("%1", str(result.path)).replace("%2", str(result.pages))
                .replace("%3", str(result.documents)).replace("%4", str(result.evidence)))
        if result.originals:
            text += " " + self.tr("%1 originals copied to %2.").replace(
                "%1", str(len(result.originals))).replace("%2", str(result.originals[0].parent))
        self.feedback.ok(text)
