"""The editor's first tab: the case's own fields, saved together."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from accounts.permissions import Permission
from casework.cases import CaseDetail, update_case
from desktop.session import UiSession
from desktop.views.cases.case_input import case_input
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.header_form import CaseHeaderForm


class HeaderPage(QWidget):
    changed = Signal(object)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.form = CaseHeaderForm(session, full=True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveCase")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(self.tr("Undo changes"))
        self.undo_button.clicked.connect(lambda: self.detail and self.show_case(self.detail))
        self.feedback = Feedback()
        self.feedback.setObjectName("headerFeedback")
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
        self._editable = session.can(Permission.EDIT_CASES)

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.form.show_case(detail)
        self.feedback.clear()
        editable = self._editable and detail.row.status == "open"
        self.form.set_read_only(not editable)
        # The procedure is fixed once a step is recorded (the service says so too).
        self.form.procedure.setToolTip("")
        if any(s.done_on for s in detail.steps):
            self.form.procedure.setEnabled(False)
            self.form.procedure.setToolTip(self.tr("Steps are recorded: the procedure can no "
                                                   "longer change."))
        why = (self.tr("Your roles do not allow changing cases.") if not self._editable
               else self.tr("The case is closed."))
        deny(self.save_button, editable, why)
        deny(self.undo_button, editable, why)

    def save(self) -> None:
        if self.detail is None:
            return
        problem = self.form.problem()
        if problem:
            self.feedback.error(problem)
            return
        number, detail = self.detail.number, self.detail
        updated = attempt(self.feedback, self.session.language, lambda: update_case(
            self.session.ctx, number, case_input(detail, **self.form.values())))
        if updated:
            self.changed.emit(updated)
            self.feedback.ok(self.tr("Saved."))
