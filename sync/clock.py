"""How far this workstation's clock is from HQ's.

Every token answer carries HQ's time (sync.protocol, "Tokens"); the client measures the
offset against the middle of the round trip and it is kept in SyncProgress, so the Sync
area and `lawdesk sync status` can warn about a wrong clock before it matters: HQ refuses
token requests more than TOKEN_CLOCK_SKEW_S off, and every time a workstation records
(custody, footage, cases) is only as good as its clock."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from db.models import SyncProgress
from db.models.sync import SINGLE_ROW

if TYPE_CHECKING:
    from db.database import Database

# Above this many seconds either way the Sync area and `lawdesk sync status` warn.
CLOCK_WARNING_S = 60.0


def clock_recorder(db: "Database") -> Callable[[float, datetime], None]:
    """For sync.client.Credentials.on_clock: keep each measured offset (one short write;
    SyncProgress is bookkeeping, not audited)."""
    def keep(offset: float, at: datetime) -> None:
        with db.write(actor="sync", action="sync.progress") as session:
            row = session.get(SyncProgress, SINGLE_ROW)
            if row is None:
                row = SyncProgress(id=SINGLE_ROW, ledger_sent_seq=0)
                session.add(row)
            row.clock_offset_s, row.clock_checked_at = offset, at
    return keep


def clock_is_off(offset: float | None) -> bool:
    return offset is not None and abs(offset) > CLOCK_WARNING_S
