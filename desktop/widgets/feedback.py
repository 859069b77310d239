"""A line under a form that says why the last action was refused, or that it worked.

Refusals are shown where the user is looking, not in a box to click away: the domain's
message in red, or a short confirmation in green. Operations (desktop.operations) write
their refusals here when given it as ``where``."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from desktop.palette import HINT_STYLE, MISSING_STYLE, OK_STYLE, WARN_STYLE
from desktop.widgets.enabled import set_enabled

__all__ = ["Feedback", "deny", "MISSING_STYLE", "NOT_ALLOWED_STYLE"]
NOT_ALLOWED_STYLE = HINT_STYLE


class Feedback(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        self.refused = False

    def error(self, text: str) -> None:
        self.refused = True
        self.setStyleSheet(WARN_STYLE)
        self.setText(text)
        self.setVisible(True)
        QTimer.singleShot(0, self, self._fit_dialog)  # dropped if self goes first

    def ok(self, text: str) -> None:
        self.refused = False
        self.setStyleSheet(OK_STYLE)
        self.setText(text)
        self.setVisible(bool(text))
        QTimer.singleShot(0, self, self._fit_dialog)  # dropped if self goes first

    def _fit_dialog(self) -> None:
        """A dialog grows to show a message wrapped over several lines (a top-level window
        does not ask its word-wrapped labels how tall they need to be)."""
        window = self.window()
        layout = window.layout() if isinstance(window, QDialog) else None
        if layout is None:
            return
        layout.activate()
        need = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        if need > window.height():
            window.resize(window.width(), need)

    def clear(self) -> None:
        self.refused = False
        self.setText("")
        self.setVisible(False)


def deny(widget: QWidget, allowed: bool, why: str) -> None:
    """Disable what the actor's roles do not allow, and say why on hover. (The service
    refuses it anyway: this only spares the user a click.)"""
    set_enabled(widget, allowed)
    widget.setToolTip("" if allowed else why)
