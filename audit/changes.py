"""What changed since a point in the ledger: the records later entries name.

Every change to any record writes a ledger entry in its own transaction, so the ledger is
also the one place that knows what changed, whichever process made the change (the window,
the command line, an offload child, a sync pass). The window reads it to refresh only the
areas that show those records."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from db.database import Database
from db.models import LedgerEntry

# Past this many entries (a large offload or sync by another process) the reader stops
# naming records one by one and says "everything": refreshing every area once is cheaper
# than loading a hundred thousand ids.
MOST_NAMED = 5_000


@dataclass(frozen=True)
class LedgerChanges:
    head: int                                 # the newest entry's sequence number
    records: frozenset[tuple[str, str]]       # (object_type, object_id)
    everything: bool = False                  # too many to name: assume all changed


def ledger_head(database: Database) -> int:
    """The newest entry's sequence number, 0 for an empty ledger (one indexed lookup)."""
    with database.read() as session:
        return session.execute(select(func.max(LedgerEntry.seq))).scalar() or 0


def changes_since(database: Database, seq: int, *, most: int = MOST_NAMED) -> LedgerChanges:
    """The records named by entries after ``seq``."""
    with database.read() as session:
        rows = session.execute(
            select(LedgerEntry.seq, LedgerEntry.object_type, LedgerEntry.object_id)
            .where(LedgerEntry.seq > seq).order_by(LedgerEntry.seq).limit(most + 1)).all()
        if len(rows) > most:
            head = session.execute(select(func.max(LedgerEntry.seq))).scalar() or seq
            return LedgerChanges(head, frozenset(), everything=True)
    head = rows[-1][0] if rows else seq
    return LedgerChanges(head, frozenset((kind, key) for _, kind, key in rows))
