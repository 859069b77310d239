"""Counting an upload's received bytes (HqUpload.offset) once a chunk, without waiting for
the disk to confirm the commit."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import text, update

from db.database import Database
from db.models import HqUpload


class OffsetWriter:
    """Writes HqUpload.offset, once a chunk, without waiting for the disk to confirm.

    The part file's bytes are fsynced before; the offset's own commit need not be: a power
    cut that loses the last of these commits leaves an older offset, and the upload resumes
    from there (the part file is cut back to it), which is safe. A killed process loses
    nothing either way. On SQLite: an engine of its own with synchronous=NORMAL (the
    database's other writes keep FULL; Database.unsynced_writes); on PostgreSQL:
    synchronous_commit off for this transaction only. HqUpload is not audited, so no ledger
    entry is involved."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self.engine = database.unsynced_writes()

    def set(self, upload_id: str, offset: int, expires_at: datetime) -> bool:
        statement = (update(HqUpload).where(HqUpload.id == upload_id)
                     .values(offset=offset, expires_at=expires_at))
        if self.engine is not None:
            with self.db.write_gate(), self.engine.begin() as connection:
                return connection.execute(statement).rowcount == 1
        with self.db.write(actor="hq", action="hq.upload") as session:
            if self.db.is_postgresql:
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            return session.execute(statement).rowcount == 1
