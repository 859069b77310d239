"""PDF bytes on screen and on paper: loading them into a QPdfDocument, and printing the
pages of one through a QPrinter (each page drawn as an image at up to 300 dpi, which
keeps a 600 or 1200 dpi printer from needing gigabytes per page).

Printing and saving a copy run as operations (off the UI thread: Qt paints on a printer
from any thread): ``print_pdf_data`` and ``save_pdf_copy`` say why they failed as
refusals, shown where the user asked."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QImageWriter, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from core.errors import DomainError

MAX_DPI = 300


class PrintFailed(DomainError):
    code = "print_failed"
    zh = "打印失败：{reason}"
    en = "Printing failed: {reason}"


class CopyNotSaved(DomainError):
    code = "copy_not_saved"
    zh = "无法保存 {path}：{reason}"
    en = "Could not save {path}: {reason}"


class PdfHolder:
    """A QPdfDocument and the buffer it reads from, which must live as long as it does."""

    def __init__(self, document: QPdfDocument) -> None:
        self.document = document
        self.data: bytes = b""
        self._buffer: QBuffer | None = None

    def show(self, data: bytes) -> int:
        self.document.close()
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer, self.data = buffer, data
        return self.document.pageCount()

    def clear(self) -> None:
        self.document.close()
        self._buffer, self.data = None, b""


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """The printer's paper as the document's first page; the document brings its own
    margins (GB/T 9704), so the printer adds none."""
    if document.pageCount():
        points = document.pagePointSize(0)
        printer.setPageSize(QPageSize(QSizeF(points.width(), points.height()),
                                      QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy
                                      .FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``document`` on ``printer``; returns how many pages went."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise OSError("the printer refused a new page")
            target = painter.viewport()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() / 72 * dpi),
                                                round(points.height() / 72 * dpi)))
            fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), fitted), image)
            printed += 1
    finally:
        painter.end()
    return printed


def pdf_printer_to_file(path: Path) -> QPrinter:
    """A printer that writes a PDF file (also how the print path is tested)."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def load_image_plugins() -> None:
    """Load Qt's image-format plugins now: call on the UI thread before printing on a
    worker (print_pdf_data).

    Printing draws each page as an image, and the PDF engine asks which image formats can
    be written (QImageWriter.supportedImageFormats). The first such question in a process
    loads the plugins and moves each to the main thread, under a lock of Qt's. Asked first
    by a worker, which holds the interpreter lock through the whole drawing call, that
    deadlocked with the UI thread destroying an object (Qt's lock held, the interpreter lock
    awaited): it happened once in a test run of the print path (gdb showed both threads).
    Once loaded, a worker's question finds them in place and takes no such lock."""
    QImageWriter.supportedImageFormats()


def print_pdf_data(data: bytes, printer: QPrinter) -> int:
    """Print the PDF ``data`` (on a worker: the document is its own, made on this thread);
    returns the pages printed."""
    document = QPdfDocument()
    holder = PdfHolder(document)
    holder.show(data)
    try:
        prepare_printer(printer, document)
        return print_pdf(document, printer)
    except OSError as error:
        raise PrintFailed(reason=str(error)) from error
    finally:
        holder.clear()


def save_pdf_copy(data: bytes, path: Path) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CopyNotSaved(path=str(path), reason=error.strerror or str(error)) from error
