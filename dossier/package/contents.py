"""What belongs to a case's evidence package, read from the records in one read transaction.

The files: every stored file linked to the case (casework.evidence_links: each hash once,
with every step it supports) and every document issued for it (the archive keeps their
PDFs). For each file: its recorder, the officer, when it was recorded and offloaded, and
who held the recorder at that time (devices.holder's rule: a custody covers
[checked_out_at, checked_in_at)). For each recorder involved: its custodies, status events
and offload sessions over the period from its first recording in the package to its last
offload, so a reader sees the chain of custody around the recordings.

``records`` names every record the ledger slice must prove (ledger table name -> ids).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from casework.cases import load_case
from casework.documents.archive import DocumentArchive
from casework.evidence_links import case_evidence
from db.models import (
    Case,
    CaseDeadlineExtension,
    CaseOfficer,
    CaseParty,
    CaseStep,
    CaseType,
    Custody,
    Device,
    DeviceEvent,
    DeviceType,
    EvidenceLink,
    Footage,
    FootageSighting,
    HqReceipt,
    IssuedDocument,
    Officer,
    OffloadSession,
    Unit,
    User,
)
from devices.offload.clock_check import ClockVerdict
from evidence.store import FootageStore

_IN_BATCH = 500


@dataclass(frozen=True)
class Holder:
    """The officer a recorder was checked out to at an instant."""

    officer: str
    certificate: str
    custody_id: str
    checked_out_at: datetime
    checked_in_at: datetime | None


@dataclass(frozen=True)
class FootageItem:
    footage_id: str
    sha256: str
    sm3: str | None
    size: int
    kind: str
    original_name: str
    device_serial: str | None
    officer_name: str | None
    officer_number: str | None
    recorded_at: datetime | None
    offloaded_at: datetime
    session_id: str
    steps: tuple[str, ...]
    holder: Holder | None
    held_at_hq: datetime | None
    path: Path
    # The offload's verdict on the recorder's clock (devices.offload.clock_check), if judged.
    clock: ClockVerdict | None = None


@dataclass(frozen=True)
class DocumentItem:
    id: str
    kind: str
    title: str
    number: str
    sha256: str
    size: int
    pages: int
    issued_at: datetime
    issued_by: str
    path: Path


@dataclass(frozen=True)
class CustodyRecord:
    id: str
    officer: str
    certificate: str
    checked_out_at: datetime
    due_at: datetime
    checked_out_by: str
    checked_in_at: datetime | None
    checked_in_by: str | None
    condition: str | None


@dataclass(frozen=True)
class DeviceEventRecord:
    id: str
    seq: int
    at: datetime
    kind: str
    status: str
    actor: str
    notes: str | None


@dataclass(frozen=True)
class OffloadRecord:
    id: str
    started_at: datetime
    finished_at: datetime | None
    username: str
    status: str
    files_total: int
    files_stored: int
    files_duplicate: int
    files_failed: int
    manifest_sha256: str | None


@dataclass(frozen=True)
class RecorderHistory:
    serial: str
    registered: bool
    type_name: str | None
    model: str | None
    vendor: str | None
    unit: str | None
    period: tuple[datetime, datetime]
    custodies: tuple[CustodyRecord, ...]
    events: tuple[DeviceEventRecord, ...]
    offloads: tuple[OffloadRecord, ...]


@dataclass(frozen=True)
class CaseSummary:
    id: str
    number: str
    type_name: str
    procedure: str
    cause: str
    unit: str
    status: str


@dataclass(frozen=True)
class PackageContents:
    case: CaseSummary
    footage: tuple[FootageItem, ...]
    documents: tuple[DocumentItem, ...]
    recorders: tuple[RecorderHistory, ...]
    maker_name: str | None
    records: dict[str, set[str]] = field(default_factory=dict)

    @property
    def hashes(self) -> set[str]:
        return {f.sha256 for f in self.footage} | {d.sha256 for d in self.documents}


def _chunks(values: list[str]):  # noqa: ANN202
    for start in range(0, len(values), _IN_BATCH):
        yield values[start:start + _IN_BATCH]


def _case_summary(session: Session, case: Case) -> CaseSummary:
    case_type = session.get(CaseType, case.type_code)
    unit = session.get(Unit, case.unit_id)
    return CaseSummary(case.id, case.number, case_type.name_zh if case_type else case.type_code,
                       case.procedure, case.cause, unit.name if unit else "", case.status)


def _holder(session: Session, device_id: str, instant: datetime | None) -> Holder | None:
    if instant is None:
        return None
    row = session.execute(
        select(Custody, Officer.name).join(Officer, Officer.id == Custody.officer_id)
        .where(Custody.device_id == device_id, Custody.checked_out_at <= instant,
               or_(Custody.checked_in_at.is_(None), Custody.checked_in_at > instant))
        .order_by(Custody.checked_out_at.desc()).limit(1)).first()
    if row is None:
        return None
    custody, name = row
    return Holder(name, custody.certificate_number, custody.id, custody.checked_out_at,
                  custody.checked_in_at)


def _footage(session: Session, case_id: str, store: FootageStore,
             devices: dict[str, Device]) -> tuple[FootageItem, ...]:
    links = case_evidence(session, case_id)
    steps: dict[str, list[str]] = {}
    for link in links:
        steps.setdefault(link.sha256, []).append(link.step)
    rows = {}
    for batch in _chunks(sorted(steps)):
        for footage, name in session.execute(
                select(Footage, Officer.name).outerjoin(Officer, Officer.id == Footage.officer_id)
                .where(Footage.sha256.in_(batch))):
            rows[footage.sha256] = (footage, name)
    received = {}
    for batch in _chunks(sorted(steps)):
        received.update(session.execute(select(HqReceipt.sha256, HqReceipt.held_at)
                                        .where(HqReceipt.sha256.in_(batch))).all())
    clocks = _clock_verdicts(session, {footage.session_id for footage, _ in rows.values()})
    items = []
    for sha256 in dict.fromkeys(link.sha256 for link in links):  # the links' order
        if sha256 not in rows:
            continue  # the footage record went away: nothing to package (the link stays)
        footage, officer_name = rows[sha256]
        device = devices.get(footage.device_serial or "")
        holder = _holder(session, device.id, footage.recorded_at) if device else None
        items.append(FootageItem(
            footage.id, sha256, footage.sm3, footage.size, footage.kind, footage.original_name,
            footage.device_serial, officer_name, footage.officer_number, footage.recorded_at,
            footage.verified_at, footage.session_id, tuple(steps[sha256]), holder,
            received.get(sha256), store.path_for(sha256), clocks.get(footage.session_id)))
    return tuple(items)


def _clock_verdicts(session: Session, session_ids: set[str]) -> dict[str, ClockVerdict]:
    verdicts = {}
    for batch in _chunks(sorted(session_ids)):
        for row in session.execute(
                select(OffloadSession.id, OffloadSession.clock_check,
                       OffloadSession.clock_offset_s, OffloadSession.clock_allowance_s,
                       OffloadSession.clock_checked_since)
                .where(OffloadSession.id.in_(batch), OffloadSession.clock_check.is_not(None))):
            verdicts[row.id] = ClockVerdict(row.clock_check, row.clock_offset_s,
                                            row.clock_allowance_s, row.clock_checked_since)
    return verdicts


def _documents(session: Session, case_id: str,
               archive: DocumentArchive) -> tuple[DocumentItem, ...]:
    from casework.cases import issued_order
    rows = session.execute(select(IssuedDocument).where(IssuedDocument.case_id == case_id)
                           ).scalars().all()
    return tuple(DocumentItem(d.id, d.kind, d.title, d.number, d.sha256, d.size, d.pages,
                              d.issued_at, d.issued_by, archive.path_for(d.sha256))
                 for d in sorted(rows, key=issued_order))


def _period(files: list[FootageItem]) -> tuple[datetime, datetime]:
    starts = [f.recorded_at or f.offloaded_at for f in files]
    return min(starts), max(f.offloaded_at for f in files)


def _recorder(session: Session, serial: str, device: Device | None,
              files: list[FootageItem]) -> RecorderHistory:
    start, end = _period(files)
    sessions = {f.session_id for f in files}
    for batch in _chunks([f.footage_id for f in files]):
        sessions.update(session.execute(select(FootageSighting.session_id).where(
            FootageSighting.footage_id.in_(batch))).scalars())
    found = {o.id: o for o in session.execute(select(OffloadSession).where(
        OffloadSession.device_serial == serial, OffloadSession.started_at >= start,
        OffloadSession.started_at <= end)).scalars()}
    for batch in _chunks(sorted(sessions - set(found))):
        found.update((o.id, o) for o in session.execute(
            select(OffloadSession).where(OffloadSession.id.in_(batch))).scalars())
    offloads = sorted(found.values(), key=lambda o: (o.started_at, o.id))
    offload_records = tuple(OffloadRecord(
        o.id, o.started_at, o.finished_at, o.username, o.status, o.files_total, o.files_stored,
        o.files_duplicate, o.files_failed, o.manifest_sha256) for o in offloads)
    if device is None:
        return RecorderHistory(serial, False, None, None, None, None, (start, end), (), (),
                               offload_records)
    custodies = session.execute(
        select(Custody, Officer.name).join(Officer, Officer.id == Custody.officer_id)
        .where(Custody.device_id == device.id, Custody.checked_out_at <= end,
               or_(Custody.checked_in_at.is_(None), Custody.checked_in_at >= start))
        .order_by(Custody.checked_out_at)).all()
    custody_ids = [c.id for c, _ in custodies]
    events = session.execute(
        select(DeviceEvent).where(DeviceEvent.device_id == device.id, or_(
            and_(DeviceEvent.at >= start, DeviceEvent.at <= end),
            DeviceEvent.custody_id.in_(custody_ids))).order_by(DeviceEvent.seq)
    ).scalars().all()
    device_type = session.get(DeviceType, device.type_code)
    unit = session.get(Unit, device.unit_id)
    return RecorderHistory(
        serial, True, device_type.name_zh if device_type else device.type_code, device.model,
        device.vendor, unit.name if unit else None, (start, end),
        tuple(CustodyRecord(c.id, name, c.certificate_number, c.checked_out_at, c.due_at,
                            c.checked_out_by, c.checked_in_at, c.checked_in_by,
                            c.checkin_condition) for c, name in custodies),
        tuple(DeviceEventRecord(e.id, e.seq, e.at, e.kind, e.status, e.actor, e.notes)
              for e in events),
        offload_records)


def _records(session: Session, case: Case, footage: tuple[FootageItem, ...],
             documents: tuple[DocumentItem, ...], devices: dict[str, Device],
             recorders: tuple[RecorderHistory, ...]) -> dict[str, set[str]]:
    """Every record the package speaks of, by ledger table name, to prove from the ledger.
    (Rows since deleted, a party removed or a link undone, are found in the ledger itself:
    ledger_slice.cited_seqs.)"""
    def ids(model, *where) -> set[str]:  # noqa: ANN001
        return set(session.execute(select(model.id).where(*where)).scalars())
    footage_ids = [f.footage_id for f in footage]
    sightings: set[str] = set()
    for batch in _chunks(footage_ids):
        sightings |= ids(FootageSighting, FootageSighting.footage_id.in_(batch))
    officers = session.execute(select(CaseOfficer.officer_id).where(
        CaseOfficer.case_id == case.id)).scalars()
    return {
        "enforcement_case": {case.id},
        "case_party": ids(CaseParty, CaseParty.case_id == case.id),
        "case_step": ids(CaseStep, CaseStep.case_id == case.id),
        "case_deadline_extension": ids(CaseDeadlineExtension,
                                       CaseDeadlineExtension.case_id == case.id),
        "case_officer": {f"{case.id}/{officer}" for officer in officers},
        "evidence_link": ids(EvidenceLink, EvidenceLink.case_id == case.id),
        "issued_document": {d.id for d in documents},
        "footage": set(footage_ids),
        "footage_sighting": sightings,
        "offload_session": {o.id for r in recorders for o in r.offloads},
        "hq_receipt": {f.sha256 for f in footage if f.held_at_hq is not None},
        "device": {d.id for d in devices.values()},
        "custody": {c.id for r in recorders for c in r.custodies},
        "device_event": {e.id for r in recorders for e in r.events},
    }


def read_contents(session: Session, case_key: str, store: FootageStore,
                  archive: DocumentArchive, username: str) -> PackageContents:
    """Everything the package of case ``case_key`` (number or id) holds, as recorded now."""
    case = load_case(session, case_key)
    serials = set(session.execute(
        select(Footage.device_serial).join(EvidenceLink, EvidenceLink.sha256 == Footage.sha256)
        .where(EvidenceLink.case_id == case.id, Footage.device_serial.is_not(None))).scalars())
    devices = {d.serial: d for d in session.execute(
        select(Device).where(Device.serial.in_(sorted(serials)))).scalars()}
    footage = _footage(session, case.id, store, devices)
    documents = _documents(session, case.id, archive)
    by_serial: dict[str, list[FootageItem]] = {}
    for item in footage:
        if item.device_serial:
            by_serial.setdefault(item.device_serial, []).append(item)
    recorders = tuple(_recorder(session, serial, devices.get(serial), files)
                      for serial, files in sorted(by_serial.items()))
    maker = session.execute(select(User.display_name).where(User.username == username)
                            ).scalar_one_or_none()
    return PackageContents(_case_summary(session, case), footage, documents, recorders, maker,
                           _records(session, case, footage, documents, devices, recorders))
