"""The numbered versions of each public list, inside a caller's session.

Every change is a whole new version; the old ones stay, so what the bureau published on
any day can be shown again. The version in force on a day is the highest ``number`` of its
kind whose ``effective_from`` has come (a version recorded today to take effect next month
leaves today's in force until then). Rows are stored as JSON objects by column key, one
ledger entry each (db.models.public_lists).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from core.canonical import canonical_json
from db.models import PublicListRow, PublicListVersion
from db.models.base import new_id
from public_lists.errors import ListVersionNotFound
from public_lists.kinds import check_kind, columns, row_key, title

Row = dict[str, str]


def _newest_first(query):  # noqa: ANN001, ANN202
    return query.order_by(PublicListVersion.number.desc(), PublicListVersion.created_at.desc())


def versions(session: Session, kind: str) -> list[PublicListVersion]:
    """Every version of the list, newest first."""
    check_kind(kind)
    return list(session.execute(_newest_first(select(PublicListVersion).where(
        PublicListVersion.kind == kind))).scalars())


def version_in_force(session: Session, kind: str, on: date) -> PublicListVersion | None:
    check_kind(kind)
    return session.execute(_newest_first(select(PublicListVersion).where(
        PublicListVersion.kind == kind, PublicListVersion.effective_from <= on)).limit(1)
    ).scalars().first()


def find_version(session: Session, kind: str, number: int) -> PublicListVersion:
    found = session.execute(_newest_first(select(PublicListVersion).where(
        PublicListVersion.kind == check_kind(kind), PublicListVersion.number == number))
        .limit(1)).scalars().first()
    if found is None:
        zh, en = title(kind)
        raise ListVersionNotFound(title_zh=zh, title_en=en, number=number, kind=kind)
    return found


def rows_of(session: Session, version: PublicListVersion) -> list[Row]:
    """The version's rows in published order, every column of the list present."""
    keys = [c.key for c in columns(version.kind)]
    stored = session.execute(select(PublicListRow.values).where(
        PublicListRow.version_id == version.id).order_by(PublicListRow.seq)).scalars()
    result = []
    for text in stored:
        values = json.loads(text)
        result.append({key: str(values.get(key) or "") for key in keys})
    return result


def current(session: Session, kind: str, on: date) -> tuple[PublicListVersion | None, list[Row]]:
    """The version in force on ``on`` and its rows; (None, []) when none is."""
    version = version_in_force(session, kind, on)
    return version, (rows_of(session, version) if version is not None else [])


def rows_digest(rows: list[Row]) -> str:
    return hashlib.sha256(canonical_json(rows).encode("utf-8")).hexdigest()


def store_version(session: Session, kind: str, rows: list[Row], *, effective_from: date,
                  approved_by: str, actor: str, now: datetime, source: str,
                  note: str | None = None) -> PublicListVersion:
    """Add ``rows`` as the list's next version. The caller holds the write transaction, so
    the version and all its rows commit together or not at all."""
    hold_ledger(session)  # PostgreSQL: two imports at once must not take one number
    number = (session.execute(select(func.max(PublicListVersion.number)).where(
        PublicListVersion.kind == kind)).scalar() or 0) + 1
    version = PublicListVersion(id=new_id(), kind=kind, number=number,
                                effective_from=effective_from, approved_by=approved_by,
                                created_at=now, created_by=actor, source=source[:300],
                                sha256=rows_digest(rows), row_count=len(rows), note=note)
    session.add(version)
    session.flush()
    session.add_all(PublicListRow(id=new_id(), version_id=version.id, seq=seq,
                                  key=row_key(kind, row)[:200],
                                  values=json.dumps(row, ensure_ascii=False))
                    for seq, row in enumerate(rows, start=1))
    session.flush()
    return version


# ----------------------------------------------------------------------------- diff
@dataclass(frozen=True)
class RowChange:
    key: str
    before: Row
    after: Row
    columns: tuple[str, ...]         # the keys of the columns that differ

    def as_json(self) -> dict:
        return {"key": self.key, "columns": list(self.columns),
                "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ListDiff:
    added: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_json(self) -> dict:
        return {"added": self.added, "removed": self.removed,
                "changed": [c.as_json() for c in self.changed]}


def diff(old: list[Row], new: list[Row], kind: str) -> ListDiff:
    """What changed from ``old`` to ``new``: rows matched by their identity columns (an
    item's code, a subject's name), added and removed rows in their list's order, changed
    ones with the columns that differ."""
    keys = [c.key for c in columns(kind)]
    before = {row_key(kind, row): row for row in old}
    after = {row_key(kind, row): row for row in new}
    changed = []
    for key, row in after.items():
        if key in before:
            differing = tuple(k for k in keys if before[key].get(k, "") != row.get(k, ""))
            if differing:
                changed.append(RowChange(key, before[key], row, differing))
    return ListDiff(added=[row for key, row in after.items() if key not in before],
                    removed=[row for key, row in before.items() if key not in after],
                    changed=changed)
