"""One sync pass: ledger up, reference data down, footage up, and the ledger once more.

The pass is long work in the core.jobs shape (progress callback, cancel token): the CLI
runs it with a progress bar (`lawdesk sync run`), the desktop on its background sync lane.
It never holds the database for longer than a short transaction, so offline work goes on
while it runs. Only one pass runs per data folder at a time: a second one is refused at
once with SyncBusy (an OS lock on ``sync.lock``, released by the kernel if the process
dies) rather than queued, because the first one will send everything anyway.

A pass that cannot reach HQ ends there, with the error in its summary, and loses nothing:
every step resumes from what HQ confirmed. A step HQ refuses (a flagged ledger, say) is
noted and the other steps still run. Reference data and footage receipts write ledger
entries of their own, so the ledger is pushed again at the end and HQ holds them when the
pass reports success. The summary's ``ok`` is False whenever anything failed."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from core.context import Context
from core.errors import DomainError
from core.jobs import Cancelled, CancelToken, Progress, no_progress
from core.permissions import Permission, require
from db.models import SyncProgress
from db.models.sync import SINGLE_ROW
from evidence.locks import FileLock, try_lock
from sync.client import HqClient, HqRefused
from sync.countersignatures import fetch_countersignatures
from sync.ledger_push import PushOutcome, push_ledger
from sync.link import client_for, require_link
from sync.reference import pull_reference
from sync.upload import upload_pending

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

LOCK_NAME = "sync.lock"


class SyncBusy(DomainError):
    code = "sync_busy"
    zh = "同步已在进行中（{path}），请等它结束"
    en = "A sync pass is already running ({path}); wait for it to finish"


@dataclass
class PassSummary:
    """What one pass did; ``as_json()`` is what `lawdesk sync run --json` prints."""

    server: str
    entries_sent: int = 0
    entries_already_held: int = 0
    entries_received: int = 0
    files_sent: int = 0
    files_already_held: int = 0
    files_confirmed: int = 0
    bytes_sent: int = 0
    upload_seconds: float = 0.0
    # HQ's countersignatures of our checkpoints kept this pass (sync.countersignatures).
    countersignatures: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {"server": self.server, "entries_sent": self.entries_sent,
                "entries_already_held": self.entries_already_held,
                "entries_received": self.entries_received, "files_sent": self.files_sent,
                "files_already_held": self.files_already_held,
                "files_confirmed": self.files_confirmed, "bytes_sent": self.bytes_sent,
                "upload_seconds": round(self.upload_seconds, 3),
                "countersignatures": self.countersignatures,
                "refused": self.refused, "errors": self.errors, "warnings": self.warnings,
                "seconds": round(self.seconds, 3), "ok": self.ok}


class _Notes:
    """Progress notes in the user's language (the desktop shows them as they come)."""

    TEXTS = {"ledger": ("发送审计日志", "Sending the ledger"),
             "reference": ("接收基础数据", "Receiving reference data"),
             "footage": ("上传音视频", "Uploading footage"),
             "ledger-final": ("发送本次同步产生的日志", "Sending this pass's own entries")}

    def __init__(self, language: str) -> None:
        self.english = language.startswith("en")

    def __call__(self, key: str) -> str:
        zh, en = self.TEXTS[key]
        return en if self.english else zh


def _refused(items: list[dict[str, Any]], english: bool) -> list[dict[str, Any]]:
    return [{"seq": item["seq"],
             "reason": item.get("reason_en", item["reason"]) if english else item["reason"]}
            for item in items]


def _add_push(summary: PassSummary, pushed: PushOutcome, english: bool) -> None:
    summary.entries_sent += pushed.accepted
    summary.entries_already_held += pushed.skipped
    summary.refused += _refused(pushed.refused, english)


def _refusal_noted(summary: PassSummary, language: str, step: Callable[[], None]) -> bool:
    """Run one step; a refusal by HQ is noted and the pass goes on with the next step (a
    flagged ledger must not keep officers' certificates or footage from moving). Losing the
    connection ends the pass: every later step would fail the same way."""
    try:
        step()
    except HqRefused as refused:
        summary.errors.append(refused.message(language))
        return False
    return True


