"""One case's review: its state, time limit and why it needs review above; the case and its
materials, the chosen material's PDF, and the forms of whoever acts next (the reviewer's
points and opinion, the handler's submission and disagreement, the bureau head's
coordination) side by side.

The review and the case are read together off the UI thread, and again whenever a record
they show changes (in this window, the command line or a sync)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from casework.cases import CaseDetail, get_case
from core.errors import DomainError
from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.palette import EXPIRING_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.views.review.coordination_form import CoordinationForm
from desktop.views.review.materials_pane import MaterialsPane
from desktop.views.review.opinion_form import OpinionForm
from desktop.views.review.progress_page import ProgressPage
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from review.queries import ReviewDetail, review_detail

# The review's own records, and the case's records that change what it matches or shows.
SHOWN = frozenset({"case_review", "review_step", "review_material", "review_case_facts",
                   "review_rule", "case_benchmark_choice", "enforcement_case", "case_step",
                   "case_party", "case_officer", "setting"})


def read_review(ctx, number: str) -> tuple[ReviewDetail, CaseDetail]:  # noqa: ANN001
    return review_detail(ctx, number), get_case(ctx, number)


class ReviewPanel(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.number: str | None = None
        self.detail: ReviewDetail | None = None
        self.heading = QLabel(self.tr("Choose a review in the list, or open a case by its "
                                      "number."))
        self.heading.setObjectName("reviewHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.state_line = QLabel()
        self.state_line.setObjectName("reviewState")
        self.state_line.setWordWrap(True)
        self.rules_line = QLabel()
        self.rules_line.setObjectName("reviewRules")
        self.rules_line.setWordWrap(True)
        self.feedback = Feedback()
        self.feedback.setObjectName("reviewFeedback")
        self.materials = MaterialsPane(session)
        self.opinion = OpinionForm(session)
        self.progress = ProgressPage(session)
        self.coordination = CoordinationForm(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        if session.can(Permission.REVIEW_CASES):
            self.tabs.addTab(self.opinion, self.tr("Review opinion"))
        self.tabs.addTab(self.progress, self.tr("Progress"))
        if session.can(Permission.DECIDE_REVIEW_DISPUTE):
            self.tabs.addTab(self.coordination, self.tr("Coordination"))
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.materials.checklist)
        splitter.addWidget(self.materials.pdf)
        splitter.addWidget(self.tabs)
        splitter.setSizes([380, 300, 460])
        self.body = splitter
        set_enabled(self.body, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.state_line)
        layout.addWidget(self.rules_line)
        layout.addWidget(self.feedback)
        layout.addWidget(splitter, 1)
        self._read = LatestRead(session, self, where=self.feedback)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())

    @property
    def loading(self) -> bool:
        return self._read.loading or self.materials.loading

    def show_case(self, number: str) -> None:
        if number != self.number:
            self.feedback.clear()
        self.number = number
        self.reload()

    def reload(self) -> None:
        if self.number is None:
            return
        ctx, number = self.session.ctx, self.number
        self._read.start(lambda: read_review(ctx, number), lambda read: self._show(*read),
                         on_refused=self._not_shown)

    def _not_shown(self, error: DomainError) -> None:
        """A number that names no case: say so, and keep showing the case shown before."""
        self.feedback.error(self.session.message(error))
        self.number = self.detail.case_number if self.detail else None

    def _show(self, detail: ReviewDetail, case: CaseDetail) -> None:
        self.feedback.clear()
        self.detail = detail
        set_enabled(self.body, True)
        self.heading.setText(f"{case.number} · {case.row.cause}")
        self._show_state(detail)
        self._show_rules(detail)
        self.materials.show_review(detail, case)
        self.opinion.show_review(detail)
        self.progress.show_review(detail)
        self.coordination.show_review(detail)

    def _show_state(self, detail: ReviewDetail) -> None:
        lang, row = self.session.language, detail.row
        parts = [self.tr("State: %1").replace("%1", row.state_name(lang))]
        if row.due_on is not None:
            due = self.tr("due %1").replace("%1", f"{row.due_on:%Y-%m-%d}")
            if row.extended:
                due += self.tr(" (extended)")
            parts.append(due)
        if row.reviewer:
            parts.append(self.tr("reviewer %1").replace("%1", row.reviewer))
        if row.round:
            parts.append(self.tr("submission %1").replace("%1", str(row.round)))
        text = " · ".join(parts)
        if row.overdue:
            text += " · " + self.tr("OVERDUE: the time limit has passed.")
        warning = row.warning(lang)
        if warning:
            text += "\n" + warning
        self.state_line.setText(text)
        self.state_line.setStyleSheet(WARN_STYLE if row.overdue
                                      else EXPIRING_STYLE if warning else "")

    def _show_rules(self, detail: ReviewDetail) -> None:
        lang = self.session.language
        if detail.matches:
            reasons = "；".join(f"{m.name(lang)}（{'，'.join(m.reasons(lang))}）"
                               if m.reasons(lang) else m.name(lang) for m in detail.matches)
            self.rules_line.setText(self.tr("Needs legal review before the decision: %1")
                                    .replace("%1", reasons))
        else:
            self.rules_line.setText(self.tr("The major-decision catalogue does not list this "
                                            "case today."))
