"""Exporting a case's evidence package: the service behind `lawdesk package export` and the
case editor's "Export evidence package…".

Everything the package says is read in one read transaction (the records and the ledger
slice agree with each other), then the files are streamed into the ZIP with no database
session open, then the export goes into the ledger ("package.export": who, when, which
files, which left out and why, the manifest's SHA-256). Long work in the usual shape: a
``progress(done, total, note)`` in bytes and a cancel token; a cancelled or failed export
leaves no file and no ledger entry.

Partial disclosure: ``exclude`` names files of the package by SHA-256, each with a reason.
Their bytes stay out; the manifest lists them with the reason, and the ledger slice still
proves they exist and belong to the case.
"""
from __future__ import annotations

import hashlib
import importlib.resources
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from sqlalchemy import select

from audit.recorder import record
from casework.documents.archive import DocumentArchive
from casework.evidence_links import clean_sha256
from config.settings import all_settings
from core.canonical import canonical_bytes
from core.context import Context
from core.errors import DomainError, InvalidInput
from core.jobs import CancelToken, Progress, no_progress
from core.permissions import Permission, require
from core.version import __version__
from db.models import WorkstationIdentity
from dossier.package import manifest as layout
from dossier.package.contents import PackageContents, read_contents
from dossier.package.ledger_slice import LedgerSlice, cut_slice
from dossier.package.readme import readme_text
from dossier.package.sheet import render_sheet
from dossier.package.writer import PackageWriter, StoredFileMissing
from dossier.verify_package import MANIFEST, SIGNATURE, fingerprint
from reports import FontChoice, find_font

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

REASON_LIMIT = 500           # characters of a reason for leaving a file out
SPACE_MARGIN = 64 << 20      # bytes kept free beyond the package's estimated size
PROGRESS_EVERY_S = 0.1       # progress reports at most this often (and at each file's end)


class PackageExists(DomainError):
    code = "package_exists"
    zh = "{path} 已存在：请换一个文件名，或先移走原文件"
    en = "{path} already exists: choose another name or move that file first"


class PackageFolderMissing(DomainError):
    code = "package_folder_missing"
    zh = "文件夹 {path} 不存在"
    en = "The folder {path} does not exist"


class NotEnoughSpace(DomainError):
    code = "not_enough_space"
    zh = "{path} 所在磁盘剩余 {free} 字节，证据包约需 {needed} 字节"
    en = "The disk of {path} has {free} bytes free; the package needs about {needed}"


class PackageNotWritten(DomainError):
    code = "package_not_written"
    zh = "无法写入证据包 {path}：{reason}"
    en = "Could not write the evidence package {path}: {reason}"


class NotInPackage(DomainError):
    code = "not_in_package"
    zh = "{sha256} 不是案件 {case} 的证据文件或文书，无法从证据包中排除"
    en = "{sha256} is not a file or document of case {case}, so it cannot be left out"


class KeyMismatch(DomainError):
    code = "key_mismatch"
    zh = "工作站密钥与数据库记载的公钥不符，不能签署证据包；请报告系统管理员"
    en = ("The workstation key does not match the public key on record; no package can be "
          "signed. Tell the administrator.")


@dataclass(frozen=True)
class Exclusion:
    sha256: str
    reason: str


@dataclass(frozen=True)
class ExportResult:
    out: Path
    package_id: str
    case_number: str
    footage: int
    documents: int
    excluded: int
    size: int                 # bytes of the ZIP
    manifest_sha256: str
    fingerprint: str
    ledger_entries: int
    transactions: int         # whole transactions in the ledger slice
    largest_transaction: int  # entries of the largest one
    countersigned: int = 0    # checkpoints of the slice HQ countersigned

    def as_json(self) -> dict[str, Any]:
        return {"out": str(self.out), "package_id": self.package_id, "case": self.case_number,
                "footage": self.footage, "documents": self.documents,
                "excluded": self.excluded, "size": self.size,
                "manifest_sha256": self.manifest_sha256, "fingerprint": self.fingerprint,
                "ledger_entries": self.ledger_entries, "transactions": self.transactions,
                "largest_transaction": self.largest_transaction,
                "countersigned": self.countersigned}


def clean_exclusions(pairs: Iterable[tuple[str, str]]) -> list[Exclusion]:
    """(SHA-256, reason) pairs as given: each hash well formed and given once, each with a
    reason."""
    found: dict[str, Exclusion] = {}
    for sha256, reason in pairs:
        digest = clean_sha256(sha256)
        text = " ".join((reason or "").split())
        if not text:
            raise InvalidInput(f"排除 {digest} 须写明理由", f"leaving out {digest} needs a reason")
        if len(text) > REASON_LIMIT:
            raise InvalidInput(f"排除理由不能超过 {REASON_LIMIT} 字",
                               f"a reason may hold at most {REASON_LIMIT} characters")
        if digest in found:
            raise InvalidInput(f"{digest} 被排除了两次", f"{digest} is left out twice")
        found[digest] = Exclusion(digest, text)
    return list(found.values())


