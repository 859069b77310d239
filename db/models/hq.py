"""HQ's tables (migration 0006): enrolled workstations, enrollment codes, every workstation's
ledger as received, the records rebuilt from it, and the files received; (migration 0011)
the nonces of recent token requests and the writes HQ refused.

An HQ data folder is a LawDesk data folder like any other (units, officers, accounts and
HQ's own ledger live in the usual tables); these tables are empty on a workstation.

Received ledger entries and checkpoints are not audited again: they are a copy of a chain
that HQ re-verified, and that chain is its own proof. Rebuilt records (``HqRecord``) are a
projection of that chain and can be rebuilt from it at any time. Enrollment, codes and
received files are HQ's own acts and go into HQ's ledger.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id

ID = String(32)
SHA = String(64)


class HqWorkstation(Base):
    """An enrolled workstation; ``id`` is its own ledger id, which its checkpoints sign."""

    __tablename__ = "hq_workstation"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Set when a pushed chain failed verification; pushes stay refused until cleared.
    chain_problem: Mapped[str | None] = mapped_column(Text)
    chain_problem_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HqWorkstationState(Base):
    """How far each workstation's chain has been received; changes on every push."""

    __tablename__ = "hq_workstation_state"
    __audited__ = False
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    ledger_seq: Mapped[int] = mapped_column(Integer, default=0)
    ledger_hash: Mapped[str] = mapped_column(SHA, default="0" * 64)
    # The highest entry covered by a verified checkpoint signature.
    signed_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The entry that recorded the workstation's own enrollment (its sync_link insert); NULL
    # until received. Writes to HQ-owned data before it were the workstation's set-up, kept
    # as "local"; after it they are refusals (hq.records).
    linked_seq: Mapped[int | None] = mapped_column(Integer)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HqAuthNonce(Base):
    """The nonce of a token request HQ accepted, kept while a request with the same ``at``
    would still be inside the allowed clock skew: a second use of it is a replay. Older ones
    are purged (hq.auth), so the table holds minutes of requests, not history."""

    __tablename__ = "hq_auth_nonce"
    __audited__ = False
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The request's own time (the workstation's clock), which decides when it expires.
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class HqEnrollmentCode(Base):
    """A one-time code; only its SHA-256 is kept, so a database reader cannot enroll."""

    __tablename__ = "hq_enrollment_code"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    code_sha256: Mapped[str] = mapped_column(SHA, unique=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(50))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by: Mapped[str | None] = mapped_column(ID)


class HqLedgerEntry(Base):
    """One entry of a workstation's ledger, exactly as it hashed there.

    ``disposition``: applied (rebuilt into HqRecord), mirror (the workstation's copy of
    reference data HQ sent down), local (the workstation's own edit of data HQ owns, made
    before it enrolled: kept, not applied), refused (a write to data the workstation does
    not own, made after it enrolled; kept, because the chain needs it, but never applied),
    event (changes no record)."""

    __tablename__ = "hq_ledger_entry"
    __audited__ = False
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80))
    change: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(SHA)
    hash: Mapped[str] = mapped_column(SHA)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disposition: Mapped[str] = mapped_column(String(10))
    refusal: Mapped[str | None] = mapped_column(Text)


class HqRefusedWrite(Base):
    """A pushed ledger entry HQ did not apply and reported back as refused (hq.records):
    what an HQ admin lists with `lawdesk hq refused`. Like HqRecord a projection of the
    received chain (the entry itself stays in HqLedgerEntry), so not audited again."""

    __tablename__ = "hq_refused_write"
    __audited__ = False
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # The entry's own time, actor, action and record, as the workstation wrote them.
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80))
    # Why, as a code (hq.records.REFUSAL_CODES) and in both languages.
    reason_code: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class HqCheckpoint(Base):
    """A workstation's signed checkpoint, verified with its enrolled key on arrival."""

    __tablename__ = "hq_checkpoint"
    __audited__ = False
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head_hash: Mapped[str] = mapped_column(SHA)
    at: Mapped[str] = mapped_column(String(32))
    signature: Mapped[str] = mapped_column(String(128))


class HqRecord(Base):
    """A workstation-owned record as its ledger last left it (the rebuilt state)."""

    __tablename__ = "hq_record"
    __audited__ = False
    __table_args__ = (Index("ix_hq_record_unit_type", "unit_id", "object_type"),)
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"),
                                                primary_key=True)
    object_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    object_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    unit_id: Mapped[str] = mapped_column(ID)
    # Canonical JSON of the column values.
    values: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class HqFile(Base):
    """A file HQ holds in its store, hashed by HQ itself when it arrived."""

    __tablename__ = "hq_file"
    sha256: Mapped[str] = mapped_column(SHA, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    first_workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"))
    # What the first sender said it is (sync.protocol.FILE_KINDS); a label, not a proof.
    kind: Mapped[str | None] = mapped_column(String(16))


class HqFileHolding(Base):
    """Which workstations sent (or asked after) a file HQ holds.

    Keyed by its own id: the ledger names a record by its key, in at most 80 characters,
    and a hash and a workstation id together are longer."""

    __tablename__ = "hq_file_holding"
    __table_args__ = (UniqueConstraint("sha256", "workstation_id",
                                       name="uq_hq_file_holding_sha256_workstation_id"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(ForeignKey("hq_file.sha256"))
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class HqUpload(Base):
    """A tus upload: its bytes so far are in ``uploads/<id>.part`` under the HQ store.

    ``offset`` is only advanced after the bytes up to it are fsynced, so after a crash the
    part file may be longer than ``offset`` (never shorter) and is cut back on resume."""

    __tablename__ = "hq_upload"
    __audited__ = False
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    workstation_id: Mapped[str] = mapped_column(ForeignKey("hq_workstation.id"), index=True)
    sha256: Mapped[str] = mapped_column(SHA)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    metadata_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
