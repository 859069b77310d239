"""The wizard's font check: which face documents will be printed in, with a sample page.

Finding the font reads font files and the sample is typeset, so both run off the UI
thread; the page shows the sample with Qt's PDF viewer as a clerk would see it printed."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from desktop.palette import OK_STYLE, WARN_STYLE
from reports.font_sample import FontSample


class FontPage(QWizardPage):
    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Document font"))
        self.setSubTitle(self.tr("Documents follow GB/T 9704: body text in FangSong, titles "
                                 "in a Song face. This is the face this computer will use "
                                 "for the body text."))
        self.verdict = QLabel(self.tr("Looking for fonts…"))
        self.verdict.setObjectName("fontVerdict")
        self.verdict.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("fontSample")
        self.view.setDocument(self.pdf)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setMinimumHeight(260)
        self._buffer: QBuffer | None = None
        self.sample: FontSample | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if self.sample is not None:
            return
        session = self.wizard_.session
        database = session.workspace.db

        def sample() -> FontSample:
            from config.settings import get_setting
            from reports.font_sample import font_sample
            return font_sample(get_setting(database, "documents.font_file"))

        session.run(self, sample, on_done=self._show, on_refused=self._none,
                    on_failed=self._none)

    def _show(self, sample: FontSample) -> None:
        self.sample = sample
        font = sample.font
        if sample.preferred:
            self.verdict.setText(self.tr("Documents will be set in %1 (%2).")
                                 .replace("%1", font.family_name).replace("%2", str(font.path)))
            self.verdict.setStyleSheet(OK_STYLE)
            self.wizard_.note("font", self.tr("Document font: %1.").replace(
                "%1", font.family_name))
        else:
            self.verdict.setText(sample.note(self.wizard_.language))
            self.verdict.setStyleSheet(WARN_STYLE)
            self.wizard_.note("font", self.tr("Document font: fallback %1; install FangSong "
                                              "later.").replace("%1", font.family_name))
        # QPdfDocument reads from the device as it renders: keep the buffer alive with it.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(sample.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)

    def _none(self, error: Exception) -> None:
        self.verdict.setStyleSheet(WARN_STYLE)
        self.verdict.setText(self.wizard_.session.message(error))
        self.wizard_.note("font", self.tr("Document font: none usable; install a Chinese "
                                          "font before printing."))
