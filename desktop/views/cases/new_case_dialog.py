"""Opening a case (立案登记): its type, procedure, unit, cause and handling officers. The
number comes from the unit's series when the case is saved; parties, facts and the rest
are added in the editor."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from casework.cases import CaseDetail, create_case
from casework.inputs import CaseInput
from desktop.session import UiSession
from desktop.views.cases.header_form import CaseHeaderForm, HeaderChoices
from desktop.views.cases.officer_picker import OfficerPicker, OfficerRule
from desktop.widgets.form_dialog import FormDialog


class NewCaseDialog(FormDialog):
    """``saved`` carries the CaseDetail of the case opened."""

    def __init__(self, session: UiSession, choices: HeaderChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("New case"))
        self.form = CaseHeaderForm(session, full=False, choices=choices)
        self.officers = OfficerPicker(session)
        self.rule = OfficerRule(session.language, "officerRule")
        officers_box = QGroupBox(self.tr("Handling officers"))
        box = QVBoxLayout(officers_box)
        box.addWidget(self.rule)
        box.addWidget(self.officers)
        self.feedback.setObjectName("newCaseFeedback")
        self.ok_button.setText(self.tr("Open case"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(officers_box, 1)
        self.finish(layout)
        self.form.procedure.currentIndexChanged.connect(
            lambda _: self.rule.show_for(self.form.procedure.currentData()))
        self.rule.show_for(self.form.procedure.currentData())
        self.setMinimumWidth(560)

    def save_call(self) -> Callable[[], CaseDetail] | None:
        problem = self.form.problem()
        if problem:
            self.feedback.error(problem)
            return None
        ctx = self.session.ctx
        data = CaseInput(officers=self.officers.numbers(), parties=(), **self.form.values())
        return lambda: create_case(ctx, data)
