"""Where sync stands, for the desktop's sync area and `lawdesk sync status --json`: the
link, the last pass, and what waits to go up. Reads only; never talks to HQ."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.permissions import Permission, require
from core.clock import iso_utc
from core.context import Context
from db.models.sync import SINGLE_ROW
from db.database import Database
from db.models import SyncProgress
from sync.clock import clock_is_off
from sync.ledger_push import ledger_head
from sync.link import get_link
from sync.upload import PendingObject, pending_objects

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace


@dataclass(frozen=True)
class Pending:
    entries: int = 0
    files: int = 0
    bytes: int = 0


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    workstation_id: str
    server: str | None = None
    server_id: str | None = None
    unit_id: str | None = None
    enrolled_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_summary: dict[str, Any] | None = None
    pending: Pending = field(default_factory=Pending)
    # Seconds HQ's clock is ahead of this one's (negative: behind), at the last token.
    clock_offset_s: float | None = None
    clock_checked_at: datetime | None = None

    @property
    def clock_warning(self) -> bool:
        """The clock is more than CLOCK_WARNING_S off HQ's."""
        return clock_is_off(self.clock_offset_s)

    def as_json(self) -> dict[str, Any]:
        def when(value: datetime | None) -> str | None:
            return iso_utc(value) if value else None
        return {"enrolled": self.enrolled, "server": self.server, "server_id": self.server_id,
                "unit_id": self.unit_id, "workstation_id": self.workstation_id,
                "enrolled_at": when(self.enrolled_at),
                "last_attempt_at": when(self.last_attempt_at),
                "last_success_at": when(self.last_success_at),
                "last_error": self.last_error, "last_summary": self.last_summary,
                "pending": {"entries": self.pending.entries, "files": self.pending.files,
                            "bytes": self.pending.bytes},
                "clock": {"offset_s": self.clock_offset_s,
                          "checked_at": when(self.clock_checked_at),
                          "warning": self.clock_warning}}


def sync_status(workspace: "Workspace", ctx: Context | None = None, *,
                objects: list[PendingObject] | None = None) -> SyncStatus:
    """``ctx``, when given, must hold RUN_SYNC (the CLI passes its user). ``objects``: the
    files waiting to go up (sync.upload.pending_objects), when the caller has read them
    already; each is stat'ed, so a caller that lists them too reads them once."""
    if ctx is not None:
        require(ctx.actor, Permission.RUN_SYNC)
    link = get_link(workspace.db)
    with workspace.db.read() as session:
        row = session.get(SyncProgress, SINGLE_ROW)
        sent = row.ledger_sent_seq if row else 0
        summary = json.loads(row.last_summary) if row and row.last_summary else None
        progress = (row.last_attempt_at, row.last_success_at, row.last_error) if row else (
            None, None, None)
        clock = (row.clock_offset_s, row.clock_checked_at) if row else (None, None)
    # What waits to go up is counted from the data itself, enrolled or not: work done
    # offline is all in the ledger and the store, and the first pass sends it.
    if objects is None:
        objects = pending_objects(workspace)
    pending = Pending(max(0, ledger_head(workspace) - sent), len(objects),
                      sum(int(o.size) for o in objects))
    if link is None:
        return SyncStatus(enrolled=False, workstation_id=workspace.workstation_id,
                          pending=pending)
    return SyncStatus(
        enrolled=True, workstation_id=workspace.workstation_id, server=link.server_url,
        server_id=link.server_id, unit_id=link.unit_id, enrolled_at=link.enrolled_at,
        last_attempt_at=progress[0], last_success_at=progress[1], last_error=progress[2],
        last_summary=summary,
        pending=pending,
        clock_offset_s=clock[0], clock_checked_at=clock[1])


@dataclass(frozen=True)
class LastPass:
    ok: bool
    at: datetime      # when it succeeded, or when it was last tried and failed


def pass_succeeded(last_attempt_at: datetime | None, last_success_at: datetime | None,
                   last_error: str | None) -> bool:
    """The newest pass succeeded when it left no error and its success is not older than
    its attempt (a pass that died before recording its outcome leaves the attempt newer)."""
    return (not last_error and last_success_at is not None and last_attempt_at is not None
            and last_success_at >= last_attempt_at)


def last_pass(database: Database) -> LastPass | None:
    """The newest pass, whoever ran it (the window, `lawdesk sync run`, an earlier
    session): the one row sync keeps its progress in. None before the first."""
    with database.read() as session:
        row = session.get(SyncProgress, SINGLE_ROW)
        if row is None or row.last_attempt_at is None:
            return None
        ok = pass_succeeded(row.last_attempt_at, row.last_success_at, row.last_error)
        return LastPass(ok, row.last_success_at if ok else row.last_attempt_at)


def enrolled(database: Database) -> bool:
    return get_link(database) is not None
