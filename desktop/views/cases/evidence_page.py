"""The evidence of a case: files of the footage store, each tied to a step by its SHA-256,
which the evidence list (电子数据提取固定清单) prints."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from core.permissions import Permission
from casework.cases import CaseDetail
from casework.evidence_links import EvidenceInfo, unlink_evidence
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.footage_picker import FootagePickerDialog
from desktop.widgets.feedback import Feedback
from desktop.widgets.table_page import TablePage


class EvidencePage(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "evidenceFeedback", parent)
        lang = session.language
        local = session.ctx.clock.local
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M}" if t else ""  # noqa: E731
        self.page = TablePage()
        self.link_button = self.page.add_button(self.tr("Link from the footage library…"),
                                                "linkEvidence", self.pick)
        self.unlink_button = self.page.add_button(self.tr("Unlink"), "unlinkEvidence",
                                                  self.unlink)
        self.copy_button = self.page.add_button(self.tr("Copy SHA-256"), "copyEvidenceHash",
                                                self.copy_hash)
        self.page.tools.addStretch(1)
        self.model: ListTableModel[EvidenceInfo] = ListTableModel([
            Column(lambda: self.tr("File"),
                   lambda e: e.file.original_name if e.file else self.tr("(no longer listed)")),
            Column(lambda: self.tr("Kind"), lambda e: e.file.kind_label(lang) if e.file else ""),
            Column(lambda: self.tr("Recorded"),
                   lambda e: when(e.file.recorded_at) if e.file else ""),
            Column(lambda: self.tr("Officer"), lambda e: e.file.officer_label() if e.file else ""),
            Column(lambda: self.tr("Device"), lambda e: (e.file.device_serial or "")
                   if e.file else ""),
            Column(lambda: self.tr("Step"), lambda e: self._step_name(e.step)),
            Column(lambda: self.tr("SHA-256"), lambda e: e.sha256, tooltip=lambda e: e.sha256),
        ], self)
        self.page.table.setObjectName("evidenceTable")
        self.page.table.setModel(self.model)
        for column, width in enumerate((290, 45, 130, 120, 80, 75)):
            self.page.table.setColumnWidth(column, width)
        # Both ends of a hash or a recorder's file name tell files apart.
        self.page.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.page.table.selectionModel().selectionChanged.connect(lambda *_: self._show_hash())
        self.hash = Feedback()
        self.hash.setObjectName("evidenceHash")
        self.hash.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.hash)
        layout.addWidget(self.feedback)

    def _step_name(self, code: str) -> str:
        for step in self.detail.steps if self.detail else ():
            if step.code == code:
                return step.name(self.session.language)
        return code

    def fill(self, detail: CaseDetail, other: bool) -> None:
        kept = None if other else self._selected()
        self.model.set_rows(detail.evidence)
        row = next((r for r, e in enumerate(detail.evidence) if kept and e.id == kept.id), 0)
        if detail.evidence:
            self.page.table.selectRow(row)
        self._show_hash()

    def update_controls(self) -> None:
        self.permit((self.unlink_button,))
        may_pick = self.may_edit and self.session.can(Permission.VIEW_FOOTAGE)
        self.permit((self.link_button,), may=may_pick, role_reason=None if not self.may_edit
                    else self.tr("Your roles do not allow viewing the footage library."))

    def _selected(self) -> EvidenceInfo | None:
        row = self.page.selected_row()
        return self.model.row(row) if row is not None else None

    def _show_hash(self) -> None:
        link = self._selected()
        if link is None:
            self.hash.clear()
            return
        local = self.session.ctx.clock.local
        linked = self.tr("linked by %1 on %2").replace(
            "%1", self.detail.person(link.linked_by) if self.detail else link.linked_by) \
            .replace("%2", f"{local(link.linked_at):%Y-%m-%d %H:%M}")
        lines = [f"SHA-256  {link.sha256}"]
        if link.file is not None and link.file.sm3:
            lines.append(f"SM3      {link.file.sm3}")
        lines.append(linked + (f" · {link.note}" if link.note else ""))
        self.hash.setStyleSheet("")
        self.hash.setText("\n".join(lines))
        self.hash.setVisible(True)

    def pick(self) -> None:
        if self.detail is None:
            return
        dialog = FootagePickerDialog(self.session, self.detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def unlink(self) -> None:
        link = self._selected()
        if link is None or self.detail is None:
            return
        name = link.file.original_name if link.file else link.sha256
        if QMessageBox.question(self, self.tr("Unlink evidence"),
                                self.tr("Unlink %1 from this case? The ledger keeps that it "
                                        "was linked.").replace("%1", name)) \
                != QMessageBox.StandardButton.Yes:
            return
        ctx, number = self.session.ctx, self.detail.number
        self.session.run(self, lambda: unlink_evidence(ctx, number, link.sha256, link.step),
                         writes=True, where=self.feedback, busy=self.unlink_button)

    def copy_hash(self) -> None:
        link = self._selected()
        if link is not None:
            QGuiApplication.clipboard().setText(link.sha256)
