"""Tables of the public lists (事前公示清单); added by migration 0012.

Each list (enforcement items, subjects, window staff, random-inspection items, service
guides) is kept as numbered versions: every change is a whole new version and the old ones
stay, so what the bureau published on any day can be shown again. Rows hold their values as
a JSON object keyed by the list's English column keys (resources/lists/columns.toml says
which columns a kind has); a version holds a few hundred rows at most, and one row a ledger
entry, which keeps each entry small enough for HQ's per-entry limit.

HQ-owned once the workstation is enrolled (sync.protocol.REFERENCE_TABLES). The personnel
list (人员资格清单) has no table: it is generated from officers and certificates, so it is
never typed twice and follows every certificate change.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime

__all__ = ["PublicListVersion", "PublicListRow"]

ID = String(32)


class PublicListVersion(Base):
    """One published version of one list. The version in force on a day is the highest
    ``number`` of its ``kind`` whose ``effective_from`` has come. ``number`` is unique per
    kind by the service, not by the schema: HQ's versions replace a workstation's own when it
    enrolls (sync.reference), as with the discretion benchmarks."""

    __tablename__ = "public_list_version"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    number: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(100))   # who approved it (a person)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(50))     # the user who recorded it
    source: Mapped[str] = mapped_column(String(300))        # file name, or "edit"
    sha256: Mapped[str] = mapped_column(String(64))         # of the rows, canonical JSON
    row_count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class PublicListRow(Base):
    """One row of a version, in published order."""

    __tablename__ = "public_list_row"
    __table_args__ = (UniqueConstraint("version_id", "seq",
                                       name="uq_public_list_row_version_id_seq"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("public_list_version.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    # The row's identity across versions (an item's code, a subject's name): what a diff
    # between versions matches rows by.
    key: Mapped[str] = mapped_column(String(200))
    values: Mapped[str] = mapped_column(Text)               # JSON object, by column key
