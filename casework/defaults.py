"""The default case types, read from resources/casework/case_types.toml.

Seeded once, by the workstation itself (actor "system", in the ledger like any change),
into a folder whose case_type table is empty: a new folder at set-up, or one upgraded from
schema 0004. After that the database is the truth and admins edit it.
"""
from __future__ import annotations

import tomllib

from sqlalchemy import select

from audit.recorder import hold_ledger
from core.actor import SYSTEM
from db.database import Database
from db.models import CaseType
from resources import resource_path


def default_case_types() -> list[dict[str, str]]:
    with resource_path("casework", "case_types.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return [{"code": t["code"], "name_zh": t["name_zh"], "name_en": t["name_en"]}
            for t in data["type"]]


def _has_types(session) -> bool:  # noqa: ANN001
    return session.execute(select(CaseType.code).limit(1)).first() is not None


def ensure_defaults(db: Database) -> bool:
    """Seed the default case types into an empty table; True when it did.

    A cheap read first, so opening a folder that has them never takes the write lock."""
    with db.read() as session:
        if _has_types(session):
            return False
    types = default_case_types()
    with db.write(actor=SYSTEM, action="casework.defaults") as session:
        hold_ledger(session)  # PostgreSQL: two servers starting at once seed only once
        if _has_types(session):  # another process seeded while we waited for the lock
            return False
        session.add_all(CaseType(active=True, **t) for t in types)
    return True
