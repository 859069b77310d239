"""The documents of a case (执法文书): choose a template, fill its form, preview it,
issue it with its number, then print it or save a copy.

Everything here runs as an operation (desktop.operations): reading the form as typed,
rendering a preview, issuing, opening an issued document, printing and saving a copy.
The buttons wait while a document is being made; an answer about a document the user
has since left (another template, another case, a newer request) is not shown."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from core.permissions import Permission
from casework.cases import CaseDetail, IssuedDocumentInfo, set_case_fields
from casework.documents import (DocumentArchive, DocumentForm, DocumentSettings, document_form,
                                document_pdf, issue_document, preview_document)
from casework.documents.templates import Template
from core.errors import DomainError
from desktop.operations import Operation
from desktop.session import UiSession
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.document_fields import DocumentFieldsForm
from desktop.views.cases.document_lists import DocumentLists, template_of
from desktop.views.cases.pdf_output import load_image_plugins, print_pdf_data, save_pdf_copy
from desktop.views.cases.pdf_pane import PdfPane
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from reports.fonts import fallback_note


def _issue_and_read_back(ctx, archive, number, kind, typed, day=None):  # noqa: ANN001, ANN202
    """Issue, then read the kept copy back: what prints is what the archive holds."""
    info = issue_document(ctx, archive, number, kind, typed, date=day)
    return info, document_pdf(ctx, archive, info.number)


class DocumentsPanel(CaseTab):
    shown = Signal(int)             # pages of the PDF now on screen

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "documentFeedback", parent)
        self.template: Template | None = None
        self.issued: IssuedDocumentInfo | None = None    # the issued document on screen
        self.archive = DocumentArchive(session.workspace.documents_dir)
        self.may_issue = session.can(Permission.ISSUE_DOCUMENTS)
        self.making = 0             # previews, issues and openings under way
        self._made_asked = 0        # the newest of them: only its answer shows
        self._form_asked = 0        # the newest reading of the form: only its answer shows
        self._rebuild = False       # a reading of the form that starts it afresh is pending
        self._date_chosen = None    # the document's date as the user set it; None: its step's
        self._font_asked = False    # whether the documents' font was looked at (once)
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
        self.font_note = Feedback()   # documents set in a fallback face (not 仿宋)
        self.font_note.setObjectName("documentFontNote")
        self.font_note.setVisible(False)
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
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("documentDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("The date the document bears: by default the day "
                                          "its step was recorded. A date other than today "
                                          "is recorded in the ledger."))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.number = QLabel()
        self.number.setObjectName("documentNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addWidget(self.font_note)
        layout.addWidget(scroll, 1)
        dated = QHBoxLayout()
        dated.addWidget(QLabel(self.tr("Document date:")))
        dated.addWidget(self.date_edit)
        dated.addStretch(1)
        layout.addLayout(dated)
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
    def fill(self, detail: CaseDetail, other: bool) -> None:
        self.lists.show_case(detail)
        if not other:
            self.load_form(rebuild=False)  # steps or fields the form shows may have changed
            return
        self._clear_view()
        if self.template is not None and detail.row.procedure in self.template.procedures:
            self.load_form(rebuild=True)
        else:
            self.template = None
            self.lists.clear_choice()
            self.title.setText(self.tr("Choose a document on the left."))
            self.fields.clear()
            self.missing.clear()

    def choose(self, kind: str) -> None:
        self.lists.choose(kind)

    def _template_chosen(self, kind: str) -> None:
        if self.detail is None:
            return
        self.template = template_of(kind)
        self._check_font()
        self.feedback.clear()
        self._clear_view()  # a document on screen must never pass for the one being filled
        self.load_form(rebuild=True)
        self._update_buttons()

    def _check_font(self) -> None:
        """Say so when documents can only be set in a fallback face (looked at once: the
        font search reads font files, off the UI thread)."""
        if self._font_asked:
            return
        self._font_asked = True
        db, zh = self.session.ctx.db, not self.session.language.startswith("en")

        def note() -> str:
            advice = fallback_note(DocumentSettings.load(db).font)
            return "" if advice is None else advice[0 if zh else 1]

        def show(text: str) -> None:
            if text:
                self.font_note.error(text)
        # A font that cannot be used at all is refused where documents are made (GlyphsMissing,
        # NoCJKFont), so a refusal here needs no second message.
        self.session.run(self, note, on_done=show, on_refused=lambda _error: None)

    def _clear_view(self) -> None:
        self.issued = None
        self.pane.clear()
        self.number.clear()
        self.number.setVisible(False)

    def load_form(self, *, rebuild: bool) -> None:
        """Read the form as typed (a read operation). ``rebuild``: start it afresh,
        forgetting what was typed (another template, or the typed values now kept)."""
        if self.detail is None or self.template is None:
            return
        self.title.setText(self.template.title)
        self._rebuild = self._rebuild or rebuild
        typed = {} if self._rebuild else self.fields.values_typed()
        self._form_asked += 1
        asked, ctx = self._form_asked, self.session.ctx
        number, kind = self.detail.number, self.template.id
        self.session.run(self, lambda: document_form(ctx, number, kind, typed),
                         on_done=lambda form: asked == self._form_asked and self._show_form(form),
                         on_refused=lambda error: asked == self._form_asked
                         and self.missing.error(self.session.message(error)))

    def refresh_form(self) -> None:
        self.load_form(rebuild=False)

    def _date_changed(self, value) -> None:  # noqa: ANN001
        self._date_chosen = value.toPython()

    def _show_form(self, form: DocumentForm) -> None:
        rebuild, self._rebuild = self._rebuild, False
        if rebuild:
            self._date_chosen = None
        if self._date_chosen is None and form.date is not None:
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(form.date)
            self.date_edit.blockSignals(False)
        self.fields.show_form(form, rebuild=rebuild)
        if form.complete:
            self.missing.ok(self.tr("Every required field is filled."))
        else:
            self.missing.error(self.tr("Required fields still empty: %1").replace(
                "%1", "、".join(v.spec.label for v in form.missing)))
        self._update_buttons()

    # ------------------------------------------------------------------ state
    def update_controls(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.detail is not None and self.template is not None and not self.making
        self.permit((self.save_fields_button,), ready=ready)
        set_enabled(self.preview_button, ready)
        self.permit((self.issue_button,), may=self.may_issue, ready=ready, role_reason=self.tr(
            "Your roles do not allow issuing numbered documents."))
        has_issued = self.issued is not None and bool(self.pane.data)
        set_enabled(self.print_button, has_issued and not self.making)
        set_enabled(self.save_button, has_issued and not self.making)
        self.fields.set_read_only(not (self.may_edit or self.may_issue) or not self.case_open)

    def _key(self) -> tuple[str, str | None]:
        return (self.detail.number if self.detail else "",
                self.template.id if self.template else None)

    def _make(self, call: Callable[[], Any], note: str, shown: Callable[[Any], None], *,
              writes: bool = False) -> Operation:
        """Make a document to show (a preview, an issue, an issued one): the buttons wait
        until it answers; ``shown(result)`` only if the user is still on what was asked
        for. An issue refused on the way shows why, and which fields are still empty."""
        self.making += 1
        self._made_asked += 1
        asked, key = self._made_asked, self._key()
        self.feedback.ok(note)
        self._update_buttons()

        def current() -> bool:
            self.making -= 1
            fresh = asked == self._made_asked and key == self._key()
            if not fresh and self.feedback.text() == note:
                self.feedback.clear()
            self._update_buttons()
            return fresh

        def refused(error: DomainError) -> None:
            if current():
                self.load_form(rebuild=False)   # shows which required fields are empty
                self.feedback.error(self.session.message(error))

        return self.session.run(self, call, writes=writes,
                                on_done=lambda result: current() and shown(result),
                                on_refused=refused, on_failed=lambda _error: current())

    def _show(self, pdf: bytes, info: IssuedDocumentInfo | None, title: str) -> int:
        """The PDF on screen: a preview (no ``info``) or an issued document."""
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
        ctx, number = self.session.ctx, self.detail.number
        self.session.run(self, lambda: set_case_fields(ctx, number, typed), writes=True,
                         where=self.feedback, busy=self.save_fields_button,
                         on_done=lambda _updated: self._kept())

    def _kept(self) -> None:
        self.load_form(rebuild=True)
        self.feedback.ok(self.tr("Typed values kept with the case for its other documents."))

    def preview(self) -> None:
        if self.detail is None or self.template is None:
            return
        ctx, number, kind = self.session.ctx, self.detail.number, self.template.id
        typed, title, day = self.fields.values_typed(), self.template.title, self._date_chosen

        def render() -> tuple[bytes, DocumentForm]:
            return (preview_document(ctx, number, kind, typed, allow_missing=True, date=day),
                    document_form(ctx, number, kind, typed, date=day))
        self._make(render, self.tr("Rendering the preview…"),
                   lambda result: self._previewed(title, *result))

    def _previewed(self, title: str, pdf: bytes, form: DocumentForm) -> None:
        self.feedback.clear()
        pages = self._show(pdf, None, title)
        self._show_form(form)
        if not form.complete:
            self.feedback.error(self.tr("The preview leaves the empty required fields blank; "
                                        "the document cannot be issued until they are "
                                        "filled."))
        self.shown.emit(pages)

    def issue(self) -> None:
        if self.detail is None or self.template is None:
            return
        ctx, number, kind = self.session.ctx, self.detail.number, self.template.id
        typed, archive, day = self.fields.values_typed(), self.archive, self._date_chosen
        # Issued all the same if the user moves on: the case's list of issued documents
        # shows it (the editor reads the case again when a document is issued).
        self._make(lambda: _issue_and_read_back(ctx, archive, number, kind, typed, day),
                   self.tr("Issuing…"), lambda result: self._issued(*result), writes=True)

    def _issued(self, info: IssuedDocumentInfo, pdf: bytes) -> None:
        pages = self._show(pdf, info, info.title)
        self.feedback.ok(self.tr("Issued %1 and kept in the archive.").replace(
            "%1", info.number))
        self.shown.emit(pages)

    def show_issued(self, info: IssuedDocumentInfo) -> None:
        ctx, archive = self.session.ctx, self.archive
        self._make(lambda: document_pdf(ctx, archive, info.number),
                   self.tr("Opening %1…").replace("%1", info.number),
                   lambda pdf: self._opened(info, pdf))

    def _opened(self, info: IssuedDocumentInfo, pdf: bytes) -> None:
        self.feedback.clear()
        self.shown.emit(self._show(pdf, info, info.title))

    def print_issued(self) -> None:
        if self.issued is not None:
            printer = self.pane.ask_printer(f"{self.issued.title} {self.issued.number}")
            if printer is not None:
                self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Operation:
        load_image_plugins()  # here, on the UI thread (see there)
        return self._send(lambda data: print_pdf_data(data, printer), lambda pages: self.tr(
            "Sent %1 pages to the printer.").replace("%1", str(pages)))

    def save_as(self) -> None:
        if self.issued is None:
            return
        default = Path.home() / f"{self.issued.title}-{self.issued.number}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), str(default),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.save_copy(Path(path))

    def save_copy(self, path: Path) -> Operation:
        return self._send(lambda data: save_pdf_copy(data, path), lambda _none: self.tr(
            "Saved a copy to %1").replace("%1", str(path)))

    def _send(self, write: Callable[[bytes], Any], done: Callable[[Any], str]) -> Operation:
        """Send the document on screen to a printer or a file, off the UI thread; a
        printer that cannot be opened or a file that cannot be written is refused inline."""
        data = self.pane.data
        return self.session.run(self, lambda: write(data), where=self.feedback,
                                busy=(self.print_button, self.save_button),
                                on_done=lambda result: self.feedback.ok(done(result)))
