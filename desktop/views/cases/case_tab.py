"""What every tab of the case editor shares: the case on screen, a feedback line, and the
one rule for editing: the actor's roles must allow changing cases and the case must be
open. A tab names the controls that edit; they are disabled, with the reason on hover,
whenever that rule (or a tab's own condition) says no."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from core.permissions import Permission
from casework.cases import CaseDetail
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback, deny


class CaseTab(QWidget):
    def __init__(self, session: UiSession, feedback_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.feedback = Feedback()
        self.feedback.setObjectName(feedback_name)
        self.may_edit = session.can(Permission.EDIT_CASES)

    # ------------------------------------------------------------ showing
    def show_case(self, detail: CaseDetail) -> None:
        """Show ``detail``: another case, or the same one as it is now (after a change).
        A message about another case is cleared; one about this case stays (it says how
        the change the user just made went)."""
        other = self.detail is None or self.detail.id != detail.id
        if other:
            self.feedback.clear()
        self.detail = detail
        self.fill(detail, other)
        self.update_controls()

    def fill(self, detail: CaseDetail, other: bool) -> None:
        """Put ``detail`` on screen; ``other``: it is not the case shown before."""
        raise NotImplementedError

    def undo(self) -> None:
        """Throw away what was typed: the case as it was last read."""
        if self.detail is not None:
            self.feedback.clear()
            self.fill(self.detail, False)
            self.update_controls()

    # ---------------------------------------------------------- permission
    @property
    def case_open(self) -> bool:
        return self.detail is not None and self.detail.row.status == "open"

    @property
    def editable(self) -> bool:
        return self.may_edit and self.case_open

    def editing_controls(self) -> Iterable[QWidget]:
        return ()

    def update_controls(self) -> None:
        self.permit(self.editing_controls())

    def permit(self, widgets: Iterable[QWidget], *, may: bool | None = None,
               role_reason: str | None = None, ready: bool = True) -> bool:
        """Enable ``widgets`` when the actor ``may`` (by default: change cases), the case is
        open and the tab is ``ready``; else disable them and say why on hover."""
        may = self.may_edit if may is None else may
        allowed = may and self.case_open and ready
        if not may:
            why = role_reason or self.tr("Your roles do not allow changing cases.")
        else:
            why = "" if self.case_open else self.tr("The case is closed.")
        for widget in widgets:
            deny(widget, allowed, why)
        return allowed
