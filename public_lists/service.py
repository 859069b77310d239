"""The public lists as the window and the command line use them: look at a list (the version
in force, or any earlier one), its versions and what changed between two, import a new
version from a file, export one to a file.

Looking and exporting need no permission beyond logging in: the lists are what the bureau
publishes. Importing is an admin's (Permission.MANAGE_PUBLIC_LISTS) and, once the
workstation is enrolled, HQ's alone (sync.ownership refuses the write).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from core.clock import iso_utc
from core.context import Context
from core.errors import DomainError, InvalidInput
from core.permissions import Permission, require
from core.user_files import printable_name
from db.models import BenchmarkOffence, BenchmarkVersion, Certificate, PublicListVersion
from organisation.lookup import certificate_not_found
from public_lists import personnel
from public_lists.errors import ListIsGenerated, NoListInForce
from public_lists.files import read_records, write_table
from public_lists.kinds import GENERATED, check_kind, columns, title
from public_lists.rows import Known, benchmark_codes, check_rows
from public_lists.versions import (ListDiff, Row, diff, find_version, rows_digest, rows_of,
                                   store_version, version_in_force, versions)

APPROVER_LIMIT = 100     # characters, as public_list_version.approved_by holds
NOTE_LIMIT = 2000


@dataclass(frozen=True)
class VersionInfo:
    kind: str
    number: int
    effective_from: date
    approved_by: str
    created_at: datetime
    created_by: str
    source: str
    row_count: int
    note: str | None
    sha256: str
    in_force: bool

    def as_json(self, _language: str = "zh_CN") -> dict:
        return {"kind": self.kind, "number": self.number,
                "effective_from": self.effective_from.isoformat(),
                "approved_by": self.approved_by, "created_at": iso_utc(self.created_at),
                "created_by": self.created_by, "source": self.source,
                "rows": self.row_count, "note": self.note, "sha256": self.sha256,
                "in_force": self.in_force}


def _info(version: PublicListVersion, in_force_id: str | None) -> VersionInfo:
    return VersionInfo(version.kind, version.number, version.effective_from,
                       version.approved_by, version.created_at, version.created_by,
                       version.source, version.row_count, version.note, version.sha256,
                       version.id == in_force_id)


@dataclass(frozen=True)
class ListView:
    """A list as shown: its rows and the version they are (None for the generated personnel
    list, or when no version is in force yet)."""

    kind: str
    version: VersionInfo | None
    rows: list[Row]
    on: date
    # Enforcement items: each discretion-benchmark code the rows name -> the offence it is
    # in the newest benchmark version that has it (the link measure 2 asks for).
    benchmarks: dict[str, str] = field(default_factory=dict)

    @property
    def generated(self) -> bool:
        return self.kind in GENERATED

    def as_json(self, language: str = "zh_CN") -> dict:
        zh, en = title(self.kind)
        return {"kind": self.kind, "title": zh, "title_en": en, "on": self.on.isoformat(),
                "generated": self.generated,
                "version": self.version.as_json() if self.version else None,
                "columns": [{"key": c.key, "zh": c.zh, "en": c.en}
                            for c in columns(self.kind)],
                "rows": self.rows,
                **({"benchmarks": self.benchmarks} if self.kind == "items" else {})}


def benchmark_offences(session, rows: list[Row]) -> dict[str, str]:  # noqa: ANN001
    """The offence names of the benchmark codes an items list's rows name."""
    codes = {code for row in rows for code in benchmark_codes(row.get("benchmark", ""))}
    if not codes:
        return {}
    found = session.execute(
        select(BenchmarkOffence.code, BenchmarkOffence.name)
        .join(BenchmarkVersion, BenchmarkVersion.id == BenchmarkOffence.version_id)
        .where(BenchmarkOffence.code.in_(codes)).order_by(BenchmarkVersion.number))
    return {code: name for code, name in found}   # the newest version's name wins


def list_versions(ctx: Context, kind: str) -> list[VersionInfo]:
    """Every version of a list, newest first; ``in_force`` marks today's."""
    check_kind(kind)
    with ctx.read() as session:
        now = version_in_force(session, kind, ctx.clock.today())
        return [_info(v, now.id if now else None) for v in versions(session, kind)]


def show_list(ctx: Context, kind: str, number: int | None = None, *,
              on: date | None = None) -> ListView:
    """Version ``number`` of a list, or with None the one in force on ``on`` (default
    today); the personnel list as the records give it on that day."""
    check_kind(kind)
    day = on or ctx.clock.today()
    with ctx.read() as session:
        if kind in GENERATED:
            return ListView(kind, None, personnel.personnel_rows(session, day), day)
        in_force = version_in_force(session, kind, day)
        version = in_force if number is None else find_version(session, kind, number)
        if version is None:
            return ListView(kind, None, [], day)
        rows = rows_of(session, version)
        return ListView(kind, _info(version, in_force.id if in_force else None), rows, day,
                        benchmark_offences(session, rows) if kind == "items" else {})


