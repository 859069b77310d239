"""What every view of a logged-in window shares: the workspace, who is acting, the job
runner, the language, the change hub, and the one way to run a service call
(``run`` / ``run_job``, see desktop.operations). Passed to each view explicitly; there is
no global."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QWidget

from core.permissions import Permission, allowed
from core.context import Context
from core.errors import DomainError
from core.jobs import CancelToken, Progress
from core.log_file import log_path, open_log
from desktop import operations, thread_guard
from desktop.changes import ChangeHub, Changes
from desktop.jobs import JobRunner
from lawdesk.workspace import Workspace

if TYPE_CHECKING:
    from desktop.widgets.feedback import Feedback

T = TypeVar("T")


@dataclass(eq=False)
class UiSession:
    workspace: Workspace
    ctx: Context
    runner: JobRunner
    language: str
    # Sync with HQ in the background (desktop.background_sync); made by the controller.
    sync: Any = None
    changes: ChangeHub = field(init=False)
    log_file: Path | None = field(init=False, default=None)
    operations_running: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.changes = ChangeHub(self.workspace, self.runner)
        thread_guard.install(self.workspace.db)
        try:
            open_log(self.workspace.data_dir)
            self.log_file = log_path(self.workspace.data_dir)
        except OSError:
            self.log_file = None  # a read-only folder: errors still show, unlogged

    def can(self, permission: Permission) -> bool:
        return allowed(self.ctx.actor, permission)

    def message(self, error: Exception) -> str:
        if isinstance(error, DomainError):
            return error.message(self.language)
        return f"{type(error).__name__}: {error}"

    # --------------------------------------------------------------- operations
    def run(self, owner: QWidget, call: Callable[[], T], *, writes: bool = False,
            lane: str | None = None, where: Feedback | None = None,
            busy: QWidget | Iterable[QWidget] | None = None,
            on_done: Callable[[T], None] | None = None,
            on_refused: Callable[[DomainError], None] | None = None,
            on_failed: Callable[[Exception], None] | None = None,
            ) -> operations.Operation:
        """Run a service call off the UI thread (see desktop.operations)."""
        return operations.start(self, owner, lambda _progress, _cancel: call(), writes=writes,
                                lane=lane, where=where, busy=busy, on_done=on_done,
                                on_refused=on_refused, on_failed=on_failed,
                                on_cancelled=None, on_progress=None)

    def run_job(self, owner: QWidget, fn: Callable[[Progress, CancelToken], T], *,
                writes: bool = False, lane: str | None = None, where: Feedback | None = None,
                busy: QWidget | Iterable[QWidget] | None = None,
                on_done: Callable[[T], None] | None = None,
                on_progress: Callable[[int, int, str], None] | None = None,
                on_cancelled: Callable[[], None] | None = None,
                on_refused: Callable[[DomainError], None] | None = None,
                on_failed: Callable[[Exception], None] | None = None,
                on_started: Callable[[], None] | None = None,
                ) -> operations.Operation:
        """Long work ``fn(progress, cancel)``: as ``run``, with progress and a cancel.
        ``on_started``: it left the queue (its lane had a free thread)."""
        return operations.start(self, owner, fn, writes=writes, lane=lane, where=where,
                                busy=busy, on_done=on_done, on_refused=on_refused,
                                on_failed=on_failed, on_cancelled=on_cancelled,
                                on_progress=on_progress, on_started=on_started)

    def subscribe(self, owner: QWidget, kinds: Iterable[str] | None,
                  callback: Callable[[Changes], None]) -> None:
        """Call ``callback`` whenever a record of ``kinds`` (None: any) changes, while
        ``owner`` lives."""
        self.changes.subscribe(owner, kinds, callback)

    @property
    def idle(self) -> bool:
        """No operation is under way (what a test waits for after a click)."""
        return self.operations_running == 0

    def close(self) -> None:
        """Stop watching for changes (the window is closing or logging out)."""
        self.changes.stop()
