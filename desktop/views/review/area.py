"""The legal review area (法制审核): the list of reviews (a reviewer's queue with its due
dates, every review, the overdue ones, the disputes awaiting the bureau head) above, the
chosen case's review below."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.review.review_list import ReviewListPage
from desktop.views.review.review_panel import ReviewPanel


class ReviewArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not session.can(Permission.VIEW_CASES):
            self.list = self.panel = None
            notice = QLabel(self.tr("Your roles do not allow viewing cases or their legal "
                                    "review."))
            notice.setObjectName("reviewNotAllowed")
            notice.setWordWrap(True)
            layout.addWidget(notice)
            layout.addStretch(1)
            return
        self.list = ReviewListPage(session)
        self.panel = ReviewPanel(session)
        self.list.case_chosen.connect(self.panel.show_case)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.panel)
        splitter.setSizes([170, 600])
        layout.addWidget(splitter)

    @property
    def loading(self) -> bool:
        return self.list is not None and (self.list.loading or self.panel.loading)

    def open_case(self, number: str) -> None:
        """Show case ``number``'s review (selected in the list when it is there)."""
        if not self.list.select_case(number):
            self.panel.show_case(number)
