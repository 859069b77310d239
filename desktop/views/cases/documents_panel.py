"""The documents of a case (执法文书): choose a template, fill its form, preview it,
issue it with its number, then print it or save a copy. Rendering and issuing run in the
job runner, so the window stays responsive; the form and the buttons wait meanwhile."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)

from accounts.permissions import Permission
from casework.cases import CaseDetail, IssuedDocumentInfo, get_case, set_case_fields
from casework.documents import (DocumentArchive, DocumentForm, document_form, document_pdf,
                                issue_document, preview_document)
from casework.documents.templates import Template
from desktop.session import UiSession
from desktop.views.cases.document_fields import DocumentFieldsForm
from desktop.views.cases.document_lists import DocumentLists, template_of
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.pdf_pane import PdfPane


def _issue_and_read_back(ctx, archive, number, kind, typed):  # noqa: ANN001, ANN202
    """Issue, then read the kept copy back: what prints is what the archive holds."""
    info = issue_document(ctx, archive, number, kind, typed)
    return info, document_pdf(ctx, archive, info.number)


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
        self.lists = DocumentLists(session.language)
        self.issued_list = self.lists.issued
        self.pane = PdfPane()
        self.view, self.view_label = self.pane.view, self.pane.caption
        splitter = QSplitter()
        splitter.addWidget(self.lists)
        splitter.addWidget(self._middle())
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([160, 480, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._refresh_timer = QTimer(self, singleShot=True, interval=400)
        self._refresh_timer.timeout.connect(self.refresh_form)
        self.fields.edited.connect(lambda _: self._refresh_timer.start())
        self.lists.template_chosen.connect(self._template_chosen)
        self.lists.issued_chosen.connect(self.show_issued)
        self._update_buttons()

    def _middle(self) -> QWidget:
        self.title = QLabel(self.tr("Choose a document on the left."))
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
        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addWidget(scroll, 1)
        for buttons in ((self.save_fields_button, self.preview_button, self.issue_button),
                        (self.print_button, self.save_button)):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.number)
        layout.addWidget(self.feedback)
        return middle

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------- case, template
    def show_case(self, detail: CaseDetail) -> None:
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        self.lists.show_case(detail)
        if same:
            self.load_form(rebuild=False)  # steps or fields the form shows may have changed
        else:
            self._clear_view()
            self.feedback.clear()
            if self.template is not None and detail.row.procedure in self.template.procedures:
                self.load_form(rebuild=True)
            else:
                self.template = None
                self.lists.clear_choice()
                self.title.setText(self.tr("Choose a document on the left."))
                self.fields.clear()
                self.missing.clear()
        self._update_buttons()

    def choose(self, kind: str) -> None:
        self.lists.choose(kind)

    def _template_chosen(self, kind: str) -> None:
        if self.detail is None:
            return
        self.template = template_of(kind)
        self.feedback.clear()
        self._clear_view()  # a document on screen must never pass for the one being filled
        self.load_form(rebuild=True)

    def _clear_view(self) -> None:
        self.issued = None
        self.pane.clear()
        self.number.clear()
        self.number.setVisible(False)

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
        if form.complete:
            self.missing.ok(self.tr("Every required field is filled."))
        else:
            self.missing.error(self.tr("Required fields still empty: %1").replace(
                "%1", "、".join(v.spec.label for v in form.missing)))
        self._update_buttons()
        return form

    def refresh_form(self) -> None:
        self.load_form(rebuild=False)

    # ------------------------------------------------------------------ state
    def _update_buttons(self) -> None:
        chosen = self.detail is not None and self.template is not None
        open_case = self.detail is not None and self.detail.row.status == "open"
        idle = not self._busy
        can_edit = self.session.can(Permission.EDIT_CASES)
        can_issue = self.session.can(Permission.ISSUE_DOCUMENTS)
        closed = self.tr("The case is closed.") if not open_case else ""
        deny(self.save_fields_button, chosen and can_edit and open_case and idle,
             closed if can_edit else self.tr("Your roles do not allow changing cases."))
        self.preview_button.setEnabled(chosen and idle)
        deny(self.issue_button, chosen and can_issue and open_case and idle,
             closed if can_issue else
             self.tr("Your roles do not allow issuing numbered documents."))
        has_issued = self.issued is not None and bool(self.pane.data)
        self.print_button.setEnabled(has_issued and idle)
        self.save_button.setEnabled(has_issued and idle)
        self.fields.set_read_only(not (can_edit or can_issue) or not open_case)

    def _start(self, note: str) -> tuple[str, str | None]:
        """Busy until the job answers; returns what it is for, to check on its answer."""
        self._busy = True
        self.feedback.ok(note)
        self._update_buttons()
        return self._key()

    def _key(self) -> tuple[str, str | None]:
        return (self.detail.number if self.detail else "",
                self.template.id if self.template else None)

    def _stale(self, key: tuple[str, str | None]) -> bool:
        """The user moved to another case or document while the job ran: its answer
        belongs to what is no longer on screen."""
        if key == self._key():
            return False
        self._busy = False
        self.feedback.clear()
        self._update_buttons()
        return True

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self.load_form(rebuild=False)  # shows which required fields are empty
        self.feedback.error(self.session.message(error))
        self._update_buttons()

    def _show(self, pdf: bytes, info: IssuedDocumentInfo | None, title: str) -> int:
        """The PDF on screen: a preview (no ``info``) or an issued document."""
        self._busy = False
        self.issued = info
        pages = self.pane.show_pdf(pdf)
        if info is None:
            caption = self.tr("Preview of %1, not numbered (%2 pages)").replace("%1", title) \
                .replace("%2", str(pages))
        else:
            caption = self.tr("%1 %2 (%3 pages)").replace("%1", info.title) \
                .replace("%2", info.number).replace("%3", str(pages))
        self.view_label.setText(caption)
        self.number.setText(self.tr("Number: %1").replace("%1", info.number) if info else "")
        self.number.setVisible(info is not None)
        self._update_buttons()
        return pages

    # ----------------------------------------------------------------- actions
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
        typed, title = self.fields.values_typed(), self.template.title
        key = self._start(self.tr("Rendering the preview…"))
        self.session.runner.submit(
            lambda progress, cancel: preview_document(ctx, number, kind, typed,
                                                      allow_missing=True),
            on_success=lambda pdf: self._previewed(pdf, title, key),
            on_error=lambda error: self._stale(key) or self._failed(error))

    def _previewed(self, pdf: bytes, title: str, key: tuple[str, str | None]) -> None:
        if self._stale(key):
            return
        pages = self._show(pdf, None, title)
        form = self.load_form(rebuild=False)
        if form is not None and not form.complete:
            self.feedback.error(self.tr("The preview leaves the empty required fields blank; "
                                        "the document cannot be issued until they are "
                                        "filled."))
        self.shown.emit(pages)

    def issue(self) -> None:
        if self.detail is None or self.template is None:
            return
        ctx, number, kind = self.session.ctx, self.detail.number, self.template.id
        typed, archive = self.fields.values_typed(), self.archive
        key = self._start(self.tr("Issuing…"))
        self.session.runner.submit(
            lambda progress, cancel: _issue_and_read_back(ctx, archive, number, kind, typed),
            on_success=lambda result: self._issued(result, key),
            on_error=lambda error: self._stale(key) or self._failed(error), writes=True)

    def _issued(self, result: tuple[IssuedDocumentInfo, bytes],
                key: tuple[str, str | None]) -> None:
        if self._stale(key):  # issued all the same: list it if its case is on screen
            if self.detail is not None and self.detail.number == key[0]:
                self.changed.emit(get_case(self.session.ctx, key[0]))
            return
        info, pdf = result
        pages = self._show(pdf, info, info.title)
        self.changed.emit(get_case(self.session.ctx, self.detail.number))
        self.feedback.ok(self.tr("Issued %1 and kept in the archive.").replace(
            "%1", info.number))
        self.shown.emit(pages)

    def show_issued(self, info: IssuedDocumentInfo) -> None:
        ctx, archive = self.session.ctx, self.archive
        key = self._start(self.tr("Opening %1…").replace("%1", info.number))

        def shown(pdf: bytes) -> None:
            if self._stale(key):
                return
            self.feedback.clear()
            self.shown.emit(self._show(pdf, info, info.title))
        self.session.runner.submit(
            lambda progress, cancel: document_pdf(ctx, archive, info.number),
            on_success=shown, on_error=lambda error: self._stale(key) or self._failed(error))

    def print_issued(self) -> None:
        if self.issued is None:
            return
        try:
            pages = self.pane.print_with_dialog(f"{self.issued.title} {self.issued.number}")
        except OSError as error:
            self.feedback.error(self.tr("Printing failed: %1").replace("%1", str(error)))
            return
        if pages:
            self.feedback.ok(self.tr("Sent %1 pages to the printer.").replace("%1", str(pages)))

    def print_to(self, printer: QPrinter) -> int:
        try:
            pages = self.pane.print_to(printer)
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
            self.pane.save_copy(path)
        except OSError as error:
            self.feedback.error(self.tr("Could not save %1: %2").replace("%1", str(path))
                                .replace("%2", error.strerror or str(error)))
            return False
        self.feedback.ok(self.tr("Saved a copy to %1").replace("%1", str(path)))
        return True
