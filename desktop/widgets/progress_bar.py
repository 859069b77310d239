"""A progress bar whose new value is painted with the next frame, not at once.

QProgressBar.setValue repaints synchronously (QWidget::repaint) whenever the shown value
changes: the bar, the parent background under it and the flush to the window, there and
then, on the UI thread. A view that moves two bars and a label ten times a second paid for
three separate paints per update: during a 4 GiB offload the offload view's progress
callback took 13 to 55 ms (profiled on the UI thread with the UI benchmark), most of it in
those paints. Here a new value only marks the bar for repainting, so Qt paints every
change of a frame in one pass."""
from __future__ import annotations

from PySide6.QtWidgets import QProgressBar


class ProgressBar(QProgressBar):
    def setValue(self, value: int) -> None:  # noqa: N802 - Qt's name
        if value == self.value():
            return
        # Updates off: QProgressBar's repaint() does nothing; turning them on again
        # schedules one ordinary update() of the bar.
        self.setUpdatesEnabled(False)
        try:
            super().setValue(value)
        finally:
            self.setUpdatesEnabled(True)