def _check_target(out: Path) -> None:
    if not out.parent.is_dir():
        raise PackageFolderMissing(path=out.parent)
    if out.exists():
        raise PackageExists(path=out)


class _Progress:
    """Bytes written over bytes to write, reported at most every PROGRESS_EVERY_S."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress, self.total, self.base, self.last = progress, total, 0, 0.0
        self.note = ""

    def start(self, note: str) -> None:
        self.note = note

    def chunk(self, done_in_file: int) -> None:
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY_S:
            self.last = now
            self.progress(self.base + done_in_file, self.total, self.note)

    def file_done(self, size: int) -> None:
        self.base += size
        self.progress(self.base, self.total, self.note)


@dataclass
class _Plan:
    """The package, decided: what goes in under which name, what stays out."""

    contents: PackageContents
    footage_paths: dict[str, str]
    document_paths: dict[str, str]
    listed: list[dict[str, Any]]
    excluded: list[dict[str, Any]]

    @property
    def footage(self) -> list:
        return [f for f in self.contents.footage if f.sha256 in self.footage_paths]

    @property
    def documents(self) -> list:
        return [d for d in self.contents.documents if d.sha256 in self.document_paths]

    @property
    def content_bytes(self) -> int:
        return sum(f.size for f in self.footage) + sum(d.size for d in self.documents)


def _plan(contents: PackageContents, exclusions: list[Exclusion], ctx: Context) -> _Plan:
    left_out = {e.sha256: e.reason for e in exclusions}
    unknown = sorted(set(left_out) - contents.hashes)
    if unknown:
        raise NotInPackage(sha256=unknown[0], case=contents.case.number)
    clock = ctx.clock
    recorders = {r.serial: r for r in contents.recorders}
    footage = tuple(f for f in contents.footage if f.sha256 not in left_out)
    documents = tuple(d for d in contents.documents if d.sha256 not in left_out)
    footage_paths = layout.footage_paths(footage, clock)
    document_paths = layout.document_paths(documents)
    listed = [{"path": footage_paths[f.sha256],
               **layout.footage_entry(f, contents, clock, recorders)} for f in footage]
    listed += [{"path": document_paths[d.sha256], **layout.document_entry(d, clock)}
               for d in documents]
    excluded = [{**layout.footage_entry(f, contents, clock, recorders),
                 "reason": left_out[f.sha256]}
                for f in contents.footage if f.sha256 in left_out]
    excluded += [{**layout.document_entry(d, clock), "reason": left_out[d.sha256]}
                 for d in contents.documents if d.sha256 in left_out]
    return _Plan(contents, footage_paths, document_paths, listed, excluded)


def _check_stored(plan: _Plan, workspace: "Workspace") -> None:
    """Every file to copy is where it should be, with its size: refused now, not after
    forty gigabytes."""
    for item in plan.footage:
        if not workspace.store.has(item.sha256, item.size):
            raise StoredFileMissing(what=item.original_name, path=item.path)
    for item in plan.documents:
        if not item.path.is_file() or item.path.stat().st_size != item.size:
            raise StoredFileMissing(what=item.number, path=item.path)


def _check_space(out: Path, needed: int) -> None:
    free = shutil.disk_usage(out.parent).free
    if free < needed + SPACE_MARGIN:
        raise NotEnoughSpace(path=out.parent, free=f"{free:,}", needed=f"{needed:,}")


def _entry(path: str, role: str, data: bytes) -> dict[str, Any]:
    return {"path": path, "role": role, "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data)}


def _metadata(plan: _Plan, maker: layout.Maker, ctx: Context, ledger: LedgerSlice,
              font: FontChoice) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the small files it lists beside the evidence (all in memory)."""
    files = {
        layout.HISTORY: layout.history_json(plan.contents.recorders, ctx.clock),
        layout.LEDGER_ENTRIES: ledger.entries_jsonl(),
        layout.LEDGER_CHECKPOINTS: ledger.checkpoints_jsonl(),
        layout.VERIFIER: importlib.resources.files("dossier").joinpath(
            "verify_package.py").read_bytes(),
    }
    roles = {layout.HISTORY: "history", layout.LEDGER_ENTRIES: "ledger",
             layout.LEDGER_CHECKPOINTS: "ledger", layout.VERIFIER: "verifier",
             layout.README: "readme", layout.SHEET: "sheet"}
    listed = plan.listed + [_entry(p, roles[p], d) for p, d in files.items()]
    draft = layout.build_manifest(maker, plan.contents, ctx.clock, listed, plan.excluded, ledger)
    files[layout.README] = readme_text(draft)
    files[layout.SHEET] = render_sheet(draft, font)
    listed += [_entry(p, roles[p], files[p]) for p in (layout.README, layout.SHEET)]
    return (layout.build_manifest(maker, plan.contents, ctx.clock, listed, plan.excluded,
                                  ledger), files)


