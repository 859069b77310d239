"""Opening a case (立案登记): its type, procedure, unit, cause and handling officers. The
number comes from the unit's series when the case is saved; parties, facts and the rest
are added in the editor."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from casework.cases import CaseDetail, create_case
from casework.inputs import CaseInput
from casework.procedures import procedure
from desktop.session import UiSession
from desktop.views.cases.feedback import Feedback, attempt
from desktop.views.cases.header_form import CaseHeaderForm
from desktop.views.cases.officer_picker import OfficerPicker


class NewCaseDialog(QDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.created: CaseDetail | None = None
        self.setWindowTitle(self.tr("New case"))
        self.form = CaseHeaderForm(session, full=False)
        self.officers = OfficerPicker(session)
        self.rule = QLabel()
        self.rule.setObjectName("officerRule")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: palette(mid);")
        officers_box = QGroupBox(self.tr("Handling officers"))
        box = QVBoxLayout(officers_box)
        box.addWidget(self.rule)
        box.addWidget(self.officers)
        self.feedback = Feedback()
        self.feedback.setObjectName("newCaseFeedback")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(officers_box, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.form.procedure.currentIndexChanged.connect(lambda _: self._show_rule())
        self._show_rule()
        self.setMinimumWidth(560)

    def _show_rule(self) -> None:
        proc = procedure(self.form.procedure.currentData())
        self.rule.setText(self.tr("A case under the %1 needs at least %2 officers with a valid "
                                  "enforcement certificate; the first listed leads.")
                          .replace("%1", proc.name(self.session.language))
                          .replace("%2", str(proc.min_officers)))

    def submit(self) -> None:
        problem = self.form.problem()
        if problem:
            self.feedback.error(problem)
            return
        ctx = self.session.ctx
        created = attempt(self.feedback, self.session.language, lambda: create_case(
            ctx, CaseInput(officers=self.officers.numbers(), parties=(),
                           **self.form.values())))
        if created:
            self.created = created
            self.accept()
