"""The handling officers of an open case: replace, reorder, then save. The case service
refuses too few certified officers, or one whose certificate does not allow enforcement."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from accounts.permissions import Permission
from casework.cases import CaseDetail, update_case
from casework.procedures import procedure
from desktop.session import UiSession
from desktop.views.cases.case_input import case_input
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.officer_picker import OfficerPicker, pick_of_case


class OfficersPage(QWidget):
    changed = Signal(object)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.rule = QLabel()
        self.rule.setObjectName("officersRule")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: palette(mid);")
        self.picker = OfficerPicker(session)
        self.save_button = QPushButton(self.tr("Save officers"))
        self.save_button.setObjectName("saveOfficers")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(self.tr("Undo changes"))
        self.undo_button.clicked.connect(lambda: self.detail and self.show_case(self.detail))
        self.feedback = Feedback()
        self.feedback.setObjectName("officersFeedback")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(self.picker, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        self._editable = session.can(Permission.EDIT_CASES)

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        proc = procedure(detail.row.procedure)
        self.rule.setText(self.tr("A case under the %1 needs at least %2 officers with a valid "
                                  "enforcement certificate; the first listed leads.")
                          .replace("%1", proc.name(self.session.language))
                          .replace("%2", str(proc.min_officers)))
        self.picker.set_picks([pick_of_case(o) for o in detail.officers])
        self.feedback.clear()
        editable = self._editable and detail.row.status == "open"
        self.picker.set_read_only(not editable)
        why = (self.tr("Your roles do not allow changing cases.") if not self._editable
               else self.tr("The case is closed."))
        deny(self.save_button, editable, why)
        deny(self.undo_button, editable, why)

    def save(self) -> None:
        if self.detail is None:
            return
        number, data = self.detail.number, case_input(self.detail,
                                                      officers=self.picker.numbers())
        updated = attempt(self.feedback, self.session.language,
                          lambda: update_case(self.session.ctx, number, data))
        if updated:
            self.changed.emit(updated)
            self.feedback.ok(self.tr("Officers saved."))
