"""A read whose newest answer is the only one that counts.

A list reloaded twice in quick succession (a change from the command line, then a click on
Refresh) asks twice; the read lane runs two calls at a time, so the older answer can come
back last. Each part of a view that loads this way keeps one ``LatestRead`` and drops any
answer a newer request has overtaken."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from core.errors import DomainError

if TYPE_CHECKING:
    from desktop.session import UiSession
    from desktop.widgets.feedback import Feedback


class LatestRead:
    def __init__(self, session: UiSession, owner: QWidget, *, where: Feedback | None = None,
                 busy: QWidget | None = None) -> None:
        self.session, self.owner, self.where, self.busy = session, owner, where, busy
        self._latest = 0
        self._pending = 0

    @property
    def loading(self) -> bool:
        return self._pending > 0

    def forget(self) -> None:
        """Drop the answers to requests already made (what they would show is gone)."""
        self._latest += 1

    def start(self, call: Callable[[], Any], on_done: Callable[[Any], None], *,
              on_refused: Callable[[DomainError], None] | None = None) -> None:
        """Run ``call`` on the read lane; ``on_done`` / ``on_refused`` hear of it only if no
        newer ``start`` was made meanwhile. Without ``on_refused`` a refusal shows in
        ``where``."""
        self._latest += 1
        self._pending += 1
        ticket = self._latest

        def done(result: Any) -> None:  # noqa: ANN401
            self._pending -= 1
            if ticket == self._latest:
                on_done(result)

        def refused(error: DomainError) -> None:
            self._pending -= 1
            if ticket == self._latest and on_refused is not None:
                on_refused(error)

        def failed(_error: Exception) -> None:
            self._pending -= 1

        # The refusal goes to ``on_refused`` when there is one, else to ``where``.
        self.session.run(self.owner, call, where=None if on_refused else self.where,
                         busy=self.busy, on_done=done, on_refused=refused, on_failed=failed)
