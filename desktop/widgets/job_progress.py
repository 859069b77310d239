"""A long job started from a bar of buttons (an export, a push): its progress bar, a line of
figures if wanted, and a cancel button, shown only while it runs.

``run`` starts the work with session.run_job and wires the rest: the progress drawn in
thousandths (a QProgressBar counts in int, and 50 GB of bytes is past 2**31), the cancel,
the widgets hidden again however the job ends, and a cancelled job said in the feedback
line. What the job produced goes to ``on_done``; refusals and failures are shown by the
operation runner where the caller asked."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from core.jobs import CancelToken, Progress
from desktop.operations import Operation
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from desktop.widgets.progress_bar import ProgressBar

STEPS = 1000


class JobProgress(QWidget):
    def __init__(self, session: UiSession, *, progress_name: str, cancel_name: str,
                 figures: Callable[[int, int], str] | None = None,
                 note_name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.operation: Operation | None = None
        self._figures = figures
        self.bar = ProgressBar()
        self.bar.setObjectName(progress_name)
        self.note = QLabel()
        self.note.setObjectName(note_name or f"{progress_name}Note")
        self.note.setStyleSheet(HINT_STYLE)
        self.cancel_button = QPushButton(QCoreApplication.translate("JobProgress", "Cancel"))
        self.cancel_button.setObjectName(cancel_name)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.note)
        row.addWidget(self.cancel_button)
        self.note.setVisible(figures is not None)
        self._show(False)

    @property
    def running(self) -> bool:
        return self.operation is not None and not self.operation.finished

    def run(self, owner: QWidget, work: Callable[[Progress, CancelToken], Any], *,
            where: Feedback, busy: Iterable[QWidget], on_done: Callable[[Any], None],
            cancelled_text: str, lane: str | None = None) -> Operation:
        where.clear()
        self.note.setText("")
        self.bar.setRange(0, 0)   # busy until the first step reports
        self._show(True)
        set_enabled(self.cancel_button, True)

        def done(result: Any) -> None:  # noqa: ANN401
            self._show(False)
            on_done(result)

        def cancelled() -> None:
            self._show(False)
            where.error(cancelled_text)

        self.operation = self.session.run_job(
            owner, work, writes=True, lane=lane, where=where, busy=list(busy),
            on_progress=self._progressed, on_done=done, on_cancelled=cancelled,
            on_refused=lambda _e: self._show(False), on_failed=lambda _e: self._show(False))
        return self.operation

    def cancel(self) -> None:
        if self.operation is not None:
            set_enabled(self.cancel_button, False)
            self.operation.cancel()

    def _progressed(self, done: int, total: int, _note: str) -> None:
        if total <= 0:
            return
        self.bar.setRange(0, STEPS)
        self.bar.setValue(int(STEPS * min(done, total) / total))
        if self._figures is not None:
            self.note.setText(self._figures(done, total))

    def _show(self, shown: bool) -> None:
        # The whole row hides, so an idle job takes no room from its neighbours.
        self.setVisible(shown)
