"""The handler's view of a review: every step so far (who, when, what it led to, the opinion
given), submitting the case once its materials are in, and disagreeing with an opinion
that returns or transfers it, which puts the case before the bureau head (协调)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.review.states import disputable, with_handler
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.table_page import TablePage
from review.queries import ReviewDetail, StepRow
from review.states import state_name
from review.workflow import disagree_review, submit_review


class ProgressPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: ReviewDetail | None = None
        self.may_submit = session.can(Permission.SUBMIT_REVIEW)
        lang = session.language
        local = session.ctx.clock.local
        self.page = TablePage()
        self.model: ListTableModel[StepRow] = ListTableModel([
            Column(lambda: self.tr("When"), lambda s: f"{local(s.at):%Y-%m-%d %H:%M}"),
            Column(lambda: self.tr("Who"), lambda s: s.actor),
            Column(lambda: self.tr("Step"), lambda s: self._action(s.action)),
            Column(lambda: self.tr("Led to"), lambda s: state_name(s.state, lang)),
            Column(lambda: self.tr("Opinion or reason"), lambda s: s.opinion or "",
                   tooltip=lambda s: s.opinion or ""),
        ], self)
        self.page.table.setObjectName("reviewSteps")
        self.page.table.setModel(self.model)
        header = self.page.table.horizontalHeader()
        for column, width in enumerate((110, 70, 70, 80)):
            self.page.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.page.table.selectionModel().selectionChanged.connect(lambda *_: self._show_said())
        # The chosen step's opinion in full (the latest one given, until a step is chosen):
        # what the handler reads before submitting again or disagreeing.
        self.said = QLabel()
        self.said.setObjectName("reviewStepOpinion")
        self.said.setWordWrap(True)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.submit_button = self.page.add_button(self.tr("Submit for review"), "submitReview",
                                                  self.submit)
        self.page.tools.addStretch(1)
        self.reason = QLineEdit()
        self.reason.setObjectName("disagreeReason")
        self.reason.setPlaceholderText(self.tr("why the handler does not accept the opinion"))
        self.disagree_button = QPushButton(self.tr("Disagree: ask the bureau head"))
        self.disagree_button.setObjectName("disagreeReview")
        self.disagree_button.clicked.connect(self.disagree)
        self.feedback = Feedback()
        self.feedback.setObjectName("progressFeedback")
        dispute = QHBoxLayout()
        dispute.addWidget(self.reason, 1)
        dispute.addWidget(self.disagree_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.said)
        layout.addWidget(self.feedback)
        layout.addLayout(dispute)
        self._update_controls()

    def _action(self, action: str) -> str:
        return {"submit": self.tr("submitted"), "start": self.tr("taken into review"),
                "decide": self.tr("opinion"), "extend": self.tr("time extended"),
                "disagree": self.tr("disagreed"), "coordinate": self.tr("coordinated"),
                "sent_back": self.tr("sent back")}.get(action, action)

    def show_review(self, detail: ReviewDetail) -> None:
        if self.detail is None or self.detail.case_number != detail.case_number:
            self.feedback.clear()
            self.reason.clear()
        self.detail = detail
        self.model.set_rows(detail.steps)
        self._show_said()
        self._update_controls()

    def _show_said(self) -> None:
        row = self.page.selected_row()
        step = self.model.row(row) if row is not None else None
        if step is None or not step.opinion:
            steps = self.detail.steps if self.detail else ()
            step = next((s for s in reversed(steps) if s.opinion), None)
        self.said.setText(f"{self._action(step.action)}（{step.actor}）：{step.opinion}"
                          if step is not None else "")

    def _update_controls(self) -> None:
        row = self.detail.row if self.detail else None
        role = self.tr("Your roles do not allow submitting cases for review.")
        deny(self.submit_button, self.may_submit and with_handler(row),
             role if not self.may_submit else
             self.tr("The review is not with the case's handlers now."))
        for widget in (self.reason, self.disagree_button):
            deny(widget, self.may_submit and disputable(row),
                 role if not self.may_submit else
                 self.tr("Only an opinion that returns or transfers the case can be "
                         "disputed."))

    def submit(self) -> None:
        if self.detail is None:
            return
        ctx, number = self.session.ctx, self.detail.case_number
        self.session.run(self, lambda: submit_review(ctx, number), writes=True,
                         where=self.feedback, busy=self.submit_button,
                         on_done=lambda d: self.feedback.ok(
                             self.tr("Submitted for review; due %1.").replace(
                                 "%1", f"{d.row.due_on:%Y-%m-%d}" if d.row.due_on else "—")))

    def disagree(self) -> None:
        if self.detail is None:
            return
        ctx, number, reason = self.session.ctx, self.detail.case_number, self.reason.text()
        self.session.run(self, lambda: disagree_review(ctx, number, reason), writes=True,
                         where=self.feedback, busy=self.disagree_button,
                         on_done=lambda _d: self.feedback.ok(
                             self.tr("The bureau head will decide in coordination.")))
