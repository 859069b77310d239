from __future__ import annotations

import argparse

from lawdesk.commands.common import (language, login, open_workspace, parse_date, print_json,
                                     say, warn)
from lawdesk.progressbar import TerminalProgress


def verify(args: argparse.Namespace) -> int:
    from audit.verify import verify_ledger
    workspace = open_workspace(args)
    progress = TerminalProgress(say("核验审计日志", "Checking the ledger", workspace),
                                enabled=not args.json)
    report = verify_ledger(workspace.db, head_file=workspace.head_file, progress=progress)
    progress.finish()
    store = _verify_store(args, workspace)
    documents = _verify_documents(workspace)
    lang = language(workspace)
    intact = report.intact and store.intact and documents.intact
    if args.json:
        print_json({"intact": report.intact, "entries": report.entries,
                    "checkpoints": report.checkpoints, "first_bad_entry": report.first_bad_seq,
                    "problems": [{"seq": p.seq, "message": p.message(lang)}
                                 for p in report.problems],
                    "store": {"intact": store.intact, "files": store.files,
                              "bytes": store.bytes,
                              "problems": [{"kind": p.kind, "path": str(p.path),
                                            "message": p.message(lang)}
                                           for p in store.problems],
                              "notes": [{"kind": n.kind, "path": str(n.path),
                                         "message": n.message(lang)} for n in store.notes]},
                    "documents": {"intact": documents.intact, "files": documents.files,
                                  "problems": [{"kind": p.kind, "number": p.number,
                                                "path": str(p.path),
                                                "message": p.message(lang)}
                                               for p in documents.problems]}})
    elif intact:
        print(say(f"审计日志完好：{report.entries} 条记录，{report.checkpoints} 个签名检查点",
                  f"The ledger is intact: {report.entries} entries, "
                  f"{report.checkpoints} signed checkpoints", workspace))
        print(say(f"证据库完好：{store.files} 个文件，{store.bytes} 字节，哈希全部相符",
                  f"The footage store is intact: {store.files} files, {store.bytes} "
                  "bytes, every hash matches", workspace))
        print(say(f"文书存档完好：{documents.files} 份已制发文书，哈希全部相符",
                  f"The document archive is intact: {documents.files} issued documents, "
                  "every hash matches", workspace))
    else:  # a failure says only what is wrong, on standard error
        for problem in [*report.problems, *store.problems, *documents.problems]:
            warn(problem.message(lang))
    if not args.json:
        for note in store.notes:  # explained, not wrong: said either way
            warn(say("注意：", "note: ", workspace) + note.message(lang))
    return 0 if intact else 1


def _verify_store(args: argparse.Namespace, workspace):  # noqa: ANN001, ANN202
    """Re-hash every file of the footage store against the records (evidence.verify)."""
    from evidence.verify import verify_store
    progress = TerminalProgress(say("核验证据库", "Checking the footage store", workspace),
                                enabled=not args.json)
    report = verify_store(workspace.db, workspace.store, progress=progress)
    progress.finish()
    return report


def _verify_documents(workspace):  # noqa: ANN001, ANN202
    """Re-hash every issued document kept in documents/ against its record."""
    from casework.documents import DocumentArchive, verify_documents
    return verify_documents(workspace.db, DocumentArchive(workspace.documents_dir))


def log(args: argparse.Namespace) -> int:
    from audit.search import AuditFilter, entry_page
    workspace = open_workspace(args)
    flt = AuditFilter(text=args.search or "", action=args.action, actor=args.by,
                      object_type=args.object_type,
                      since=parse_date(args.since, "--since", workspace),
                      until=parse_date(args.until, "--until", workspace))
    entries = entry_page(login(args, workspace), flt, limit=args.limit,
                         language=language(workspace))
    if args.json:
        print_json([e.as_json() for e in entries])   # each with the person's actor_name
        return 0
    for entry in entries:
        print(f"{entry.seq:>7}  {entry.at}  {entry.actor_name:<12} {entry.action:<24} "
              f"{entry.object_type}/{entry.object_id}")
    return 0
