"""Legal holds (保全): a case or one stored file kept out of every purge, whatever the
retention rules say, from the moment it is placed until it is released. Placing and
releasing each name a reason and are in the ledger."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from casework.cases import load_case
from casework.evidence_links import clean_sha256
from core.context import Context
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import Case, Footage, LegalHold


@dataclass(frozen=True)
class HoldInfo:
    id: str
    case: str | None      # the case number
    sha256: str | None
    reason: str
    placed_by: str
    placed_at: datetime
    released_by: str | None = None
    released_at: datetime | None = None
    release_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "case": self.case, "sha256": self.sha256, "reason": self.reason,
                "placed_by": self.placed_by, "placed_at": self.placed_at.isoformat(),
                "released_by": self.released_by,
                "released_at": self.released_at.isoformat() if self.released_at else None,
                "release_reason": self.release_reason}


def _info(hold: LegalHold, number: str | None) -> HoldInfo:
    return HoldInfo(hold.id, number, hold.sha256, hold.reason, hold.placed_by, hold.placed_at,
                    hold.released_by, hold.released_at, hold.release_reason)


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise InvalidInput("须填写理由（--reason）", "a reason is required (--reason)")
    if len(reason) > 2000:
        raise InvalidInput("理由不超过 2000 字", "the reason is longer than 2000 characters")
    return reason


def _target(case: str | None, sha256: str | None) -> None:
    if (case is None) == (sha256 is None):
        raise InvalidInput("须指定一个案件（--case）或一个文件（--sha256），二者选一",
                           "name either a case (--case) or a file (--sha256), not both")


def _active(session, case_id: str | None, sha256: str | None):  # noqa: ANN001, ANN202
    query = select(LegalHold).where(LegalHold.released_at.is_(None))
    query = query.where(LegalHold.case_id == case_id) if case_id else \
        query.where(LegalHold.sha256 == sha256)
    return session.execute(query.order_by(LegalHold.placed_at)).scalars().all()


def add_hold(ctx: Context, *, case: str | None = None, sha256: str | None = None,
             reason: str) -> HoldInfo:
    require(ctx.actor, Permission.PLACE_LEGAL_HOLDS)
    _target(case, sha256)
    text = _reason(reason)
    with ctx.write("hold.add") as session:
        case_row = load_case(session, case) if case is not None else None
        digest = None
        if sha256 is not None:
            digest = clean_sha256(sha256)
            if session.execute(select(Footage.id).where(Footage.sha256 == digest)).first() is None:
                raise NotFound("音视频文件", "stored file", digest)
        if _active(session, case_row.id if case_row else None, digest):
            raise AlreadyExists("保全", "A legal hold", case_row.number if case_row else digest)
        hold = LegalHold(case_id=case_row.id if case_row else None, sha256=digest, reason=text,
                         placed_by=ctx.actor.username, placed_at=ctx.clock.now())
        session.add(hold)
        session.flush()
        return _info(hold, case_row.number if case_row else None)


def remove_hold(ctx: Context, *, case: str | None = None, sha256: str | None = None,
                reason: str) -> list[HoldInfo]:
    """Release the holds on the case or the file; the rules apply to it again."""
    require(ctx.actor, Permission.PLACE_LEGAL_HOLDS)
    _target(case, sha256)
    text = _reason(reason)
    with ctx.write("hold.remove") as session:
        case_row = load_case(session, case) if case is not None else None
        digest = clean_sha256(sha256) if sha256 is not None else None
        holds = _active(session, case_row.id if case_row else None, digest)
        if not holds:
            raise NotFound("生效中的保全", "legal hold in force",
                           case_row.number if case_row else digest)
        now = ctx.clock.now()
        for hold in holds:
            hold.released_by, hold.released_at, hold.release_reason = (
                ctx.actor.username, now, text)
        session.flush()
        return [_info(h, case_row.number if case_row else None) for h in holds]


def list_holds(ctx: Context, *, include_released: bool = False) -> list[HoldInfo]:
    require(ctx.actor, Permission.VIEW_FOOTAGE)
    with ctx.read() as session:
        query = select(LegalHold, Case.number).outerjoin(Case, Case.id == LegalHold.case_id)
        if not include_released:
            query = query.where(LegalHold.released_at.is_(None))
        return [_info(h, n) for h, n in session.execute(query.order_by(LegalHold.placed_at))]