def _write(writer: PackageWriter, plan: _Plan, manifest_bytes: bytes, signature: str,
           files: dict[str, bytes], progress: _Progress, cancel: CancelToken | None) -> None:
    for name in (layout.README, layout.VERIFIER):
        writer.add_bytes(name, files[name])
    writer.add_bytes(MANIFEST, manifest_bytes)
    writer.add_bytes(SIGNATURE, (signature + "\n").encode("ascii"))
    for name in (layout.SHEET, layout.HISTORY, layout.LEDGER_ENTRIES, layout.LEDGER_CHECKPOINTS):
        writer.add_bytes(name, files[name])
    for path, item in [(plan.document_paths[d.sha256], d) for d in plan.documents] + [
            (plan.footage_paths[f.sha256], f) for f in plan.footage]:
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress.start(path)
        writer.add_file(path, item.path, item.sha256, item.size, cancel=cancel,
                        on_chunk=progress.chunk)
        progress.file_done(item.size)


def _note_export(ctx: Context, plan: _Plan, maker: layout.Maker, out: Path, size: int,
                 manifest_sha256: str) -> None:
    """The export in the ledger: who (the entry's actor), when (its time), which files."""
    with ctx.write("package.export") as session:
        record(session, action="package.export", object_type="evidence_package",
               object_id=maker.package_id, change={
                   "case_id": plan.contents.case.id, "case_number": plan.contents.case.number,
                   "out": str(out), "size": size, "manifest_sha256": manifest_sha256,
                   "fingerprint": fingerprint(maker.public_key),
                   "files": [{"path": f["path"], "role": f["role"], "sha256": f["sha256"]}
                             for f in plan.listed],
                   "excluded": [{"sha256": e["sha256"], "role": e["role"],
                                 "reason": e["reason"]} for e in plan.excluded]})


def export_package(ctx: Context, workspace: "Workspace", case_key: str, out: Path, *,
                   exclude: Iterable[tuple[str, str]] = (), progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> ExportResult:
    """Write the evidence package of case ``case_key`` (number or id) to ``out`` (a new
    file), leaving out the ``exclude`` files ((SHA-256, reason) pairs)."""
    require(ctx.actor, Permission.EXPORT_EVIDENCE)
    exclusions = clean_exclusions(exclude)
    out = Path(out).absolute()
    _check_target(out)
    settings = all_settings(ctx.db)
    font = find_font(settings["documents.font_file"] or None)
    progress(0, 0, "读取记录 / reading the records")
    with ctx.read() as session:
        contents = read_contents(session, case_key, workspace.store,
                                 DocumentArchive(workspace.documents_dir), ctx.actor.username)
        identity = session.execute(select(WorkstationIdentity)).scalars().one()
        ledger = cut_slice(session, contents.records, contents.case.id,
                           workstation_id=identity.id, public_key_hex=identity.public_key)
    signer = workspace.audit.signer
    if signer.public_hex != identity.public_key:
        raise KeyMismatch()
    plan = _plan(contents, exclusions, ctx)
    _check_stored(plan, workspace)
    _check_space(out, plan.content_bytes)
    maker = layout.Maker(ctx.actor.username, contents.maker_name, settings["bureau.name"] or "",
                         identity.id, identity.public_key, ctx.clock.now(), uuid.uuid4().hex,
                         f"LawDesk {__version__}")
    manifest, files = _metadata(plan, maker, ctx, ledger, font)
    manifest_bytes = canonical_bytes(manifest)
    signature = signer.sign(manifest_bytes)
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        writer = PackageWriter(out, ctx.clock.local(maker.at))
    except FileExistsError:
        raise PackageExists(path=out) from None
    except OSError as error:
        raise PackageNotWritten(path=out, reason=error.strerror or str(error)) from None
    try:
        _write(writer, plan, manifest_bytes, signature, files,
               _Progress(progress, plan.content_bytes), cancel)
        size = writer.complete()
        writer.install()
    except FileExistsError:
        writer.abort()
        raise PackageExists(path=out) from None
    except OSError as error:
        writer.abort()
        raise PackageNotWritten(path=out, reason=error.strerror or str(error)) from None
    except BaseException:
        writer.abort()
        raise
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    try:
        _note_export(ctx, plan, maker, out, size, manifest_sha256)
    except BaseException:
        out.unlink(missing_ok=True)   # no package the ledger does not know of
        raise
    return ExportResult(out, maker.package_id, contents.case.number, len(plan.footage),
                        len(plan.documents), len(plan.excluded), size, manifest_sha256,
                        fingerprint(maker.public_key), len(ledger.entries),
                        len(ledger.segments), ledger.largest_segment, ledger.countersigned)
