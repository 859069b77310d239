"""The reference data HQ owns and sends down to a unit's workstations.

A workstation of a unit gets that unit's row, its officers and their certificates, every
device type, the ratio standards that hold for it (the global ones and its unit's) and every
case type: nothing of another unit. The digest lets a workstation that is up to date skip
the download."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.canonical import canonical_bytes
from db.models import CaseType, Certificate, DeviceType, Officer, RatioStandard, Unit
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
    }


def reference_tables(session: Session, unit_id: str) -> dict[str, list[dict[str, Any]]]:
    queries = _queries(unit_id)
    assert tuple(queries) == REFERENCE_TABLES  # the protocol's order is the apply order
    return {table: [row_values(obj) for obj in session.execute(query).scalars()]
            for table, query in queries.items()}


def digest_of(tables: dict[str, list[dict[str, Any]]]) -> str:
    return hashlib.sha256(canonical_bytes(tables)).hexdigest()


def reference_for(service: HqService, caller: Caller) -> ReferenceData:
    """The caller's unit's reference data; the unit comes from the token, never the request."""
    with service.db.read() as session:
        tables = reference_tables(session, caller.unit_id)
    return ReferenceData(digest_of(tables), tables)
