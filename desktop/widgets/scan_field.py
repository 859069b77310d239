"""A line edit for barcode scanners.

A scanner types the code as fast keystrokes ending in Enter. ``scanned`` is emitted with
the trimmed text on Enter, and Enter never reaches the dialog (so it does not press the
dialog's default button half-way through filling it in).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text().strip()
            if text:
                self.scanned.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)
