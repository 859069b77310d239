"""The one way a view runs a service call: off the UI thread, with one error path, and
saying what it changed.

    self.session.run(self, lambda: add_unit(ctx, name, short), writes=True,
                     where=self.feedback, busy=ok_button, on_done=self.accept)

- The call runs on a worker thread of the job runner: writes one at a time on the writer
  lane (so two saves never race for SQLite's lock, and a save queued behind an offload's
  commit waits there, never on the UI thread), reads on the read lane. It must not touch a
  widget; its result is handed to ``on_done`` on the UI thread.
- While it runs, the ``busy`` widgets are disabled and show a busy cursor; the window never
  freezes. A state a view gives one meanwhile (desktop.widgets.enabled) is the state it
  takes when the call ends. ``run_job`` is the same for long work ``fn(progress, cancel)``
  with progress and a cancel; ``Operation.cancel()`` asks it to stop.
- A refusal (DomainError) is shown where the user acted: in ``where`` (a Feedback line), in
  the user's language. Anything else is unexpected: it is written with its traceback to the
  data folder's log and shown once, in a short message with the details behind a button.
  Nothing is swallowed.
- A write's result says what changed: the records the ledger entries after it name
  (desktop.changes). They are published to the session's ChangeHub before ``on_done`` runs,
  and every area showing one of those kinds refreshes itself.
- The callbacks belong to ``owner``: when that widget is gone (a dialog closed while its
  save ran), they are dropped; the change is still published.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from audit.changes import LedgerChanges, changes_since, ledger_head
from core.errors import DomainError
from core.jobs import CancelToken, Progress
from desktop.jobs import Job
from desktop.widgets.enabled import hold, release

if TYPE_CHECKING:
    from desktop.session import UiSession
    from desktop.widgets.feedback import Feedback

T = TypeVar("T")

@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What came back from the worker: the call's result and, for a write, the changes."""

    result: T
    changes: LedgerChanges | None


class Operation(QObject):
    """One call under way. Lives on the UI thread, parented to the session's hub so that it
    outlives a closed dialog long enough to publish its changes."""

    def __init__(self, session: UiSession, owner: QWidget, *, where: Feedback | None,
                 busy: Iterable[QWidget], on_done: Callable[[Any], None] | None,
                 on_refused: Callable[[DomainError], None] | None,
                 on_failed: Callable[[Exception], None] | None,
                 on_cancelled: Callable[[], None] | None,
                 on_progress: Callable[[int, int, str], None] | None,
                 on_started: Callable[[], None] | None = None) -> None:
        super().__init__(session.changes)
        self.session, self.owner, self.where = session, owner, where
        self.busy = [w for w in busy if w is not None]
        self._on_done, self._on_refused = on_done, on_refused
        self._on_failed, self._on_cancelled = on_failed, on_cancelled
        self._on_progress = on_progress
        self._on_started = on_started
        self.job: Job | None = None
        self.finished = False
        self.changes: LedgerChanges | None = None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # ------------------------------------------------------------ UI thread
    def _alive(self) -> bool:
        return isValid(self.owner)

    def _begin(self) -> None:
        self.session.operations_running += 1
        for widget in self.busy:
            hold(widget)

    def _end(self) -> None:
        self.finished = True
        self.session.operations_running -= 1
        for widget in self.busy:
            if isValid(widget):
                release(widget)
        self.deleteLater()

    def _succeeded(self, outcome: Outcome) -> None:
        self._end()
        self.changes = outcome.changes
        if outcome.changes is not None:
            self.session.changes.publish(outcome.changes)
        if not self._alive():
            return
        if self.where is not None and isValid(self.where):
            self.where.clear()
        if self._on_done is not None:
            self._on_done(outcome.result)

    def _failed(self, error: Exception) -> None:
        self._end()
        if isinstance(error, DomainError):
            if not self._alive():
                return
            if self._on_refused is not None:
                self._on_refused(error)
            if self.where is not None and isValid(self.where):
                self.where.error(error.message(self.session.language))
            elif self._on_refused is None:
                from desktop.errors import show_refusal
                show_refusal(self.owner, error.message(self.session.language))
            return
        from desktop.errors import report_unexpected
        if self._alive() and self._on_failed is not None:
            self._on_failed(error)
        report_unexpected(self.owner if self._alive() else None, error, self.session.log_file)

    def _cancelled(self) -> None:
        self._end()
        if self._alive() and self._on_cancelled is not None:
            self._on_cancelled()

    def _started(self) -> None:
        if self._alive() and self._on_started is not None:
            self._on_started()

    def _progress(self, done: int, total: int, note: str) -> None:
        if self._alive() and self._on_progress is not None:
            self._on_progress(done, total, note)


def _with_changes(session: UiSession, work: Callable[[Progress, CancelToken], Any],
                  writes: bool) -> Callable[[Progress, CancelToken], Outcome]:
    """The worker-side wrapper: for a write, read what the ledger gained meanwhile."""
    database = session.workspace.db
    hub = session.changes

    def run(progress: Progress, cancel: CancelToken) -> Outcome:
        if not writes:
            return Outcome(work(progress, cancel), None)
        since = hub.seen_head
        if since is None:
            since = ledger_head(database)
        result = work(progress, cancel)
        return Outcome(result, changes_since(database, since))
    return run


def start(session: UiSession, owner: QWidget, work: Callable[[Progress, CancelToken], Any], *,
          writes: bool, lane: str | None, where: Feedback | None,
          busy: QWidget | Iterable[QWidget] | None, on_done, on_refused, on_failed,  # noqa: ANN001
          on_cancelled, on_progress, on_started=None) -> Operation:  # noqa: ANN001
    if isinstance(busy, QWidget):
        busy = [busy]
    operation = Operation(session, owner, where=where, busy=busy or [], on_done=on_done,
                          on_refused=on_refused, on_failed=on_failed, on_cancelled=on_cancelled,
                          on_progress=on_progress, on_started=on_started)
    operation._begin()
    operation.job = session.runner.submit(
        _with_changes(session, work, writes), writes=writes, lane=lane,
        on_success=operation._succeeded, on_error=operation._failed,
        on_cancelled=operation._cancelled, on_progress=operation._progress,
        on_started=operation._started)
    return operation
