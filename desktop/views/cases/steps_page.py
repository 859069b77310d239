"""The steps of a case in its procedure's order (办案环节), with the day each was done.
A step is recorded for a day; the case service refuses one out of order, a date that
goes backwards, or officers who may not enforce that day, and says why."""
from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from casework.cases import CaseDetail, StepInfo, record_step
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import NEXT, OK
from desktop.session import UiSession
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.header_form import qdate
from desktop.widgets.table_page import TablePage


class StepsPage(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "stepFeedback", parent)
        lang = session.language
        self.page = TablePage()
        self.model: ListTableModel[StepInfo] = ListTableModel([
            Column(lambda: self.tr("Step"), lambda s: s.name(lang)),
            Column(lambda: self.tr("State"), lambda s: self._state(s),
                   foreground=lambda s: self._colour(s)),
            Column(lambda: self.tr("Done on"),
                   lambda s: f"{s.done_on:%Y-%m-%d}" if s.done_on else ""),
            Column(lambda: self.tr("Recorded by"),
                   lambda s: self.detail.person(s.recorded_by) if self.detail
                   else s.recorded_by or "", tooltip=lambda s: s.recorded_by or ""),
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
            return OK
        if self.detail and step.code in self.detail.next_steps:
            return NEXT
        return None

    def fill(self, detail: CaseDetail, other: bool) -> None:
        self.model.set_rows(detail.steps)
        lang = self.session.language
        kept = None if other else self.step.currentData()
        self.step.clear()
        # The steps that may come next first, then the rest (the service says why not).
        open_steps = [s for s in detail.steps if s.done_on is None]
        for step in sorted(open_steps, key=lambda s: s.code not in detail.next_steps):
            self.step.addItem(step.name(lang), step.code)
        self.step.setCurrentIndex(max(0, self.step.findData(kept)))
        if other:
            self.note.clear()

    def update_controls(self) -> None:
        ready = self.detail is not None and any(s.done_on is None for s in self.detail.steps)
        self.permit((self.step, self.day, self.note, self.record_button), ready=ready)

    def _row_chosen(self) -> None:
        row = self.page.selected_row()
        step = self.model.row(row) if row is not None else None
        if step is not None and step.done_on is None:
            self.step.setCurrentIndex(max(0, self.step.findData(step.code)))

    def record(self) -> None:
        if self.detail is None or self.step.currentData() is None:
            return
        ctx, number, code = self.session.ctx, self.detail.number, self.step.currentData()
        name, day = self.step.currentText(), self.day.date().toPython()
        note = self.note.text().strip() or None
        self.session.run(self, lambda: record_step(ctx, number, code, day, note), writes=True,
                         where=self.feedback, busy=self.record_button,
                         on_done=lambda _updated: self._recorded(name, day))

    def _recorded(self, name: str, day: date) -> None:
        self.note.clear()
        self.feedback.ok(self.tr("Recorded: %1 on %2").replace("%1", name)
                         .replace("%2", f"{day:%Y-%m-%d}"))
