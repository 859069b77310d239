"""The steps of a case in its procedure's order (办案环节), with the day each was done.
A step is recorded for a day; the case service refuses one out of order, a date that
goes backwards, or officers who may not enforce that day, and says why."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from accounts.permissions import Permission
from casework.cases import CaseDetail, StepInfo, record_step
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.header_form import qdate

DONE, NEXT = QColor("#1b5e20"), QColor("#0d47a1")


class StepsPage(QWidget):
    changed = Signal(object)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        lang = session.language
        self.page = TablePage()
        self.model: ListTableModel[StepInfo] = ListTableModel([
            Column(lambda: self.tr("Step"), lambda s: s.name(lang)),
            Column(lambda: self.tr("State"), lambda s: self._state(s),
                   foreground=lambda s: self._colour(s)),
            Column(lambda: self.tr("Done on"),
                   lambda s: f"{s.done_on:%Y-%m-%d}" if s.done_on else ""),
            Column(lambda: self.tr("Recorded by"), lambda s: s.recorded_by or ""),
            Column(lambda: self.tr("Note"), lambda s: s.note or "", tooltip=lambda s: s.note or ""),
        ], self)
        self.page.table.setObjectName("stepsTable")
        self.page.table.setModel(self.model)
        for column, width in enumerate((110, 110, 110, 110)):
            self.page.table.setColumnWidth(column, width)
        self.page.table.selectionModel().selectionChanged.connect(lambda *_: self._row_chosen())
        self.step = QComboBox()
        self.step.setObjectName("stepChoice")
        self.step.setMinimumContentsLength(8)
        self.day = QDateEdit(qdate(session.ctx.clock.today()))
        self.day.setObjectName("stepDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        self.note.setObjectName("stepNote")
        self.note.setPlaceholderText(self.tr("optional, e.g. the approval form number"))
        self.record_button = QPushButton(self.tr("Record this step"))
        self.record_button.setObjectName("recordStep")
        self.record_button.clicked.connect(self.record)
        self.feedback = Feedback()
        self.feedback.setObjectName("stepFeedback")
        box = QGroupBox(self.tr("Record a step"))
        form = QFormLayout(box)
        form.addRow(self.tr("Step"), self.step)
        day = QHBoxLayout()
        day.addWidget(self.day)
        day.addStretch(1)
        form.addRow(self.tr("Done on"), day)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.record_button)
        form.addRow(self.feedback)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 3)
        side = QVBoxLayout()
        side.addWidget(box)
        side.addStretch(1)
        layout.addLayout(side, 2)
        self._editable = session.can(Permission.EDIT_CASES)

    def _state(self, step: StepInfo) -> str:
        if step.done_on is not None:
            return self.tr("done")
        if self.detail and step.code in self.detail.next_steps:
            return self.tr("next (optional)") if step.optional else self.tr("next")
        if self.detail and self.detail.row.status == "closed":
            return self.tr("not done")
        return self.tr("optional") if step.optional else self.tr("to do")

    def _colour(self, step: StepInfo) -> QColor | None:
        if step.done_on is not None:
            return DONE
        if self.detail and step.code in self.detail.next_steps:
            return NEXT
        return None

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.model.set_rows(detail.steps)
        lang = self.session.language
        self.step.clear()
        open_steps = [s for s in detail.steps if s.done_on is None]
        # The steps that may come next first, then the rest (the service says why not).
        ordered = sorted(open_steps, key=lambda s: s.code not in detail.next_steps)
        for step in ordered:
            self.step.addItem(step.name(lang), step.code)
        self.note.clear()
        self.feedback.clear()
        editable = self._editable and detail.row.status == "open" and bool(open_steps)
        why = (self.tr("Your roles do not allow changing cases.") if not self._editable
               else self.tr("The case is closed."))
        for widget in (self.step, self.day, self.note, self.record_button):
            deny(widget, editable, why)

    def _row_chosen(self) -> None:
        row = self.page.selected_row()
        step = self.model.row(row) if row is not None else None
        if step is not None and step.done_on is None:
            self.step.setCurrentIndex(max(0, self.step.findData(step.code)))

    def record(self) -> None:
        if self.detail is None or self.step.currentData() is None:
            return
        number, code = self.detail.number, self.step.currentData()
        name, day = self.step.currentText(), self.day.date().toPython()
        note = self.note.text().strip() or None
        updated = attempt(self.feedback, self.session.language, lambda: record_step(
            self.session.ctx, number, code, day, note))
        if updated:
            self.changed.emit(updated)
            self.feedback.ok(self.tr("Recorded: %1 on %2").replace("%1", name)
                             .replace("%2", f"{day:%Y-%m-%d}"))
