"""Tables of results disclosure (事后公示); added by migration 0010.

The rules (what is disclosed, by when, how it is masked) live in ``disclosure/``; these
rows only say what was decided and recorded.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id

__all__ = ["DisclosureRule", "DisclosureRecord", "DisclosureExport"]

ID = String(32)


class DisclosureRule(Base):
    """Which results of which cases are disclosed, with which fields, within how many
    working days, for how long and how they are withdrawn. Shipped in
    resources/disclosure/rules.toml, seeded once, then the admin's (or, once enrolled,
    HQ's) data. Rules are tried by ``priority``, lowest first; the first that matches a
    case decides, so a rule with ``disclosed`` false leaves a kind of result out."""

    __tablename__ = "disclosure_rule"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80))
    disclosed: Mapped[bool] = mapped_column(Boolean)
    # "document:<template id>" or "step:<step code>": what drafts the record.
    trigger: Mapped[str] = mapped_column(String(60))
    # JSON arrays; [] matches any: case type codes, procedures, and penalty kinds of which
    # the case's must ALL be (e.g. ["warning"]: a case whose only penalty is a warning).
    case_types: Mapped[str] = mapped_column(Text)
    procedures: Mapped[str] = mapped_column(Text)
    only_penalty_kinds: Mapped[str] = mapped_column(Text)
    fields: Mapped[str] = mapped_column(Text)              # JSON array of field keys, in order
    deadline_workdays: Mapped[int] = mapped_column(Integer)
    online_years: Mapped[int] = mapped_column(Integer)
    person_online_years: Mapped[int] = mapped_column(Integer)
    withdrawal_workdays: Mapped[int] = mapped_column(Integer)
    review_required: Mapped[bool] = mapped_column(Boolean)
    id_number_mask: Mapped[str] = mapped_column(String(10))  # partial | full
    basis: Mapped[str] = mapped_column(Text)                # the sources of the rule
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DisclosureRecord(Base):
    """One result to disclose: drafted when its decision was recorded, then reviewed,
    published, perhaps withdrawn, and expired at the end of its online period.

    ``original`` and ``masked`` are JSON objects of field key -> text: what the case said
    and what is published; ``masks`` lists what masking took out (field, rule, count)."""

    __tablename__ = "disclosure_record"
    __table_args__ = (
        UniqueConstraint("document_id", name="uq_disclosure_record_document_id"),
        Index("ix_disclosure_record_status_deadline", "status", "deadline"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    rule_code: Mapped[str] = mapped_column(ForeignKey("disclosure_rule.code"))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("issued_document.id"))
    document_number: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12))  # drafted|reviewed|published|withdrawn|expired
    decided_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    calendar_warning: Mapped[str | None] = mapped_column(Text)
    natural_person: Mapped[bool] = mapped_column(Boolean)
    withheld: Mapped[str | None] = mapped_column(String(16))  # minor | secret | privacy
    original: Mapped[str] = mapped_column(Text)
    masked: Mapped[str] = mapped_column(Text)
    masks: Mapped[str] = mapped_column(Text)
    drafted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    drafted_by: Mapped[str] = mapped_column(String(50))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    approved_by: Mapped[str | None] = mapped_column(String(50))
    published_on: Mapped[date | None] = mapped_column(Date)
    published_by: Mapped[str | None] = mapped_column(String(50))
    online_until: Mapped[date | None] = mapped_column(Date)
    # The decision changed, revoked or found void (行政处罚法 art. 48): by when to withdraw.
    changed_on: Mapped[date | None] = mapped_column(Date)
    withdrawal_due: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_by: Mapped[str | None] = mapped_column(String(50))
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    expired_on: Mapped[date | None] = mapped_column(Date)


class DisclosureExport(Base):
    """One export of the portal site and feed: when, by whom, since when, what it held and
    what changed since the export before it (the folder's state file has the detail)."""

    __tablename__ = "disclosure_export"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    exported_at: Mapped[datetime] = mapped_column(UtcDateTime())
    exported_by: Mapped[str] = mapped_column(String(50))
    since: Mapped[date | None] = mapped_column(Date)
    records: Mapped[int] = mapped_column(Integer)
    withdrawals: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    feed_sha256: Mapped[str] = mapped_column(String(64))
