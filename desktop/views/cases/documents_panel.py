"""The documents of a case (执法文书): choose a template, fill its form, preview it,
issue it with its number, then print it or save a copy. Rendering and issuing run in the
job runner; the window stays responsive."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from accounts.permissions import Permission
from casework.cases import CaseDetail, IssuedDocumentInfo, set_case_fields
from casework.documents import (
    DocumentArchive,
    DocumentForm,
    document_form,
    document_pdf,
    issue_document,
    list_templates,
    preview_document,
)
from casework.documents.templates import Template
from casework.procedures import procedure
from desktop.session import UiSession
from desktop.views.cases.document_fields import DocumentFieldsForm
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.pdf_output import PdfHolder, prepare_printer, print_pdf

KIND_ROLE = Qt.ItemDataRole.UserRole


class DocumentsPanel(QWidget):
    changed = Signal(object)        # the case after a document was issued
    shown = Signal(int)             # pages of the PDF now on screen

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.template: Template | None = None
        self.issued: IssuedDocumentInfo | None = None    # the issued document on screen
        self.archive = DocumentArchive(session.workspace.documents_dir)
        self._busy = False
        self.templates = QListWidget()
        self.templates.setObjectName("templates")
        self.issued_list = QListWidget()
        self.issued_list.setObjectName("issuedDocuments")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Documents")))
        left_layout.addWidget(self.templates, 3)
        left_layout.addWidget(QLabel(self.tr("Issued for this case")))
        left_layout.addWidget(self.issued_list, 2)

        self.title = QLabel()
        self.title.setObjectName("documentTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.missing = Feedback()
        self.missing.setObjectName("missingFields")
        self.fields = DocumentFieldsForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        self.save_fields_button = self._button(self.tr("Keep with the case"), "keepFields",
                                               self.keep_fields)
        self.preview_button = self._button(self.tr("Preview"), "previewDocument", self.preview)
        self.issue_button = self._button(self.tr("Issue"), "issueDocument", self.issue)
        self.print_button = self._button(self.tr("Print…"), "printDocument", self.print_issued)
        self.save_button = self._button(self.tr("Save as…"), "saveDocument", self.save_as)
        self.number = QLabel()
        self.number.setObjectName("documentNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback = Feedback()
        self.feedback.setObjectName("documentFeedback")
        first = QHBoxLayout()
        for button in (self.save_fields_button, self.preview_button, self.issue_button):
            first.addWidget(button)
        first.addStretch(1)
        second = QHBoxLayout()
        for button in (self.print_button, self.save_button):
            second.addWidget(button)
        second.addStretch(1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.title)
        middle_layout.addWidget(self.missing)
        middle_layout.addWidget(scroll, 1)
        middle_layout.addLayout(first)
        middle_layout.addLayout(second)
        middle_layout.addWidget(self.number)
        middle_layout.addWidget(self.feedback)

        self.document = QPdfDocument(self)
        self.pdf = PdfHolder(self.document)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view_label = QLabel(self.tr("Preview or choose an issued document to see it here."))
        self.view_label.setObjectName("pdfCaption")
        self.view_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view_label)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([160, 480, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._refresh_timer = QTimer(self, singleShot=True, interval=400)
        self._refresh_timer.timeout.connect(self.refresh_form)
        self.fields.edited.connect(lambda _: self._refresh_timer.start())
        self.templates.currentItemChanged.connect(lambda *_: self._template_chosen())
        self.issued_list.itemClicked.connect(lambda item: self.show_issued(item.data(KIND_ROLE)))
        self._fill_templates()
        self._update_buttons()

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------- case, template
    def _fill_templates(self) -> None:
        for template in list_templates():
            item = QListWidgetItem(template.title)
            item.setData(KIND_ROLE, template.id)
            self.templates.addItem(item)

    def show_case(self, detail: CaseDetail) -> None:
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        proc = procedure(detail.row.procedure)
        lang = self.session.language
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            template = next(t for t in list_templates() if t.id == item.data(KIND_ROLE))
            applies = proc.code in template.procedures
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if applies
                          else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip("" if applies else self.tr("Not used under the %1")
                            .replace("%1", proc.name(lang)))
        self.issued_list.clear()
        for info in reversed(detail.documents):
            item = QListWidgetItem(f"{info.number}\n{info.title}")
            item.setData(KIND_ROLE, info)
            item.setToolTip(f"SHA-256 {info.sha256}")
            self.issued_list.addItem(item)
        if not same:
            self.issued = None
            self.pdf.clear()
            self.number.clear()
            self.view_label.setText(self.tr("Preview or choose an issued document to see it "
                                            "here."))
            self.feedback.clear()
            if self.template is not None and proc.code in self.template.procedures:
                self.load_form(rebuild=True)
            else:
                self.template = None
                self.templates.setCurrentRow(-1)
                self.title.setText(self.tr("Choose a document on the left."))
                self.fields.clear()
                self.missing.clear()
        self._update_buttons()

    def choose(self, kind: str) -> None:
        for row in range(self.templates.count()):
            if self.templates.item(row).data(KIND_ROLE) == kind:
                self.templates.setCurrentRow(row)
                return

    def _template_chosen(self) -> None:
        item = self.templates.currentItem()
        if item is None or self.detail is None:
            return
        self.template = next(t for t in list_templates() if t.id == item.data(KIND_ROLE))
        self.feedback.clear()
        self.load_form(rebuild=True)

    def load_form(self, *, rebuild: bool) -> DocumentForm | None:
        if self.detail is None or self.template is None:
            return None
        self.title.setText(self.template.title)
        typed = {} if rebuild else self.fields.values_typed()
        number, kind = self.detail.number, self.template.id
        form = attempt(self.feedback, self.session.language, lambda: document_form(
            self.session.ctx, number, kind, typed))
        if form is None:
            return None
        self.fields.show_form(form, rebuild=rebuild)
        self._show_missing(form)
        self._update_buttons()
        return form

    def refresh_form(self) -> None:
        self.load_form(rebuild=False)

    def _show_missing(self, form: DocumentForm) -> None:
        if form.complete:
            self.missing.ok(self.tr("Every required field is filled."))
        else:
            self.missing.error(self.tr("Required fields still empty: %1").replace(
                "%1", "、".join(v.spec.label for v in form.missing)))

    # ----------------------------------------------------------------- actions
    def _update_buttons(self) -> None:
        chosen = self.detail is not None and self.template is not None
        open_case = self.detail is not None and self.detail.row.status == "open"
        closed = self.tr("The case is closed.")
        can_edit = self.session.can(Permission.EDIT_CASES)
        can_issue = self.session.can(Permission.ISSUE_DOCUMENTS)
        deny(self.save_fields_button, chosen and can_edit and open_case and not self._busy,
             closed if can_edit else self.tr("Your roles do not allow changing cases."))
        self.preview_button.setEnabled(chosen and not self._busy)
        deny(self.issue_button, chosen and can_issue and open_case and not self._busy,
             closed if can_issue else
             self.tr("Your roles do not allow issuing numbered documents."))
        has_issued = self.issued is not None and bool(self.pdf.data)
        self.print_button.setEnabled(has_issued and not self._busy)
        self.save_button.setEnabled(has_issued and not self._busy)
        self.fields.set_read_only(not (can_edit or can_issue) or not open_case)

    def _set_busy(self, busy: bool, note: str = "") -> None:
        self._busy = busy
        if busy:
            self.feedback.ok(note)
        self._update_buttons()

    def keep_fields(self) -> None:
        typed = self.fields.values_typed()
        if self.detail is None or not typed:
            self.feedback.ok(self.tr("Nothing typed to keep."))
            return
        number = self.detail.number
        updated = attempt(self.feedback, self.session.language, lambda: set_case_fields(
            self.session.ctx, number, typed))
        if updated:
            self.changed.emit(updated)
            self.load_form(rebuild=True)
            self.feedback.ok(self.tr("Typed values kept with the case for its other "
                                     "documents."))

    def preview(self) -> None:
        if self.detail is None or self.template is None:
            return
        ctx, number, kind = self.session.ctx, self.detail.number, self.template.id
        typed = self.fields.values_typed()
        title = self.template.title
        self._set_busy(True, self.tr("Rendering the preview…"))
        self.session.runner.submit(
            lambda progress, cancel: preview_document(ctx, number, kind, typed,
                                                      allow_missing=True),
            on_success=lambda pdf: self._previewed(pdf, title),
            on_error=self._failed)

    def _previewed(self, pdf: bytes, title: str) -> None:
        self._busy = False
        self.issued = None
        pages = self.pdf.show(pdf)
        self.view_label.setText(self.tr("Preview of %1, not numbered (%2 pages)")
                                .replace("%1", title).replace("%2", str(pages)))
        self.feedback.clear()
        form = self.load_form(rebuild=False)
        if form is not None and not form.complete:
            self.feedback.error(self.tr("The preview leaves the empty required fields blank; "
                                        "the document cannot be issued until they are "
                                        "filled."))
        self._update_buttons()
        self.shown.emit(pages)

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.load_form(rebuild=False)  # shows which required fields are empty
        self.feedback.error(self.session.message(error))
        self._update_buttons()

    def issue(self) -> None:
        if self.detail is None or self.template is None:
            return
        ctx, number, kind = self.session.ctx, self.detail.number, self.template.id
        typed, archive = self.fields.values_typed(), self.archive
        self._set_busy(True, self.tr("Issuing…"))
        self.session.runner.submit(
            lambda progress, cancel: self._issue_job(ctx, archive, number, kind, typed),
            on_success=self._issued, on_error=self._failed, writes=True)

    @staticmethod
    def _issue_job(ctx, archive, number, kind, typed):  # noqa: ANN001, ANN205
        """Issue, then read the kept copy back: what prints is what the archive holds."""
        info = issue_document(ctx, archive, number, kind, typed)
        return info, document_pdf(ctx, archive, info.number)

    def _issued(self, result) -> None:  # noqa: ANN001
        info, pdf = result
        self._busy = False
        self.issued = info
        pages = self.pdf.show(pdf)
        self.number.setText(self.tr("Number: %1").replace("%1", info.number))
        self.view_label.setText(self.tr("%1 %2 (%3 pages)").replace("%1", info.title)
                                .replace("%2", info.number).replace("%3", str(pages)))
        self.feedback.ok(self.tr("Issued %1 and kept in the archive.").replace(
            "%1", info.number))
        from casework.cases import get_case
        self.changed.emit(get_case(self.session.ctx, self.detail.number))
        self._update_buttons()
        self.shown.emit(pages)

    def show_issued(self, info: IssuedDocumentInfo) -> None:
        ctx, archive = self.session.ctx, self.archive
        self._set_busy(True, self.tr("Opening %1…").replace("%1", info.number))

        def shown(pdf: bytes) -> None:
            self._busy = False
            self.issued = info
            pages = self.pdf.show(pdf)
            self.number.setText(self.tr("Number: %1").replace("%1", info.number))
            self.view_label.setText(self.tr("%1 %2 (%3 pages)").replace("%1", info.title)
                                    .replace("%2", info.number).replace("%3", str(pages)))
            self.feedback.clear()
            self._update_buttons()
            self.shown.emit(pages)
        self.session.runner.submit(
            lambda progress, cancel: document_pdf(ctx, archive, info.number),
            on_success=shown, on_error=self._failed)

    def print_issued(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.document)
        if self.issued is not None:
            printer.setDocName(f"{self.issued.title} {self.issued.number}")
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        prepare_printer(printer, self.document)
        try:
            pages = print_pdf(self.document, printer)
        except OSError as error:
            self.feedback.error(self.tr("Printing failed: %1").replace("%1", str(error)))
            return 0
        self.feedback.ok(self.tr("Sent %1 pages to the printer.").replace("%1", str(pages)))
        return pages

    def save_as(self) -> None:
        if self.issued is None:
            return
        default = Path.home() / f"{self.issued.title}-{self.issued.number}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), str(default),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.save_copy(Path(path))

    def save_copy(self, path: Path) -> bool:
        try:
            path.write_bytes(self.pdf.data)
        except OSError as error:
            self.feedback.error(self.tr("Could not save %1: %2").replace("%1", str(path))
                                .replace("%2", error.strerror or str(error)))
            return False
        self.feedback.ok(self.tr("Saved a copy to %1").replace("%1", str(path)))
        return True
