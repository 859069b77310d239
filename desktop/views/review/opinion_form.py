"""The reviewer's form: the eight review points (审核要点), each passed or with its problem
written out, then the outcome (同意, 补充调查, 纠正, 移送) and the opinion; taking the case
into review, and the one extension of the time limit with its reason.

Whether this reviewer may review this case (the role, a valid certificate, a legal
qualification, not a handler of the case) is the service's to say: its refusal shows on the
form's line."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.review.states import with_reviewer
from desktop.widgets.feedback import Feedback, deny
from review.points import POINTS, point_name
from review.queries import ReviewDetail
from review.states import OUTCOMES, SUBMITTED, state_name
from review.workflow import decide_review, extend_review, start_review


def outcome_combo(language: str, name: str) -> QComboBox:
    """The four outcomes, by the names the review service gives them."""
    combo = QComboBox()
    combo.setObjectName(name)
    for code in OUTCOMES:
        combo.addItem(state_name(code, language), code)
    return combo


class PointRow:
    """One review point: pass or problem, and the problem's text."""

    def __init__(self, code: str, title: str, parent: QWidget) -> None:
        self.code = code
        self.label = QLabel(title)
        self.passed = QRadioButton(QCoreApplication.translate("PointRow", "Pass"))
        self.passed.setObjectName(f"point_{code}_pass")
        self.problem = QRadioButton(QCoreApplication.translate("PointRow", "Problem"))
        self.problem.setObjectName(f"point_{code}_problem")
        self.group = QButtonGroup(parent)
        self.group.addButton(self.passed)
        self.group.addButton(self.problem)
        self.text = QLineEdit()
        self.text.setObjectName(f"point_{code}_text")
        self.text.setPlaceholderText(QCoreApplication.translate("PointRow", "the problem found, or a note"))
        self.passed.setChecked(True)

    def set(self, value: dict[str, str] | None) -> None:
        problem = value is not None and value.get("result") == "problem"
        (self.problem if problem else self.passed).setChecked(True)
        self.text.setText((value or {}).get("text", ""))

    def value(self) -> dict[str, str]:
        return {"result": "problem" if self.problem.isChecked() else "pass",
                "text": self.text.text().strip()}

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.passed, self.problem, self.text)


class OpinionForm(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: ReviewDetail | None = None
        self._decisions = -1        # decisions on record when the points were last filled
        self.may_review = session.can(Permission.REVIEW_CASES)
        lang = session.language
        points = QGroupBox(self.tr("Review points"))
        grid = QGridLayout(points)
        self.points = [PointRow(code, point_name(code, lang), self) for code, _zh, _en in POINTS]
        for row, point in enumerate(self.points):
            grid.addWidget(point.label, row, 0)
            grid.addWidget(point.passed, row, 1)
            grid.addWidget(point.problem, row, 2)
            grid.addWidget(point.text, row, 3)
        grid.setColumnStretch(3, 1)
        self.outcome = outcome_combo(lang, "reviewOutcome")
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("reviewOpinion")
        self.opinion.setPlaceholderText(self.tr("The review's opinion, as it will stand in "
                                                "the opinion document"))
        self.opinion.setMaximumHeight(90)
        self.start_button = QPushButton(self.tr("Take into review"))
        self.start_button.setObjectName("startReview")
        self.start_button.clicked.connect(self.start)
        self.decide_button = QPushButton(self.tr("Record the opinion"))
        self.decide_button.setObjectName("decideReview")
        self.decide_button.clicked.connect(self.decide)
        self.reason = QLineEdit()
        self.reason.setObjectName("extensionReason")
        self.reason.setPlaceholderText(self.tr("why the review needs longer"))
        self.extend_button = QPushButton(self.tr("Extend the time limit"))
        self.extend_button.setObjectName("extendReview")
        self.extend_button.clicked.connect(self.extend)
        self.feedback = Feedback()
        self.feedback.setObjectName("opinionFeedback")
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Opinion"), self.opinion)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decide_button)
        extension = QHBoxLayout()
        extension.addWidget(self.reason, 1)
        extension.addWidget(self.extend_button)
        layout = QVBoxLayout(self)
        layout.addWidget(points)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addLayout(extension)
        layout.addStretch(1)
        self._update_controls()

    # ------------------------------------------------------------ showing
    def show_review(self, detail: ReviewDetail) -> None:
        other = self.detail is None or self.detail.case_number != detail.case_number
        decisions = sum(1 for s in detail.steps if s.action == "decide")
        if other:
            self.feedback.clear()
        if other or decisions != self._decisions:
            # What the user typed stays while the review changes around it, until another
            # case or a new decision replaces it.
            for point in self.points:
                point.set((detail.points or {}).get(point.code))
            self.opinion.clear()
            self.reason.clear()
            self._decisions = decisions
        self.detail = detail
        self._update_controls()

    def _update_controls(self) -> None:
        row = self.detail.row if self.detail else None
        open_ = with_reviewer(row)
        if not self.may_review:
            why = self.tr("Only legal reviewers record review opinions.")
        elif self.detail is None:
            why = self.tr("Choose a case.")
        else:
            why = self.tr("The case is not waiting for a review opinion (%1).").replace(
                "%1", row.state_name(self.session.language))
        allowed = self.may_review and open_
        for point in self.points:
            for widget in point.widgets():
                deny(widget, allowed, why)
        for widget in (self.outcome, self.opinion, self.decide_button):
            deny(widget, allowed, why)
        deny(self.start_button, allowed and row.state == SUBMITTED,
             why if not allowed else self.tr("The case is already in review."))
        extendable = allowed and not row.extended
        for widget in (self.reason, self.extend_button):
            deny(widget, extendable,
                 why if not allowed else self.tr("The time limit was extended once already."))

    # ------------------------------------------------------------ acting
    def start(self) -> None:
        if self.detail is None:
            return
        ctx, number = self.session.ctx, self.detail.case_number
        self.session.run(self, lambda: start_review(ctx, number), writes=True,
                         where=self.feedback, busy=self.start_button,
                         on_done=lambda _d: self.feedback.ok(self.tr("Taken into review.")))

    def decide(self) -> None:
        if self.detail is None:
            return
        ctx, number = self.session.ctx, self.detail.case_number
        outcome, opinion = self.outcome.currentData(), self.opinion.toPlainText()
        points = {point.code: point.value() for point in self.points}
        name = self.outcome.currentText()
        self.session.run(self, lambda: decide_review(ctx, number, outcome, opinion, points),
                         writes=True, where=self.feedback, busy=self.decide_button,
                         on_done=lambda _d: self.feedback.ok(
                             self.tr("Opinion recorded: %1.").replace("%1", name)))

    def extend(self) -> None:
        if self.detail is None:
            return
        ctx, number, reason = self.session.ctx, self.detail.case_number, self.reason.text()
        self.session.run(self, lambda: extend_review(ctx, number, reason), writes=True,
                         where=self.feedback, busy=self.extend_button,
                         on_done=lambda d: self.feedback.ok(
                             self.tr("Time limit extended to %1.").replace(
                                 "%1", f"{d.row.due_on:%Y-%m-%d}")))

    def point(self, code: str) -> PointRow:
        return next(p for p in self.points if p.code == code)
