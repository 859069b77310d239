"""Areas refresh from what changed, not by polling or on a tab switch.

Every change to a record writes a ledger entry, whichever process made it. The hub keeps
the newest entry it has told the areas about; a write made through the window publishes
its entries at once (desktop.operations), and one watcher per window notices entries that
other processes wrote (the command line, an offload child, a sync pass): it is woken when
the ledger's head file is rewritten (every commit rewrites it) and, as a backstop, looks at
the ledger's head once a second, one indexed lookup on the read lane.

Areas subscribe to the record kinds they show (the ledger's object types, which are table
names: "device", "custody", "enforcement_case", …) and are called only when one of those
changed. A subscription ends with the widget that made it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from shiboken6 import isValid

from audit.changes import LedgerChanges, changes_since, ledger_head
from desktop.jobs import JobRunner
from lawdesk.workspace import Workspace

BACKSTOP_MS = 1000
log = logging.getLogger("lawdesk.desktop")


@dataclass(frozen=True)
class Changes:
    """The records that changed: (kind, id) pairs, or everything (too many to name)."""

    records: frozenset[tuple[str, str]] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, ledger: LedgerChanges) -> "Changes":
        return cls(ledger.records, ledger.everything)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self.records)

    def touches(self, kinds: Iterable[str]) -> bool:
        return self.everything or not self.kinds.isdisjoint(kinds)

    def ids(self, kind: str) -> frozenset[str]:
        return frozenset(key for k, key in self.records if k == kind)


class _Subscription(QObject):
    """Lives as a child of the subscriber, so it goes when the subscriber goes."""

    def __init__(self, owner: QObject, kinds: frozenset[str] | None,
                 callback: Callable[[Changes], None]) -> None:
        super().__init__(owner)
        self.kinds, self.callback = kinds, callback

    def deliver(self, changes: Changes) -> None:
        if self.kinds is None or changes.touches(self.kinds):
            self.callback(changes)


class ChangeHub(QObject):
    changed = Signal(object)   # Changes

    def __init__(self, workspace: Workspace, runner: JobRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        # The newest ledger entry the areas have been told about; None until first read.
        # Read from worker threads too (an int: no lock needed).
        self.seen_head: int | None = None
        self._subscriptions: list[_Subscription] = []
        self._checking = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(BACKSTOP_MS)
        self._timer.timeout.connect(self.check)
        self._files: QFileSystemWatcher | None = None

    # ------------------------------------------------------------ subscribing
    def subscribe(self, owner: QObject, kinds: Iterable[str] | None,
                  callback: Callable[[Changes], None]) -> None:
        """Call ``callback(changes)`` on the UI thread whenever a record of one of
        ``kinds`` changes (None: any record), for as long as ``owner`` exists. Starts the
        watcher."""
        subscription = _Subscription(owner, None if kinds is None else frozenset(kinds),
                                     callback)
        self._subscriptions.append(subscription)
        subscription.destroyed.connect(lambda *_: self._forget())
        self.start()

    def _forget(self) -> None:
        self._subscriptions = [s for s in self._subscriptions if isValid(s)]

    def publish(self, ledger: LedgerChanges) -> None:
        """Tell the subscribers, once, about entries newer than any told before."""
        if self.seen_head is not None and ledger.head <= self.seen_head:
            return
        first = self.seen_head is None
        self.seen_head = ledger.head
        if first and not ledger.records and not ledger.everything:
            return
        changes = Changes.of(ledger)
        self.changed.emit(changes)
        for subscription in list(self._subscriptions):
            if isValid(subscription):
                subscription.deliver(changes)

    # --------------------------------------------------------------- watching
    def start(self) -> None:
        if self._timer.isActive():
            return
        self._timer.start()
        head_file = self.workspace.head_file
        self._files = QFileSystemWatcher([str(head_file.parent)], self)
        self._files.directoryChanged.connect(lambda _: self.check())
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        if self._files is not None:
            self._files.deleteLater()
            self._files = None

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        """Look for entries other processes wrote; at most one look at a time."""
        if self._checking:
            self._again = True
            return
        if self.runner.closed:
            return
        self._checking = True
        database, since = self.workspace.db, self.seen_head

        def look(_progress, _cancel) -> LedgerChanges:  # noqa: ANN001
            if since is None:
                return LedgerChanges(ledger_head(database), frozenset())
            if ledger_head(database) <= since:
                return LedgerChanges(since, frozenset())
            return changes_since(database, since)

        self.runner.submit(look, on_success=self._looked, on_error=self._look_failed,
                           on_cancelled=lambda: self._look_failed())

    def _looked(self, ledger: LedgerChanges) -> None:
        self._checking = False
        self.publish(ledger)
        if self._again:
            self._again = False
            self.check()

    def _look_failed(self, error: Exception | None = None) -> None:
        # A busy or closing database: the next tick looks again. Logged, not shown: the
        # user did nothing, and a message a second would bury the window.
        if error is not None:
            log.warning("could not read the ledger's head: %s: %s", type(error).__name__, error)
        self._checking = False
        self._again = False
