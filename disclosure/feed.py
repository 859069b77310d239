"""The published form of disclosure records: one entry per published record and one notice
per withdrawal, as the portal feed (docs/disclosure-feed.schema.json) and the static site
show them, and as `lawdesk disclosure show` prints them.

Only the masked text is ever read here: the original never leaves the database.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.canonical import canonical_bytes
from core.context import Context
from core.permissions import Permission, require
from db.models import DisclosureRecord, DisclosureRule
from disclosure.records import load_record
from disclosure.rules import labels

FEED_FORMAT = "lawdesk-disclosure-feed"
FEED_VERSION = 1
SCHEMA_NAME = "disclosure-feed.schema.json"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def record_entry(record: DisclosureRecord, rule: DisclosureRule) -> dict:
    """A record as it is (or would be) published: its masked fields, labelled, in the
    rule's order."""
    masked = json.loads(record.masked)
    names = labels()
    return {"id": record.id, "kind": rule.code, "kind_name": rule.name_zh,
            "document_number": record.document_number,
            "case_name": masked.get("case_name") or None,
            "decided_on": record.decided_on.isoformat(),
            "published_on": _iso(record.published_on),
            "online_until": _iso(record.online_until),
            "fields": [{"key": key, "label": names.get(key, key), "value": value}
                       for key, value in masked.items()]}


def withdrawal_notice(record: DisclosureRecord, rule: DisclosureRule) -> dict:
    """The notice that a published record was withdrawn, and why (行政处罚法 第四十八条:
    the reasons are published)."""
    masked = json.loads(record.masked)
    return {"id": record.id, "kind": rule.code, "kind_name": rule.name_zh,
            "document_number": record.document_number,
            "case_name": masked.get("case_name") or None,
            "party_name": masked.get("party_name") or None,
            "decided_on": record.decided_on.isoformat(),
            "published_on": _iso(record.published_on),
            "withdrawn_on": _iso(record.withdrawn_on),
            "reason": record.withdrawal_reason or ""}


def entry_digest(entry: dict) -> str:
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


@dataclass(frozen=True)
class Published:
    """Everything the portal shows now, newest first, with each entry's changed-on date
    (for --since)."""

    records: list[dict]
    withdrawals: list[dict]
    dates: dict[str, date]           # "record:<id>" / "withdrawal:<id>" -> when it changed
    removed_since: dict[str, date]   # records that left the portal, and when


def published_now(session: Session) -> Published:
    rows = session.execute(
        select(DisclosureRecord, DisclosureRule)
        .join(DisclosureRule, DisclosureRule.code == DisclosureRecord.rule_code)
        .where(DisclosureRecord.status.in_(("published", "withdrawn", "expired")),
               DisclosureRecord.withheld.is_(None))
        .order_by(DisclosureRecord.published_on.desc(), DisclosureRecord.decided_on.desc(),
                  DisclosureRecord.id)).all()
    records, withdrawals, dates, removed = [], [], {}, {}
    for record, rule in rows:
        if record.status == "published":
            records.append(record_entry(record, rule))
            dates[f"record:{record.id}"] = record.published_on
        elif record.status == "withdrawn":
            withdrawals.append(withdrawal_notice(record, rule))
            dates[f"withdrawal:{record.id}"] = record.withdrawn_on
            removed[f"record:{record.id}"] = record.withdrawn_on
        else:
            removed[f"record:{record.id}"] = record.expired_on
    withdrawals.sort(key=lambda n: (n["withdrawn_on"] or "", n["id"]), reverse=True)
    return Published(records, withdrawals, dates, removed)


def published_form(ctx: Context, key: str) -> dict:
    """A record (by id or document number) as it is or would be published: the masked
    fields only, in the feed's shape (`lawdesk disclosure show --json`)."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    with ctx.read() as session:
        record = load_record(session, key)
        return record_entry(record, session.get(DisclosureRule, record.rule_code))
