"""The bureau head's coordination (协调): the reviewer's opinion and the handler's reason side
by side, then the head's outcome and opinion, which is final."""
from __future__ import annotations

from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.review.opinion_form import outcome_combo
from desktop.views.review.states import in_coordination
from desktop.widgets.feedback import Feedback, deny
from review.queries import ReviewDetail
from review.states import state_name
from review.workflow import coordinate_review


class CoordinationForm(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: ReviewDetail | None = None
        self.may_decide = session.can(Permission.DECIDE_REVIEW_DISPUTE)
        self.reviewer_said = QLabel()
        self.reviewer_said.setObjectName("coordinationReviewer")
        self.handler_said = QLabel()
        self.handler_said.setObjectName("coordinationHandler")
        for label in (self.reviewer_said, self.handler_said):
            label.setWordWrap(True)
        self.outcome = outcome_combo(session.language, "coordinationOutcome")
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("coordinationOpinion")
        self.opinion.setMaximumHeight(90)
        self.decide_button = QPushButton(self.tr("Decide"))
        self.decide_button.setObjectName("coordinateReview")
        self.decide_button.clicked.connect(self.decide)
        self.feedback = Feedback()
        self.feedback.setObjectName("coordinationFeedback")
        form = QFormLayout()
        form.addRow(self.tr("Reviewer's opinion"), self.reviewer_said)
        form.addRow(self.tr("Handler's reason"), self.handler_said)
        form.addRow(self.tr("Decision"), self.outcome)
        form.addRow(self.tr("Opinion"), self.opinion)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decide_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        self._update_controls()

    def show_review(self, detail: ReviewDetail) -> None:
        if self.detail is None or self.detail.case_number != detail.case_number:
            self.feedback.clear()
            self.opinion.clear()
        self.detail = detail
        lang = self.session.language
        decided = next((s for s in reversed(detail.steps) if s.action == "decide"), None)
        disagreed = next((s for s in reversed(detail.steps) if s.action == "disagree"), None)
        self.reviewer_said.setText(
            f"{state_name(decided.outcome, lang)}：{decided.opinion}（{decided.actor}）"
            if decided and decided.outcome else "—")
        self.handler_said.setText(f"{disagreed.opinion}（{disagreed.actor}）"
                                  if disagreed else "—")
        self._update_controls()

    def _update_controls(self) -> None:
        row = self.detail.row if self.detail else None
        why = (self.tr("Only the bureau head decides a disputed review.")
               if not self.may_decide else self.tr("The review is not in coordination."))
        allowed = self.may_decide and in_coordination(row)
        for widget in (self.outcome, self.opinion, self.decide_button):
            deny(widget, allowed, why)

    def decide(self) -> None:
        if self.detail is None:
            return
        ctx, number = self.session.ctx, self.detail.case_number
        outcome, opinion = self.outcome.currentData(), self.opinion.toPlainText()
        name = self.outcome.currentText()
        self.session.run(self, lambda: coordinate_review(ctx, number, outcome, opinion),
                         writes=True, where=self.feedback, busy=self.decide_button,
                         on_done=lambda _d: self.feedback.ok(
                             self.tr("Decided in coordination: %1.").replace("%1", name)))
