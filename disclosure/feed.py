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
from typing import Any, Iterable

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

    def entries(self) -> dict[str, dict]:
        """Every entry by its key ("record:<id>", "withdrawal:<id>")."""
        found = {f"record:{e['id']}": e for e in self.records}
        found.update({f"withdrawal:{e['id']}": e for e in self.withdrawals})
        return found

    def digests(self) -> dict[str, str]:
        """Every entry's SHA-256 by its key: what an export or HQ compares."""
        return {key: entry_digest(entry) for key, entry in self.entries().items()}


@dataclass(frozen=True)
class RecordView:
    """The columns of a disclosure record that its published form reads, from the
    record's values as HQ rebuilt them from a workstation's ledger (canonical JSON: dates
    as ISO text). A DisclosureRecord row reads the same."""

    id: str
    rule_code: str
    status: str
    withheld: str | None
    masked: str
    document_number: str | None
    decided_on: date
    published_on: date | None
    online_until: date | None
    withdrawn_on: date | None
    withdrawal_reason: str | None
    expired_on: date | None

    @classmethod
    def of(cls, values: dict) -> "RecordView":
        def day(key: str) -> date | None:
            text = values.get(key)
            return date.fromisoformat(text[:10]) if text else None

        return cls(id=values["id"], rule_code=values["rule_code"], status=values["status"],
                   withheld=values.get("withheld"), masked=values.get("masked") or "{}",
                   document_number=values.get("document_number"),
                   decided_on=day("decided_on"), published_on=day("published_on"),
                   online_until=day("online_until"), withdrawn_on=day("withdrawn_on"),
                   withdrawal_reason=values.get("withdrawal_reason"),
                   expired_on=day("expired_on"))


SHOWN = ("published", "withdrawn", "expired")


def published_of(pairs: Iterable[tuple[Any, Any]], today: date | None = None) -> Published:
    """The portal's content from (record, rule) pairs: DisclosureRecord rows, or RecordViews
    at HQ. A published record past its online period (``online_until`` before ``today``)
    is off the portal even before an export marks it expired."""
    shown = [(record, rule) for record, rule in pairs
             if record.status in SHOWN and record.withheld is None]
    shown.sort(key=lambda pair: pair[0].id)
    shown.sort(key=lambda pair: (pair[0].published_on or date.min, pair[0].decided_on),
               reverse=True)
    records, withdrawals, dates, removed = [], [], {}, {}
    for record, rule in shown:
        if record.status == "published" and not (
                today and record.online_until and record.online_until < today):
            records.append(record_entry(record, rule))
            dates[f"record:{record.id}"] = record.published_on
        elif record.status == "withdrawn":
            withdrawals.append(withdrawal_notice(record, rule))
            dates[f"withdrawal:{record.id}"] = record.withdrawn_on
            removed[f"record:{record.id}"] = record.withdrawn_on
        else:
            removed[f"record:{record.id}"] = record.expired_on or record.online_until
    withdrawals.sort(key=lambda n: (n["withdrawn_on"] or "", n["id"]), reverse=True)
    return Published(records, withdrawals, dates, removed)


def published_now(session: Session) -> Published:
    return published_of(session.execute(
        select(DisclosureRecord, DisclosureRule)
        .join(DisclosureRule, DisclosureRule.code == DisclosureRecord.rule_code)
        .where(DisclosureRecord.status.in_(SHOWN),
               DisclosureRecord.withheld.is_(None))).all())


def published_form(ctx: Context, key: str) -> dict:
    """A record (by id or document number) as it is or would be published: the masked
    fields only, in the feed's shape (`lawdesk disclosure show --json`)."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    with ctx.read() as session:
        record = load_record(session, key)
        return record_entry(record, session.get(DisclosureRule, record.rule_code))
