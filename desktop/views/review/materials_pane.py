"""The case under review and its materials (送审材料): the case as it would be decided (party,
facts, basis, penalty), the checklist with what is handed in and what is still missing, and
the chosen material's PDF beside it.

Handlers attach a PDF for an item, or have LawDesk make the item it can (the draft decision
from its template); the service refuses while the review is with the reviewer."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QPushButton, QTableView,
                               QTextBrowser, QVBoxLayout, QWidget)

from casework.cases import CaseDetail
from casework.documents import DocumentArchive
from casework.errors import DocumentFileDamaged
from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import OK, WARN
from desktop.session import UiSession
from desktop.views.cases.pdf_pane import PdfPane
from desktop.views.review.states import with_handler
from desktop.widgets.feedback import Feedback, deny
from review.materials import MaterialStatus, attach_generated, attach_material
from review.queries import ReviewDetail


def read_material(archive: DocumentArchive, material: MaterialStatus) -> bytes:
    """The kept PDF of a material, checked against its hash (worker thread)."""
    data = archive.read(material.sha256)
    if data is None:
        raise DocumentFileDamaged(number=material.file_name or material.item.code,
                                  sha256=material.sha256)
    return data


class MaterialsPane(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.archive = DocumentArchive(session.workspace.documents_dir)
        self.detail: ReviewDetail | None = None
        self.case: CaseDetail | None = None
        self.may_attach = session.can(Permission.SUBMIT_REVIEW)
        lang = session.language
        local = session.ctx.clock.local
        self.summary = QTextBrowser()
        self.summary.setObjectName("reviewCaseSummary")
        self.model: ListTableModel[MaterialStatus] = ListTableModel([
            Column(lambda: self.tr("Material"), lambda m: m.item.title(lang),
                   foreground=self._colour),
            Column(lambda: self.tr("Handed in"), lambda m: self._state(m),
                   foreground=self._colour, tooltip=lambda m: m.file_name or ""),
            Column(lambda: self.tr("By, on"), lambda m: (
                f"{m.attached_by} {local(m.attached_at):%m-%d %H:%M}"
                if m.attached_at else "")),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("materialsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 90)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._chosen())
        self.attach_button = QPushButton(self.tr("Attach a PDF…"))
        self.attach_button.setObjectName("attachMaterial")
        self.attach_button.clicked.connect(self._ask_file)
        self.generate_button = QPushButton(self.tr("Make it from the case"))
        self.generate_button.setObjectName("generateMaterial")
        self.generate_button.clicked.connect(self._generate)
        self.feedback = Feedback()
        self.feedback.setObjectName("materialsFeedback")
        self.pdf = PdfPane()
        # A material that cannot be shown says so over the PDF; a read that succeeds clears
        # its line, which must not take the handing-in message with it.
        self.pdf_problem = Feedback()
        self.pdf_problem.setObjectName("materialPdfFeedback")
        self.pdf.layout().insertWidget(1, self.pdf_problem)
        self._reading = LatestRead(session, self, where=self.pdf_problem)   # the newest choice
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.summary, 2)
        left.addWidget(self.table, 2)
        left.addLayout(buttons)
        left.addWidget(self.feedback)
        self.checklist = QWidget()
        self.checklist.setLayout(left)
        self._caption_empty()
        self._update_buttons()

    @property
    def loading(self) -> bool:
        return self._reading.loading

    # ------------------------------------------------------------ showing
    def show_review(self, detail: ReviewDetail, case: CaseDetail) -> None:
        other = self.detail is None or self.detail.case_number != detail.case_number
        kept = None if other else self._current_item()
        if other:
            self.feedback.clear()
            self.pdf.clear()
            self._caption_empty()
        self.detail, self.case = detail, case
        self._show_case(case)
        self.model.set_rows(detail.materials)
        for row, material in enumerate(detail.materials):
            if material.item.code == kept:
                self.table.selectRow(row)
        self._update_buttons()

    def _show_case(self, case: CaseDetail) -> None:
        row = case.row
        party = "、".join(p.name for p in case.parties) or "—"
        lines = [(self.tr("Party"), party), (self.tr("Facts"), case.facts or "—"),
                 (self.tr("Legal basis"), case.legal_basis or "—"),
                 (self.tr("Penalty"), case.penalty or "—")]
        body = "".join(f"<p><b>{html.escape(label)}</b>：{html.escape(text)}</p>"
                       for label, text in lines)
        self.summary.setHtml(f"<p><b>{html.escape(row.number)}</b> · "
                             f"{html.escape(row.cause)} · {html.escape(row.unit_name)}</p>{body}")

    def _caption_empty(self) -> None:
        self.pdf.caption.setText(self.tr("Choose a material to see it here."))

    def _state(self, material: MaterialStatus) -> str:
        if material.present:
            generated = (material.source or "").startswith("generated:")
            return self.tr("made from the case") if generated else self.tr("attached")
        return self.tr("missing") if material.required else self.tr("not needed")

    def _colour(self, material: MaterialStatus):  # noqa: ANN202 - a QColor or None
        if material.present:
            return OK
        return WARN if material.required else None

    def _current(self) -> MaterialStatus | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _current_item(self) -> str | None:
        material = self._current()
        return material.item.code if material else None

    def _chosen(self) -> None:
        self._update_buttons()
        material = self._current()
        if material is None or not material.present:
            return
        archive = self.archive
        self._reading.start(lambda: read_material(archive, material),
                            lambda data: self._show_pdf(material, data))

    def _show_pdf(self, material: MaterialStatus, data: bytes) -> None:
        self.pdf.show_pdf(data)
        self.pdf.caption.setText(f"{material.item.title(self.session.language)} · "
                                 f"{material.file_name}")

    # ------------------------------------------------------------ handing in
    def _update_buttons(self) -> None:
        material = self._current()
        open_ = with_handler(self.detail.row if self.detail else None)
        why = (self.tr("Your roles do not allow handing in review materials.")
               if not self.may_attach else
               self.tr("Choose a material in the list.") if material is None else
               self.tr("The review is with the reviewer: its materials do not change now."))
        allowed = self.may_attach and material is not None and open_
        deny(self.attach_button, allowed, why)
        makeable = material is not None and material.item.generate is not None
        deny(self.generate_button, allowed and makeable,
             why if not allowed else self.tr("LawDesk cannot make this material: attach a "
                                             "PDF."))

    def _ask_file(self) -> None:
        material = self._current()
        if material is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach “%1”").replace("%1", material.item.title(
                self.session.language)), str(Path.home()), self.tr("PDF files (*.pdf)"))
        if path:
            self.attach_file(material, Path(path))

    def attach_file(self, material: MaterialStatus, path: Path) -> None:
        ctx, archive, number = self.session.ctx, self.archive, self.detail.case_number
        code, title = material.item.code, material.item.title(self.session.language)
        self.session.run(
            self, lambda: attach_material(ctx, archive, number, code, path.read_bytes(),
                                          path.name),
            writes=True, where=self.feedback, busy=(self.attach_button, self.generate_button),
            on_done=lambda _list: self.feedback.ok(
                self.tr("“%1” handed in.").replace("%1", title)))

    def _generate(self) -> None:
        material = self._current()
        if material is None or self.detail is None:
            return
        ctx, archive, number = self.session.ctx, self.archive, self.detail.case_number
        code, title = material.item.code, material.item.title(self.session.language)
        self.session.run(
            self, lambda: attach_generated(ctx, archive, number, code), writes=True,
            where=self.feedback, busy=(self.attach_button, self.generate_button),
            on_done=lambda _list: self.feedback.ok(
                self.tr("“%1” made from the case and handed in.").replace("%1", title)))

    def select_item(self, code: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row(row).item.code == code:
                self.table.selectRow(row)
                return True
        return False

