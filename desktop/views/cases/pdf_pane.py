"""The right of the documents panel: a PDF on screen (QPdfView), with what it is above it,
and the printer to send an issued one to."""
from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.views.cases.pdf_output import PdfHolder, prepare_printer


class PdfPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.pdf = PdfHolder(self.document)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.caption = QLabel()
        self.caption.setObjectName("pdfCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addStretch(0)
        self.clear()

    @property
    def data(self) -> bytes:
        return self.pdf.data

    def show_pdf(self, data: bytes) -> int:
        pages = self.pdf.show(data)
        self.view.setVisible(True)
        return pages

    def clear(self) -> None:
        self.pdf.clear()
        self.view.setVisible(False)  # an empty view would still draw the last page's frame
        self.caption.setText(self.tr("Preview or choose an issued document to see it here."))

    def ask_printer(self, name: str) -> QPrinter | None:
        """Ask for the printer as the system does; None when the user cancels. The pages
        go to it in an operation (desktop.views.cases.pdf_output.print_pdf_data)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.document)
        printer.setDocName(name)
        return printer if QPrintDialog(printer, self).exec() else None
