from __future__ import annotations

import argparse
import signal
import threading

from lawdesk.commands.common import (
    cells, language, login, open_workspace, parse_date, print_json, say, warn,
)
from lawdesk.progressbar import TerminalProgress


def _bar(progress: TerminalProgress):  # noqa: ANN202
    """The offload's notes shortened for a terminal line: "3/12 FILE.MP4"."""
    from devices.offload.progress import parse_note

    def show(done: int, total: int, note: str = "") -> None:
        file = parse_note(note)
        progress(done, total, f"{file.index}/{file.count} {file.path.rsplit('/', 1)[-1]}"
                 if file else note)
    return show


# What `lawdesk ingest` imports before its first byte is stored (see lawdesk.warm_start):
# the bulk of it, by -X importtime. A name missing here is only read when imported.
INGEST_IMPORTS = (
    "sqlalchemy", "cryptography", "argon2", "_argon2_cffi_bindings", "_cffi_backend", "bcrypt",
    "typing_extensions",
    "core", "db", "config", "audit", "accounts", "organisation", "casework", "compliance",
    "sync", "devices", "evidence",
    "asyncio", "email", "importlib", "json", "logging", "concurrent", "zoneinfo", "tomllib",
    "sqlite3", "ssl", "_ssl", "socket", "subprocess", "inspect", "dataclasses", "decimal",
    "_decimal", "uuid", "tempfile", "zipfile",
)


def ingest(args: argparse.Namespace) -> int:
    # The disk starts reading the modules to be imported, and the recorder giving its bytes,
    # now: while the rest of LawDesk loads, the data folder opens and the password is
    # checked (seconds the device would otherwise idle).
    from lawdesk.warm_start import prefetch
    prefetch(INGEST_IMPORTS)
    from devices.offload.readahead import ReadAhead
    with ReadAhead(args.source_dir) as readahead:
        return _ingest(args, readahead)


def _ingest(args: argparse.Namespace, readahead) -> int:  # noqa: ANN001
    from core.jobs import CancelToken
    from devices.offload.pipeline import offload
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    cancel = CancelToken()
    # Ctrl-C ends the offload cleanly after the file in hand: the session and its manifest
    # are still written, and offloading again resumes.
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    bar = TerminalProgress(say("导入", "Offloading", workspace), enabled=not args.json)
    try:
        result = offload(ctx, workspace.store, args.source_dir, device_serial=args.device,
                         officer_certificate=args.officer, progress=_bar(bar), cancel=cancel,
                         readahead=readahead)
    finally:
        bar.finish()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    lang = language(workspace)
    if args.json:
        print_json(result.as_json(lang))
    else:
        stored, failed = result.count("stored"), result.failed
        same = result.count("duplicate") + result.count("resumed")
        print(say(f"会话 {result.session_id}：新入库 {stored} 个，已在库 {same} 个，失败 {failed} 个；"
                  f"写入 {result.bytes_copied} 字节，用时 {result.seconds:.1f} 秒",
                  f"Session {result.session_id}: {stored} stored, {same} already in the "
                  f"store, {failed} failed; {result.bytes_copied} bytes in "
                  f"{result.seconds:.1f} s", workspace))
        for outcome in result.files:
            if outcome.failed:
                warn(outcome.error_text(lang))  # names a file from the volume
    if result.cancelled:
        return 130
    return 0 if result.ok else 1


def footage_list(args: argparse.Namespace) -> int:
    from evidence.library import FootageFilter, footage_page
    from organisation.officers import officer_by_certificate
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    officer_id = officer_by_certificate(ctx, args.officer).id if args.officer else None
    flt = FootageFilter(officer_id=officer_id, device_serial=args.device,
                        recorded_from=parse_date(args.date_from, "--from"),
                        recorded_until=parse_date(args.date_until, "--until"),
                        important=True if args.important else None,
                        unreadable=True if args.unreadable else None,
                        session_id=args.session, text=args.search)
    rows = footage_page(ctx, flt, limit=args.limit)
    store = workspace.store
    if args.json:
        print_json([row.as_json(store) for row in rows])
        return 0
    zone = ctx.clock.zone
    for row in rows:
        when = row.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") \
            if row.recorded_at else "-"
        marks = ("!" if row.important else "") + ("?" if not row.readable else "")
        print(cells(row.sha256[:12], when, row.device_serial or "-", row.officer_name or "-",
                    row.size, marks or "-", row.original_name))
    return 0


def footage_show(args: argparse.Namespace) -> int:
    from evidence.library import footage_by_sha256, footage_detail
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    key = args.key.strip().lower()
    footage_id = footage_by_sha256(ctx, key).id if len(key) == 64 else key
    detail = footage_detail(ctx, footage_id)
    store = workspace.store
    if args.json:
        print_json({**detail.row.as_json(store),
                    "sightings": [{"session": s.session_id, "source": s.source_path,
                                   "size": s.source_size, "device_serial": s.device_serial,
                                   "status": s.status, "at": s.at.isoformat(),
                                   "offloaded_by": s.offloaded_by,
                                   "erased_at": s.erased_at.isoformat() if s.erased_at
                                   else None} for s in detail.sightings],
                    "history": [{"seq": h.seq, "at": h.at, "actor": h.actor,
                                 "action": h.action, "object_type": h.object_type,
                                 "change": h.change} for h in detail.history]})
        return 0
    row = detail.row
    print(f"{row.original_name}\nSHA-256 {row.sha256}\nSM3     {row.sm3 or '-'}\n"
          f"{store.path_for(row.sha256)}")
    for entry in detail.history:
        print(f"{entry.seq:>7}  {entry.at}  {entry.actor:<12} {entry.action}")
    return 0


def footage_sessions(args: argparse.Namespace) -> int:
    from evidence.library import list_sessions
    workspace = open_workspace(args)
    rows = list_sessions(login(args, workspace), limit=args.limit)
    if args.json:
        print_json([{"id": r.id, "started_at": r.started_at.isoformat(),
                     "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                     "user": r.username, "device_serial": r.device_serial,
                     "profile": r.profile, "source_root": r.source_root, "status": r.status,
                     "files": r.files_total, "stored": r.files_stored,
                     "duplicate": r.files_duplicate, "failed": r.files_failed,
                     "bytes_copied": r.bytes_copied,
                     "seconds": r.duration_ms / 1000 if r.duration_ms is not None else None,
                     "manifest_sha256": r.manifest_sha256,
                     "manifest_json_sha256": r.manifest_json_sha256} for r in rows])
        return 0
    for r in rows:
        print(cells(r.id, f"{r.started_at:%Y-%m-%d %H:%M}", r.username, r.device_serial or "-",
                    r.status, r.files_total, r.files_failed))
    return 0
