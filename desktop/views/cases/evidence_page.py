"""The evidence of a case: files of the footage store, each tied to a step by its SHA-256,
which the evidence list (电子数据提取固定清单) prints."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from accounts.permissions import Permission
from casework.cases import CaseDetail, get_case
from casework.evidence_links import EvidenceInfo, link_evidence, unlink_evidence
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.footage_picker import FootagePickerDialog


class EvidencePage(QWidget):
    changed = Signal(object)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
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
        self.feedback = Feedback()
        self.feedback.setObjectName("evidenceFeedback")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.hash)
        layout.addWidget(self.feedback)
        self._editable = session.can(Permission.EDIT_CASES)

    def _step_name(self, code: str) -> str:
        for step in self.detail.steps if self.detail else ():
            if step.code == code:
                return step.name(self.session.language)
        return code

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.model.set_rows(detail.evidence)
        self.feedback.clear()
        if detail.evidence:
            self.page.table.selectRow(0)
        self._show_hash()
        editable = self._editable and detail.row.status == "open"
        why = (self.tr("Your roles do not allow changing cases.") if not self._editable
               else self.tr("The case is closed."))
        deny(self.unlink_button, editable, why)
        can_pick = editable and self.session.can(Permission.VIEW_FOOTAGE)
        deny(self.link_button, can_pick, why if not editable
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
        linked = self.tr("linked by %1 on %2").replace("%1", link.linked_by) \
            .replace("%2", f"{local(link.linked_at):%Y-%m-%d %H:%M}")
        lines = [f"SHA-256  {link.sha256}"]
        if link.file is not None and link.file.sm3:
            lines.append(f"SM3      {link.file.sm3}")
        lines.append(linked + (f" · {link.note}" if link.note else ""))
        self.hash.setStyleSheet("")
        self.hash.setText("\n".join(lines))
        self.hash.setVisible(True)

    def _reload(self) -> None:
        updated = get_case(self.session.ctx, self.detail.number)
        self.changed.emit(updated)

    def link(self, sha256: str, step: str, note: str | None) -> None:
        link_evidence(self.session.ctx, self.detail.number, sha256, step, note)

    def pick(self) -> None:
        if self.detail is None:
            return
        dialog = FootagePickerDialog(self.session, self.detail, self.link, self)
        dialog.exec()
        self._reload()  # some files may be linked even when a later one was refused

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
        number = self.detail.number
        if attempt(self.feedback, self.session.language, lambda: unlink_evidence(
                self.session.ctx, number, link.sha256, link.step)):
            self._reload()

    def copy_hash(self) -> None:
        link = self._selected()
        if link is not None:
            QGuiApplication.clipboard().setText(link.sha256)
