"""The manifest: what the package holds, file by file, as one canonical JSON document that
the workstation signs (manifest.sig: Ed25519 over its bytes, hex).

Its shape is written down for outsiders in docs/evidence-package.md; the verifier
(dossier.verify_package) is its reader. Times are in the bureau's zone with their offset
("2026-06-03T09:30:00+08:00"): a reader sees the time the officers saw.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from casework.procedures import procedure
from core.canonical import canonical_bytes
from core.clock import Clock
from dossier.package.contents import (DocumentItem, FootageItem, Holder, PackageContents,
                                      RecorderHistory)
from dossier.package.ledger_slice import LedgerSlice
from dossier.verify_package import KIND, MANIFEST, SIGNATURE, fingerprint

VERSION = 1
SHEET, README, VERIFIER = "manifest.pdf", "README.txt", "verify_package.py"
HISTORY = "history/recorders.json"
LEDGER_ENTRIES, LEDGER_CHECKPOINTS = "ledger/entries.jsonl", "ledger/checkpoints.jsonl"
FIXED = (MANIFEST, SIGNATURE)
# Characters no Windows, macOS or Linux file name may hold, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
NAME_LIMIT = 120  # characters of a file name inside the package, extension included


def safe_name(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` as a file name every system accepts: unsafe characters become "_", no
    trailing dot or space, no reserved device name, at most ``limit`` characters."""
    name = _UNSAFE.sub("_", text).strip().rstrip(". ") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    ext = f".{ext}" if ext else ""
    return stem[:max(limit - len(ext), 1)] + ext


def _unique(path: str, taken: set[str], sha256: str) -> str:
    if path not in taken:
        taken.add(path)
        return path
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext:
        candidate = f"{stem}_{sha256[:12]}.{ext}"
    else:
        candidate = f"{path}_{sha256[:12]}"
    taken.add(candidate)
    return candidate


def footage_paths(items: tuple[FootageItem, ...], clock: Clock) -> dict[str, str]:
    """sha256 -> "footage/<recorded, Beijing time>_<original name>"."""
    taken: set[str] = set()
    paths = {}
    for item in items:
        when = (clock.local(item.recorded_at).strftime("%Y%m%d-%H%M%S")
                if item.recorded_at else "undated")
        paths[item.sha256] = _unique(f"footage/{when}_{safe_name(item.original_name)}",
                                     taken, item.sha256)
    return paths


def document_paths(items: tuple[DocumentItem, ...]) -> dict[str, str]:
    """sha256 -> "documents/<nn>_<number>_<title>.pdf", in the case file's order."""
    taken: set[str] = set()
    paths = {}
    for index, item in enumerate(items, 1):
        name = safe_name(f"{index:02d}_{item.number}_{item.title}.pdf")
        paths.setdefault(item.sha256, _unique(f"documents/{name}", taken, item.sha256))
    return paths


@dataclass(frozen=True)
class Maker:
    """Who makes the package, where, when."""

    username: str
    name: str | None
    bureau: str
    workstation_id: str
    public_key: str
    at: datetime
    package_id: str
    generator: str


def _time(clock: Clock, instant: datetime | None) -> str | None:
    return clock.local(instant).isoformat(timespec="seconds") if instant else None


def _holder(clock: Clock, holder: Holder | None) -> dict | None:
    if holder is None:
        return None
    return {"officer": holder.officer, "certificate": holder.certificate,
            "custody_id": holder.custody_id,
            "checked_out_at": _time(clock, holder.checked_out_at),
            "checked_in_at": _time(clock, holder.checked_in_at)}


