"""The default device types and ratio standards, read from resources/devices/*.toml.

Seeded once, by the workstation itself (actor "system", in the ledger like any change),
into a folder whose device_type table is empty: a new folder at set-up, or one upgraded
from schema 0002. After that the database is the truth and admins edit it; an admin who
deactivates every type does not get the defaults back, because the rows still exist.
"""
from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from audit.recorder import hold_ledger
from core.actor import SYSTEM
from db.database import Database
from db.models import DeviceType, RatioStandard
from resources import resource_path


def _load(name: str) -> dict[str, Any]:
    with resource_path("devices", name).open("rb") as handle:
        return tomllib.load(handle)


def default_device_types() -> list[dict[str, str]]:
    return [{"code": t["code"], "name_zh": t["name_zh"], "name_en": t["name_en"]}
            for t in _load("device_types.toml")["type"]]


def default_ratio_standards() -> list[dict[str, Any]]:
    return [{"device_type": s["device_type"],
             "officers_per_device": s.get("officers_per_device"),
             "minimum": s.get("minimum")} for s in _load("ratio_standards.toml")["standard"]]


def _has_types(session) -> bool:  # noqa: ANN001
    return session.execute(select(DeviceType.code).limit(1)).first() is not None


def ensure_defaults(db: Database, *, now: datetime | None = None) -> bool:
    """Seed the defaults into an empty device_type table; True when it did.

    A cheap read first, so opening a folder that has them never takes the write lock."""
    with db.read() as session:
        if _has_types(session):
            return False
    types, standards = default_device_types(), default_ratio_standards()
    at = now or datetime.now(timezone.utc)
    with db.write(actor=SYSTEM, action="devices.defaults") as session:
        hold_ledger(session)  # PostgreSQL: two servers starting at once seed only once
        if _has_types(session):  # another process seeded while we waited for the lock
            return False
        session.add_all(DeviceType(active=True, **t) for t in types)
        session.flush()
        session.add_all(RatioStandard(unit_id=None, updated_at=at, **s) for s in standards)
    return True
