"""Cases, their parties, officers, steps and evidence; numbering counters; issued documents.

Added by migration 0005. The rules (step order, check digits, certification, numbering
patterns) live in ``casework/``; these rows only say what was recorded.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

ID = String(32)
SHA = String(64)
STEP = String(20)


class CaseType(Base):
    """A kind of case (行政处罚, 行政检查 …): an editable list, deactivated rather than
    deleted so old cases keep their meaning."""

    __tablename__ = "case_type"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Case(Base):
    """One enforcement case. ``status`` is open until the closing step is recorded."""

    __tablename__ = "enforcement_case"
    __table_args__ = (Index("ix_enforcement_case_status_created_at", "status", "created_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("case_type.code"))
    procedure: Mapped[str] = mapped_column(String(12))  # simplified | ordinary
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"), index=True)
    cause: Mapped[str] = mapped_column(String(200))            # 案由
    source: Mapped[str | None] = mapped_column(String(100))    # 案件来源
    place: Mapped[str | None] = mapped_column(String(200))     # 案发地点
    occurred_on: Mapped[date | None] = mapped_column(Date)
    facts: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    penalty: Mapped[str | None] = mapped_column(Text)
    # Exact decimal text ("5000.00"): SQLite has no decimal type and a float would round.
    penalty_amount: Mapped[str | None] = mapped_column(String(24))
    # Values for the documents' typed-in fields, as a JSON object (template field -> text).
    fields: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(50))


class CaseOfficer(Base):
    """A handling officer (办案人员); ``seq`` 1 is the lead (主办). The certificate number is
    the one that made the officer eligible when assigned."""

    __tablename__ = "case_officer"
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), primary_key=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), primary_key=True,
                                            index=True)
    seq: Mapped[int] = mapped_column(Integer)
    certificate_number: Mapped[str] = mapped_column(String(40))


class CaseParty(Base):
    """A party (当事人): a natural person or an organisation."""

    __tablename__ = "case_party"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_party_case_id_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))       # person | organisation
    name: Mapped[str] = mapped_column(String(100), index=True)
    id_type: Mapped[str] = mapped_column(String(16))    # resident_id | uscc | other
    id_number: Mapped[str] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    legal_representative: Mapped[str | None] = mapped_column(String(50))


class CaseStep(Base):
    """A procedural step done on a day (立案, 调查取证 … 结案)."""

    __tablename__ = "case_step"
    __table_args__ = (UniqueConstraint("case_id", "step", name="uq_case_step_case_id_step"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    step: Mapped[str] = mapped_column(STEP)
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    recorded_by: Mapped[str] = mapped_column(String(50))


class EvidenceLink(Base):
    """A stored file (footage, photo, audio) tied to a case and one of its steps, by hash."""

    __tablename__ = "evidence_link"
    __table_args__ = (UniqueConstraint("case_id", "sha256", "step",
                                       name="uq_evidence_link_case_id_sha256_step"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    sha256: Mapped[str] = mapped_column(SHA, index=True)
    step: Mapped[str] = mapped_column(STEP)
    note: Mapped[str | None] = mapped_column(String(500))
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    linked_by: Mapped[str] = mapped_column(String(50))


class DocumentCounter(Base):
    """The last number issued per unit, kind and year. Read and raised inside the write
    transaction that records the numbered thing, so a number is never reused or skipped."""

    __tablename__ = "document_counter"
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class IssuedDocument(Base):
    """A numbered document as issued: its PDF is kept write-once by SHA-256 (see
    casework.documents.archive), and the values it was filled with are kept here."""

    __tablename__ = "issued_document"
    __table_args__ = (
        UniqueConstraint("unit_id", "kind", "year", "seq",
                         name="uq_issued_document_unit_id_kind_year_seq"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    sha256: Mapped[str] = mapped_column(SHA)
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int] = mapped_column(Integer)
    font: Mapped[str] = mapped_column(String(200))
    # The filled values as canonical JSON: what the document said, field by field.
    fields: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    issued_by: Mapped[str] = mapped_column(String(50))
