"""The editor's first tab: the case's own fields, saved together."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from casework.cases import CaseDetail, update_case
from casework.inputs import parse_amount
from desktop.session import UiSession
from desktop.views.cases.case_input import case_input
from desktop.views.cases.case_list import CHOICES
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.header_form import CaseHeaderForm, header_choices
from desktop.widgets.enabled import set_enabled


class HeaderPage(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "headerFeedback", parent)
        self.form = CaseHeaderForm(session, full=True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveCase")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(self.tr("Undo changes"))
        self.undo_button.clicked.connect(self.undo)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addWidget(self.form)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        session.subscribe(self, CHOICES, lambda _changes: self.load_choices())
        self.load_choices()

    def load_choices(self) -> None:
        ctx = self.session.ctx
        self.session.run(self, lambda: header_choices(ctx), on_done=self.form.set_choices)

    def fill(self, detail: CaseDetail, other: bool) -> None:
        self.form.show_case(detail)

    def editing_controls(self) -> tuple[QWidget, ...]:
        return (self.save_button, self.undo_button)

    def update_controls(self) -> None:
        super().update_controls()
        self.form.set_read_only(not self.editable)
        # The procedure is fixed once a step is recorded (the service says so too).
        self.form.procedure.setToolTip("")
        if self.detail is not None and any(s.done_on for s in self.detail.steps):
            set_enabled(self.form.procedure, False)
            self.form.procedure.setToolTip(self.tr("Steps are recorded: the procedure can no "
                                                   "longer change."))

    def save(self) -> None:
        if self.detail is None:
            return
        problem = self.form.problem()
        if problem:
            self.feedback.error(problem)
            return
        ctx, number, detail = self.session.ctx, self.detail.number, self.detail
        values, amount = self.form.values(), self.form.amount_text()
        self.session.run(self, lambda: update_case(ctx, number, case_input(
            detail, penalty_amount=parse_amount(amount), **values)), writes=True,
            where=self.feedback, busy=self.save_button,
            on_done=lambda _updated: self.feedback.ok(self.tr("Saved.")))
