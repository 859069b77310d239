"""Publishing through HQ: a workstation's disclosure records pushed to the bureau-wide feed
HQ keeps (hq.disclosure_feed), and confirmed there entry by entry.

The records travel in the ledger, signed, like every other record; a push is a ledger push
now rather than at the next background pass, followed by a check: HQ answers the SHA-256 of
each of this workstation's entries as it renders them, and every entry this workstation
shows on its own portal must be there with the same digest. An entry HQ lacks or renders
differently is named in the report, never silently taken as sent. The push and its outcome
are in the ledger ("disclosure.push"), and that entry reaches HQ with the next pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audit.recorder import record
from core.context import Context
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from disclosure.feed import published_now
from disclosure.workflow import expire_due
from sync.engine import take_sync_lock
from sync.ledger_push import push_ledger
from sync.link import client_for, require_link

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace


@dataclass(frozen=True)
class PushReport:
    """What `lawdesk disclosure push --json` prints."""

    server: str
    entries_sent: int
    records: int                    # this workstation's published records
    withdrawals: int                # and withdrawal notices
    confirmed: int                  # entries HQ holds exactly as shown here
    missing: list[str] = field(default_factory=list)    # entry keys HQ does not show
    differing: list[str] = field(default_factory=list)  # shown by HQ, with other content
    refused: list[dict] = field(default_factory=list)   # ledger entries HQ did not apply

    @property
    def ok(self) -> bool:
        return not (self.missing or self.differing)

    def as_json(self) -> dict:
        return {"server": self.server, "entries_sent": self.entries_sent,
                "records": self.records, "withdrawals": self.withdrawals,
                "confirmed": self.confirmed, "missing": self.missing,
                "differing": self.differing, "refused": self.refused, "ok": self.ok}


def push_disclosures(ctx: Context, workspace: "Workspace", *,
                     progress: Progress = no_progress,
                     cancel: CancelToken | None = None) -> PushReport:
    """Push this workstation's disclosure records to HQ now and confirm them there.

    Raises NotEnrolled, SyncBusy (a sync pass holds the link: try again when it ends),
    HqUnreachable or HqRefused (a flagged ledger, say)."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    link = require_link(workspace.db)
    lock = take_sync_lock(workspace)
    try:
        progress(0, 0, "到期下线 / expiring")
        expire_due(ctx)  # so HQ takes expired records off too, and this portal agrees
        with ctx.read() as session:
            mine = published_now(session)
        with client_for(workspace, link) as client:
            pushed = push_ledger(workspace, client, progress=progress, cancel=cancel,
                                 note="发送审计日志 / sending the ledger")
            held = client.get_json("disclosure/held")["entries"]
    finally:
        lock.release()
    wanted = mine.digests()
    missing = sorted(key for key in wanted if key not in held)
    differing = sorted(key for key in wanted if key in held and held[key] != wanted[key])
    report = PushReport(link.server_url, pushed.accepted, len(mine.records),
                        len(mine.withdrawals), len(wanted) - len(missing) - len(differing),
                        missing, differing, pushed.refused)
    with ctx.write("disclosure.push") as session:
        record(session, action="disclosure.push", object_type="disclosure_push",
               object_id=link.server_url[:80], change={
                   "records": report.records, "withdrawals": report.withdrawals,
                   "confirmed": report.confirmed, "missing": missing,
                   "differing": differing})
    return report
