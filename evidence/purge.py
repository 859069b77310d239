"""Purging what retention found due, under four eyes (双人审批).

One admin starts a purge run: it lists what is due now and waits (``start_purge``). A
different admin approves it (``approve_purge``): each listed file is assessed again at that
moment (a hold placed, a case reopened or linked, an important mark since: it stays, and
the run says why), and every file still due gets a ``PurgedFile`` row (hash, size, class,
reason, who asked, who approved), in the ledger, in one transaction with the run's outcome.
Only after that commit do the files leave the store (unlinked, the folder fsynced), and a
second transaction notes that they are gone. A crash in between leaves rows whose files are
still there: evidence.verify says so as a note, and the next start or approval finishes
the removal (``finish_removals``). The footage rows stay as they were: the library and the
case still say what was recorded, and ``purged_file`` says it was removed by rule.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from audit.recorder import hold_ledger
from core import failpoints
from core.context import Context
from core.errors import DomainError
from core.files import fsync_dir, remove_file
from core.permissions import Permission, require
from db.models import Footage, PurgedFile, PurgeRun
from evidence.retention import assess, local_day
from evidence.store import FootageStore

PENDING, DONE, CANCELLED = "pending", "done", "cancelled"


class PurgePending(DomainError):
    code = "purge_pending"
    zh = "{by} 于 {at} 发起的清理（{count} 个文件）正在等待另一名管理员批准：请先批准或撤销"
    en = "The purge {by} started at {at} ({count} files) is waiting for another admin's " \
         "approval: approve or cancel it first"


class NothingDue(DomainError):
    code = "nothing_due"
    zh = "目前没有到期可清理的音视频资料"
    en = "Nothing in the footage store is due for removal"


class NoPendingPurge(DomainError):
    code = "no_pending_purge"
    zh = "没有等待批准的清理：请先由一名管理员发起（lawdesk retention purge）"
    en = "No purge is waiting for approval: one admin starts it first (lawdesk retention purge)"


class SameApprover(DomainError):
    code = "same_approver"
    zh = "清理由 {user} 发起，须由另一名管理员批准（双人审批）"
    en = "{user} started this purge; a different admin must approve it (four-eyes)"


@dataclass(frozen=True)
class PurgeRunInfo:
    id: str
    status: str
    created_by: str
    created_at: datetime
    items: tuple[dict[str, Any], ...]
    approved_by: str | None = None
    approved_at: datetime | None = None
    removed: tuple[str, ...] = ()
    skipped: tuple[dict[str, Any], ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "created_by": self.created_by,
                "created_at": self.created_at.isoformat(), "items": list(self.items),
                "approved_by": self.approved_by,
                "approved_at": self.approved_at.isoformat() if self.approved_at else None,
                "removed": list(self.removed), "skipped": list(self.skipped)}


def _info(run: PurgeRun, removed: tuple[str, ...] = ()) -> PurgeRunInfo:
    return PurgeRunInfo(run.id, run.status, run.created_by, run.created_at,
                        tuple(json.loads(run.items)), run.approved_by, run.approved_at,
                        removed, tuple(json.loads(run.skipped or "[]")))


def _pending(session) -> PurgeRun | None:  # noqa: ANN001
    return session.execute(select(PurgeRun).where(PurgeRun.status == PENDING)
                           .order_by(PurgeRun.created_at)).scalars().first()


def pending_purge(ctx: Context) -> PurgeRunInfo | None:
    require(ctx.actor, Permission.MANAGE_RETENTION)
    with ctx.read() as session:
        run = _pending(session)
        return None if run is None else _info(run)


def start_purge(ctx: Context, store: FootageStore) -> PurgeRunInfo:
    """The first admin: list what is due now as a pending run."""
    require(ctx.actor, Permission.MANAGE_RETENTION)
    finish_removals(ctx, store)
    with ctx.write("retention.purge_start") as session:
        hold_ledger(session)  # one pending run at a time, also on PostgreSQL
        waiting = _pending(session)
        if waiting is not None:
            raise PurgePending(by=waiting.created_by, count=len(json.loads(waiting.items)),
                               at=ctx.clock.local(waiting.created_at).strftime("%Y-%m-%d %H:%M"))
        due = [r for r in assess(session, ctx.clock.today(), local_day(ctx)) if r.due]
        if not due:
            raise NothingDue()
        items = [{"sha256": r.sha256, "size": r.size, "class": r.retention_class,
                  "keep_until": r.keep_until.isoformat() if r.keep_until else None,
                  "original_name": r.original_name, "reason": r.reason_zh} for r in due]
        run = PurgeRun(status=PENDING, created_by=ctx.actor.username, created_at=ctx.clock.now(),
                       items=json.dumps(items, ensure_ascii=False), removed=0)
        session.add(run)
        session.flush()
        return _info(run)


def cancel_purge(ctx: Context) -> PurgeRunInfo:
    require(ctx.actor, Permission.MANAGE_RETENTION)
    with ctx.write("retention.purge_cancel") as session:
        hold_ledger(session)
        run = _pending(session)
        if run is None:
            raise NoPendingPurge()
        run.status, run.approved_by, run.approved_at = CANCELLED, ctx.actor.username, ctx.clock.now()
        session.flush()
        return _info(run)


def approve_purge(ctx: Context, store: FootageStore) -> PurgeRunInfo:
    """The second admin: re-assess each listed file, record the removals, remove the files."""
    require(ctx.actor, Permission.MANAGE_RETENTION)
    finish_removals(ctx, store)
    with ctx.write("retention.purge") as session:
        hold_ledger(session)
        run = _pending(session)
        if run is None:
            raise NoPendingPurge()
        if run.created_by == ctx.actor.username:
            raise SameApprover(user=run.created_by)
        now = ctx.clock.now()
        items = json.loads(run.items)
        current = {r.sha256: r for r in assess(session, ctx.clock.today(), local_day(ctx),
                                               [i["sha256"] for i in items])}
        removed, skipped = [], []
        for item in items:
            found = current.get(item["sha256"])
            if found is None or not found.due:
                skipped.append({"sha256": item["sha256"], "reason": found.reason_zh if found
                                else "已不在证据库中或已清理"})
                continue
            session.add(PurgedFile(
                sha256=found.sha256, size=found.size, thumbnail_sha256=found.thumbnail_sha256,
                retention_class=found.retention_class, reason=found.reason_zh, run_id=run.id,
                requested_by=run.created_by, approved_by=ctx.actor.username, purged_at=now))
            removed.append(found.sha256)
        run.status, run.approved_by, run.approved_at = DONE, ctx.actor.username, now
        run.removed, run.skipped = len(removed), json.dumps(skipped, ensure_ascii=False)
        session.flush()
        info = _info(run, tuple(removed))
    failpoints.reached("purge.before_removal")  # tests: recorded, files not yet removed
    finish_removals(ctx, store)
    return info


def finish_removals(ctx: Context, store: FootageStore) -> int:
    """Remove from the store the files purged but not yet gone; returns how many."""
    with ctx.read() as session:
        waiting = session.execute(select(PurgedFile.id, PurgedFile.sha256,
                                         PurgedFile.thumbnail_sha256)
                                  .where(PurgedFile.removed_at.is_(None))).all()
        # A thumbnail another file still uses stays (thumbnails are stored by their hash).
        kept = set(session.execute(select(Footage.thumbnail_sha256).where(
            Footage.thumbnail_sha256.is_not(None),
            Footage.sha256.not_in(select(PurgedFile.sha256)))).scalars())
    if not waiting:
        return 0
    for _, sha256, thumbnail in waiting:
        _remove(store, sha256)
        if thumbnail and thumbnail not in kept:
            _remove(store, thumbnail)
    with ctx.write("retention.removed") as session:
        for row_id, _, _ in waiting:
            session.get(PurgedFile, row_id).removed_at = ctx.clock.now()
    return len(waiting)


def _remove(store: FootageStore, sha256: str) -> None:
    path = store.path_for(sha256)
    remove_file(path)          # read-only files too (Windows)
    fsync_dir(path.parent)     # the removal survives a power cut