def footage_entry(item: FootageItem, contents: PackageContents, clock: Clock,
                  recorders: dict[str, RecorderHistory]) -> dict[str, Any]:
    """What the manifest says of a footage file (without its path: listed or left out)."""
    steps = procedure(contents.case.procedure)
    recorder = recorders.get(item.device_serial or "")
    return {
        "role": "footage", "sha256": item.sha256, "sm3": item.sm3, "size": item.size,
        "kind": item.kind, "original_name": item.original_name,
        "device_serial": item.device_serial,
        "recorder": None if item.device_serial is None else {
            "serial": item.device_serial, "registered": bool(recorder and recorder.registered),
            "type": recorder.type_name if recorder else None,
            "model": recorder.model if recorder else None},
        "officer": {"name": item.officer_name, "certificate": item.officer_number}
        if (item.officer_name or item.officer_number) else None,
        "recorded_at": _time(clock, item.recorded_at),
        "offloaded_at": _time(clock, item.offloaded_at),
        "offload_session": item.session_id,
        "recorder_clock": item.clock.as_json() if item.clock else None,
        "custody_holder": _holder(clock, item.holder),
        "steps": [{"code": code, "name": _step_name(steps, code)} for code in item.steps],
        "held_at_hq": _time(clock, item.held_at_hq),
    }


def _step_name(steps, code: str) -> str:  # noqa: ANN001
    return next((s.name_zh for s in steps.steps if s.code == code), code)


def document_entry(item: DocumentItem, clock: Clock) -> dict[str, Any]:
    return {"role": "document", "sha256": item.sha256, "size": item.size,
            "number": item.number, "title": item.title, "kind": item.kind,
            "pages": item.pages, "issued_at": _time(clock, item.issued_at),
            "issued_by": item.issued_by}


def history_json(recorders: tuple[RecorderHistory, ...], clock: Clock) -> bytes:
    """The custody and offload history of every recorder involved, over the period of
    the package's recordings (history/recorders.json)."""
    def t(instant: datetime | None) -> str | None:
        return _time(clock, instant)
    return canonical_bytes([{
        "serial": r.serial, "registered": r.registered, "type": r.type_name, "model": r.model,
        "vendor": r.vendor, "unit": r.unit,
        "period": {"from": t(r.period[0]), "to": t(r.period[1])},
        "custody": [{"id": c.id, "officer": c.officer, "certificate": c.certificate,
                     "checked_out_at": t(c.checked_out_at), "due_at": t(c.due_at),
                     "checked_out_by": c.checked_out_by, "checked_in_at": t(c.checked_in_at),
                     "checked_in_by": c.checked_in_by, "condition": c.condition}
                    for c in r.custodies],
        "events": [{"id": e.id, "seq": e.seq, "at": t(e.at), "kind": e.kind,
                    "status": e.status, "actor": e.actor, "notes": e.notes} for e in r.events],
        "offloads": [{"id": o.id, "started_at": t(o.started_at),
                      "finished_at": t(o.finished_at), "by": o.username, "status": o.status,
                      "files_total": o.files_total, "files_stored": o.files_stored,
                      "files_duplicate": o.files_duplicate, "files_failed": o.files_failed,
                      "manifest_sha256": o.manifest_sha256} for o in r.offloads],
    } for r in recorders])


def build_manifest(maker: Maker, contents: PackageContents, clock: Clock,
                   listed: list[dict[str, Any]], excluded: list[dict[str, Any]],
                   ledger: LedgerSlice) -> dict[str, Any]:
    """The manifest: ``listed`` files (each with its path, role, sha256 and size) and the
    ``excluded`` ones (each with its reason)."""
    case = contents.case
    return {
        "kind": KIND, "version": VERSION, "package_id": maker.package_id,
        "created_at": _time(clock, maker.at),
        "created_by": {"username": maker.username, "name": maker.name},
        "bureau": maker.bureau, "generator": maker.generator,
        "workstation": {"id": maker.workstation_id, "public_key": maker.public_key,
                        "fingerprint": fingerprint(maker.public_key)},
        "case": {"id": case.id, "number": case.number, "type": case.type_name,
                 "procedure": case.procedure, "cause": case.cause, "unit": case.unit,
                 "status": case.status},
        "files": listed,
        "excluded": excluded,
        "ledger": {"entries": LEDGER_ENTRIES, "checkpoints": LEDGER_CHECKPOINTS,
                   "entry_count": len(ledger.entries),
                   "transactions": [list(s) for s in ledger.segments],
                   "cited": ledger.cited, "largest_transaction": ledger.largest_segment,
                   "countersigned": ledger.countersigned},
        "hq": ledger.hq and {**ledger.hq, "fingerprint": fingerprint(ledger.hq["public_key"])},
    }
