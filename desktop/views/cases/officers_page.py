"""The handling officers of an open case: replace, reorder, then save. The case service
refuses too few certified officers, or one whose certificate does not allow enforcement."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from casework.cases import CaseDetail, update_case
from desktop.session import UiSession
from desktop.views.cases.case_input import case_input
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.officer_picker import OfficerPicker, OfficerRule, pick_of_case


class OfficersPage(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "officersFeedback", parent)
        self.rule = OfficerRule(session.language, "officersRule")
        self.picker = OfficerPicker(session)
        self.save_button = QPushButton(self.tr("Save officers"))
        self.save_button.setObjectName("saveOfficers")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(self.tr("Undo changes"))
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(self.picker, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def fill(self, detail: CaseDetail, other: bool) -> None:
        self.rule.show_for(detail.row.procedure)
        self.picker.set_picks([pick_of_case(o) for o in detail.officers])

    def editing_controls(self) -> tuple[QWidget, ...]:
        return (self.save_button, self.undo_button, *self.picker.editing_controls())

    def save(self) -> None:
        if self.detail is None:
            return
        ctx, number = self.session.ctx, self.detail.number
        data = case_input(self.detail, officers=self.picker.numbers())
        self.session.run(self, lambda: update_case(ctx, number, data), writes=True,
                         where=self.feedback, busy=self.save_button,
                         on_done=lambda _updated: self.feedback.ok(self.tr("Officers saved.")))