def compare_versions(ctx: Context, kind: str, old: int, new: int) -> ListDiff:
    """What changed from version ``old`` to version ``new`` of a list."""
    _refuse_generated(kind)
    with ctx.read() as session:
        before = rows_of(session, find_version(session, kind, old))
        after = rows_of(session, find_version(session, kind, new))
    return diff(before, after, kind)


def _refuse_generated(kind: str) -> None:
    if check_kind(kind) in GENERATED:
        raise ListIsGenerated()


def _known(ctx: Context) -> Known:
    with ctx.read() as session:
        return Known(frozenset(session.execute(select(BenchmarkOffence.code).distinct())
                               .scalars()),
                     frozenset(session.execute(select(Certificate.number)).scalars()))


def _approver(text: str | None, ctx: Context) -> str:
    approver = (text or "").strip() or ctx.actor.username
    if len(approver) > APPROVER_LIMIT:
        raise InvalidInput(f"批准人过长（最多 {APPROVER_LIMIT} 字）",
                           f"the approver is too long ({APPROVER_LIMIT} characters at most)")
    return approver


class SameAsLatest(DomainError):
    code = "list_unchanged"
    zh = "文件内容与{title_zh}第 {number} 版完全相同，未导入新版本"
    en = "The file is the same as version {number} of the {title_en}; no new version imported"


def import_list(ctx: Context, kind: str, path: str | os.PathLike, *,
                effective_from: date | None = None, approved_by: str | None = None,
                note: str | None = None) -> VersionInfo:
    """Import a whole list from a CSV or XLSX file as its next version, in force from
    ``effective_from`` (default today), approved by ``approved_by`` (a person or a meeting;
    default the user recording it). All rows or none."""
    _refuse_generated(kind)
    require(ctx.actor, Permission.MANAGE_PUBLIC_LISTS)
    path = Path(path)
    approver = _approver(approved_by, ctx)
    note = (note or "").strip() or None
    if note and len(note) > NOTE_LIMIT:
        raise InvalidInput(f"说明过长（最多 {NOTE_LIMIT} 字）",
                           f"the note is too long ({NOTE_LIMIT} characters at most)")
    records, _data = read_records(path)
    rows = check_rows(kind, records, _known(ctx))
    with ctx.write("public_list.import") as session:
        newest = next(iter(versions(session, kind)), None)
        if newest is not None and newest.sha256 == rows_digest(rows):
            zh, en = title(kind)
            raise SameAsLatest(title_zh=zh, title_en=en, number=newest.number)
        version = store_version(session, kind, rows,
                                effective_from=effective_from or ctx.clock.today(),
                                approved_by=approver, actor=ctx.actor.username,
                                now=ctx.clock.now(), source=printable_name(path.name),
                                note=note)
        in_force = version_in_force(session, kind, ctx.clock.today())
        return _info(version, in_force.id if in_force else None)


@dataclass(frozen=True)
class ExportResult:
    kind: str
    version: int | None       # None: the generated personnel list
    rows: int
    path: Path

    def as_json(self) -> dict:
        return {"kind": self.kind, "version": self.version, "rows": self.rows,
                "file": str(self.path)}


def export_list(ctx: Context, kind: str, path: str | os.PathLike, *,
                number: int | None = None) -> ExportResult:
    """Write a version of a list (default: the one in force today; the personnel list as of
    today) as CSV or XLSX, by the suffix, with the Chinese column names as its header. The
    file imports again as it is."""
    path = Path(path)
    view = show_list(ctx, kind, number)
    if view.version is None and not view.generated:
        zh, en = title(kind)
        raise NoListInForce(title_zh=zh, title_en=en, day=view.on.isoformat(), kind=kind)
    cols = columns(kind)
    write_table(path, [c.zh for c in cols], [[row.get(c.key, "") for c in cols]
                                            for row in view.rows], sheet_title=title(kind)[0])
    return ExportResult(kind, view.version.number if view.version else None, len(view.rows),
                        path)


def lookup_certificate(ctx: Context, number: str) -> dict:
    """The public facts of a certificate number (人员资格查询), as of today."""
    with ctx.read() as session:
        found = personnel.lookup(session, number, ctx.clock.today())
    if found is None:
        raise certificate_not_found(number)
    return found
