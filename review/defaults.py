"""The shipped catalogue (resources/review/catalogue.toml), seeded once by the workstation
itself (actor "system", in the ledger like any change) into a folder whose review_rule
table is empty: a new folder at set-up, or one upgraded to schema 0008. An enrolled
workstation is left alone: the catalogue is HQ's, and arrives with the next sync."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from sqlalchemy import select

from audit.recorder import hold_ledger
from core.actor import SYSTEM
from db.database import Database
from db.models import ReviewRule, SyncLink
from review.catalogue import rule_row, shipped_rules


def _seeded_or_hqs(session) -> bool:  # noqa: ANN001
    return (session.execute(select(ReviewRule.id).limit(1)).first() is not None
            or session.execute(select(SyncLink.id).limit(1)).first() is not None)


def _seeded(rule, at: datetime) -> ReviewRule:  # noqa: ANN001
    """A shipped rule's row under an id derived from its code and version, so HQ and every
    workstation seeding the same file hold the same rows and the first sync moves none."""
    row = rule_row(rule, SYSTEM, at)
    row.id = hashlib.sha256(f"review_rule:{rule.code}:{rule.version}".encode()).hexdigest()[:32]
    return row


def ensure_defaults(db: Database, *, now: datetime | None = None) -> bool:
    """Seed the shipped catalogue into an empty table; True when it did.

    A cheap read first, so opening a folder that has it never takes the write lock."""
    with db.read() as session:
        if _seeded_or_hqs(session):
            return False
    rules, at = shipped_rules(), now or datetime.now(timezone.utc)
    with db.write(actor=SYSTEM, action="review.defaults") as session:
        hold_ledger(session)  # PostgreSQL: two servers starting at once seed only once
        if _seeded_or_hqs(session):
            return False
        session.add_all(_seeded(rule, at) for rule in rules)
    return True