def _steps(workspace: "Workspace", client: HqClient, summary: PassSummary, notes: _Notes,
           progress: Progress, cancel: CancelToken | None, language: str) -> None:
    english = notes.english

    def push(note: str) -> None:
        _add_push(summary, push_ledger(workspace, client, progress=progress, cancel=cancel,
                                       note=notes(note)), english)

    def reference() -> None:
        progress(0, 0, notes("reference"))
        outcome = pull_reference(workspace, client)
        summary.entries_received = outcome.changed
        summary.errors += [en if english else zh for zh, en in outcome.errors]
        summary.warnings += [en if english else zh for zh, en in outcome.warnings]

    def footage() -> None:
        uploaded = upload_pending(workspace, client, progress=progress, cancel=cancel)
        summary.files_sent = uploaded.sent
        summary.files_already_held = uploaded.already_held
        summary.files_confirmed = uploaded.confirmed
        summary.bytes_sent = uploaded.bytes_sent
        summary.upload_seconds = uploaded.upload_seconds
        summary.errors += list(uploaded.errors)

    def countersigned() -> None:
        summary.countersignatures = fetch_countersignatures(workspace, client).kept

    ledger_accepted = _refusal_noted(summary, language, lambda: push("ledger"))
    for step in (reference, footage):
        if cancel:
            cancel.raise_if_cancelled()
        _refusal_noted(summary, language, step)
    if ledger_accepted:  # else it would only be refused again
        _refusal_noted(summary, language, lambda: push("ledger-final"))
        _refusal_noted(summary, language, countersigned)


def take_sync_lock(workspace: "Workspace") -> FileLock:
    """The data folder's sync lock (release it when done), or SyncBusy at once while a
    pass, or anything else talking to HQ for this folder, holds it."""
    lock = try_lock(workspace.data_dir / LOCK_NAME)
    if lock is None:
        raise SyncBusy(path=workspace.data_dir / LOCK_NAME)
    return lock


def run_pass(workspace: "Workspace", *, progress: Progress = no_progress,
             cancel: CancelToken | None = None, ctx: Context | None = None,
             language: str | None = None) -> PassSummary:
    """One full pass (see the module docstring). ``ctx``, when given, must hold RUN_SYNC
    (the CLI passes its user; the desktop's background sync runs for the workstation).

    Raises NotEnrolled, SyncBusy or Cancelled; every other failure ends up in the summary's
    ``errors`` (and ``ok`` is False)."""
    if ctx is not None:
        require(ctx.actor, Permission.RUN_SYNC)
    link = require_link(workspace.db)
    lock = take_sync_lock(workspace)
    language = language or workspace.language
    notes = _Notes(language)
    summary = PassSummary(server=link.server_url)
    started = time.monotonic()
    _record_start(workspace)
    try:
        with client_for(workspace, link) as client:
            _steps(workspace, client, summary, notes, progress, cancel, language)
    except Cancelled:
        summary.errors.append("已取消" if not notes.english else "cancelled")
        raise
    except DomainError as error:
        summary.errors.append(error.message(language))
    except Exception as error:  # a fault of ours: recorded for the status view, then raised
        summary.errors.append(f"{type(error).__name__}: {error}")
        raise
    finally:
        summary.errors = list(dict.fromkeys(summary.errors))  # a lost link, said once
        summary.seconds = time.monotonic() - started
        try:
            _record_end(workspace, summary)
        finally:
            lock.release()
    return summary


def _progress_row(session) -> SyncProgress:  # noqa: ANN001
    row = session.get(SyncProgress, SINGLE_ROW)
    if row is None:
        row = SyncProgress(id=SINGLE_ROW, ledger_sent_seq=0)
        session.add(row)
    return row


def _record_start(workspace: "Workspace") -> None:
    with workspace.db.write(actor="sync", action="sync.progress") as session:
        _progress_row(session).last_attempt_at = workspace.clock.now()


def _record_end(workspace: "Workspace", summary: PassSummary) -> None:
    with workspace.db.write(actor="sync", action="sync.progress") as session:
        row = _progress_row(session)
        row.last_summary = json.dumps(summary.as_json(), ensure_ascii=False)
        row.last_error = "；".join(summary.errors) or None
        if summary.ok:
            row.last_success_at = workspace.clock.now()


def last_summary(workspace: "Workspace") -> dict[str, Any] | None:
    with workspace.db.read() as session:
        row = session.get(SyncProgress, SINGLE_ROW)
        return json.loads(row.last_summary) if row and row.last_summary else None
