"""A dialog whose OK saves through a service call.

OK runs the call as an operation (desktop.operations): the dialog stays open with its OK
button busy while it runs; a refusal shows in the dialog's feedback line, in the user's
language, with everything typed still there to correct; success emits ``saved`` with the
result and closes the dialog. The areas showing what changed refresh from the change hub,
so a caller rarely needs ``saved`` at all.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QWidget

from desktop.widgets.feedback import Feedback

if TYPE_CHECKING:
    from desktop.session import UiSession


class FormDialog(QDialog):
    saved = Signal(object)   # the call's result

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.feedback = Feedback()
        self.feedback.setObjectName("dialogFeedback")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.operation = None

    def finish(self, layout: QLayout) -> None:
        """Put the feedback line and the buttons at the bottom of ``layout``."""
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self):  # noqa: ANN201
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def save_call(self) -> Callable[[], Any] | None:
        """The service call OK makes, built from the fields now (on the UI thread); None
        when the fields are refused before any call (say why in ``self.feedback``)."""
        raise NotImplementedError

    def accept(self) -> None:
        if self.operation is not None and not self.operation.finished:
            return   # a second OK while the first is saving
        call = self.save_call()
        if call is None:
            return
        self.operation = self.session.run(self, call, writes=True, where=self.feedback,
                                          busy=self.ok_button, on_done=self._saved)

    def _saved(self, result: Any) -> None:
        self.saved.emit(result)
        super().accept()
