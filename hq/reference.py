"""The reference data HQ owns and sends down to a unit's workstations.

A workstation of a unit gets that unit's row, its officers and their certificates, every
device type, the ratio standards that hold for it (the global ones and its unit's), every
case type, every imported working-day calendar year, every disclosure rule and every
version of the discretion benchmarks: nothing of another unit. The digest lets a workstation that is up to date skip the download.

Every pass of every workstation asks, so a unit's data is kept once built, with the seq of
HQ's newest ledger entry about any reference table: every change to them, by this server or
by an admin's command on the same database, is in HQ's ledger and moves that seq, and
reading it is one indexed query instead of the unit's officers and certificates each time."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.canonical import canonical_bytes
from db.models import (
    BenchmarkCircumstance, BenchmarkOffence, BenchmarkTier, BenchmarkVersion,
    CaseType, Certificate, DeviceType, DisclosureRule, LedgerEntry, Officer, PublicListRow,
    PublicListVersion, RatioStandard, RecordingItem, RecordingItemVersion,
    ReviewRule, Unit, WorkdayCalendarYear,
)
from hq.service import Caller, HqService
from sync.protocol import REFERENCE_TABLES
from sync.rows import row_values


@dataclass(frozen=True)
class ReferenceData:
    digest: str
    tables: dict[str, list[dict[str, Any]]]


def _queries(unit_id: str) -> dict[str, Any]:
    unit_officers = select(Officer.id).where(Officer.unit_id == unit_id)
    return {
        "unit": select(Unit).where(Unit.id == unit_id),
        "officer": select(Officer).where(Officer.unit_id == unit_id).order_by(Officer.id),
        "certificate": select(Certificate).where(Certificate.officer_id.in_(unit_officers))
        .order_by(Certificate.id),
        "device_type": select(DeviceType).order_by(DeviceType.code),
        "ratio_standard": select(RatioStandard)
        .where(or_(RatioStandard.unit_id.is_(None), RatioStandard.unit_id == unit_id))
        .order_by(RatioStandard.id),
        "case_type": select(CaseType).order_by(CaseType.code),
        "workday_calendar_year": select(WorkdayCalendarYear)
        .order_by(WorkdayCalendarYear.year),
        "disclosure_rule": select(DisclosureRule).order_by(DisclosureRule.code),
        # Every version of the discretion benchmarks: old ones stay (review.benchmarks).
        "benchmark_version": select(BenchmarkVersion).order_by(BenchmarkVersion.id),
        "benchmark_circumstance": select(BenchmarkCircumstance)
        .order_by(BenchmarkCircumstance.id),
        "benchmark_offence": select(BenchmarkOffence).order_by(BenchmarkOffence.id),
        "benchmark_tier": select(BenchmarkTier).order_by(BenchmarkTier.id),
        # Every version of the major-decision catalogue: old ones stay (review.catalogue).
        "review_rule": select(ReviewRule).order_by(ReviewRule.id),
        # Every version of every public list: old ones stay (public_lists.versions).
        "public_list_version": select(PublicListVersion).order_by(PublicListVersion.id),
        "public_list_row": select(PublicListRow).order_by(PublicListRow.id),
        # Every version of the audio-video item list: old ones stay (compliance.items).
        "recording_item_version": select(RecordingItemVersion).order_by(RecordingItemVersion.id),
        "recording_item": select(RecordingItem).order_by(RecordingItem.id),
    }


def reference_tables(session: Session, unit_id: str) -> dict[str, list[dict[str, Any]]]:
    queries = _queries(unit_id)
    assert tuple(queries) == REFERENCE_TABLES  # the protocol's order is the apply order
    return {table: [row_values(obj) for obj in session.execute(query).scalars()]
            for table, query in queries.items()}


def digest_of(tables: dict[str, list[dict[str, Any]]]) -> str:
    return hashlib.sha256(canonical_bytes(tables)).hexdigest()


def reference_version(session: Session) -> int:
    """The seq of HQ's newest ledger entry about reference data (0: none yet)."""
    return session.execute(select(func.max(LedgerEntry.seq)).where(
        LedgerEntry.object_type.in_(REFERENCE_TABLES))).scalar() or 0


def reference_for(service: HqService, caller: Caller) -> ReferenceData:
    """The caller's unit's reference data; the unit comes from the token, never the request."""
    cache = service.reference_cache
    with service.db.read() as session:
        version = reference_version(session)
        known = cache.get(caller.unit_id)
        if known is not None and known[0] == version:
            return known[1]
        # Read after the version: the tables are at least as new as it, so what is kept
        # under a version is never older than that version.
        tables = reference_tables(session, caller.unit_id)
    data = ReferenceData(digest_of(tables), tables)
    cache[caller.unit_id] = (version, data)  # one dict store: safe across worker threads
    return data
