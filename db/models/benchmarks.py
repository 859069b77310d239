"""Tables of benchmarks (see the migration of the same name).

Discretion benchmarks (行政处罚裁量基准) are HQ-owned reference data, kept as numbered
versions: each import is a whole new version and the old ones stay. A case's choice is the
workstation's own record and copies what was suggested, so that it never points into the
reference tables HQ may replace (see review.benchmarks).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime

__all__ = ["BenchmarkVersion", "BenchmarkCircumstance", "BenchmarkOffence", "BenchmarkTier",
           "CaseBenchmarkChoice"]

ID = String(32)
AMOUNT = String(24)   # exact decimal text, like enforcement_case.penalty_amount
CODE = String(40)


class BenchmarkVersion(Base):
    """One published list. The version in force on a day is the highest number whose
    ``effective_from`` has come. ``number`` is unique by the import service, not by the
    schema: HQ's versions replace a workstation's own when it enrolls (sync.reference)."""

    __tablename__ = "benchmark_version"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300))        # the file it came from
    sha256: Mapped[str] = mapped_column(String(64))         # of that file's content
    effective_from: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())
    imported_by: Mapped[str] = mapped_column(String(50))


class BenchmarkCircumstance(Base):
    """A circumstance (情形) a tier's conditions name by code, with its text."""

    __tablename__ = "benchmark_circumstance"
    __table_args__ = (UniqueConstraint("version_id", "code",
                                       name="uq_benchmark_circumstance_version_id_code"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("benchmark_version.id"), index=True)
    code: Mapped[str] = mapped_column(CODE)
    text: Mapped[str] = mapped_column(String(300))


class BenchmarkOffence(Base):
    """An offence (违法行为) with its legal basis and statutory range. ``measure`` "yuan":
    amounts in yuan; "multiple": multiples of ``base`` (货值金额, 违法所得 …). No
    ``statutory_low``: the law gives only a maximum (……以下罚款)."""

    __tablename__ = "benchmark_offence"
    __table_args__ = (UniqueConstraint("version_id", "code",
                                       name="uq_benchmark_offence_version_id_code"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("benchmark_version.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)               # order in the published list
    code: Mapped[str] = mapped_column(CODE)
    name: Mapped[str] = mapped_column(String(200))
    violation_law: Mapped[str] = mapped_column(String(100))
    violation_article: Mapped[str] = mapped_column(String(40))
    violation_clause: Mapped[str | None] = mapped_column(String(60))
    penalty_law: Mapped[str] = mapped_column(String(100))
    penalty_article: Mapped[str] = mapped_column(String(40))
    penalty_clause: Mapped[str | None] = mapped_column(String(60))
    penalty_kinds: Mapped[str] = mapped_column(Text)        # JSON array of names
    measure: Mapped[str] = mapped_column(String(10))        # yuan | multiple
    base: Mapped[str | None] = mapped_column(String(40))
    statutory_low: Mapped[str | None] = mapped_column(AMOUNT)
    statutory_high: Mapped[str] = mapped_column(AMOUNT)
    note: Mapped[str | None] = mapped_column(Text)


class BenchmarkTier(Base):
    """A tier (阶次) of an offence: the circumstances that put a case in it and its range,
    either as ``range_low``–``range_high`` in the offence's measure or as
    ``percent_low``–``percent_high`` of the statutory maximum."""

    __tablename__ = "benchmark_tier"
    __table_args__ = (UniqueConstraint("offence_id", "tier",
                                       name="uq_benchmark_tier_offence_id_tier"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    offence_id: Mapped[str] = mapped_column(ForeignKey("benchmark_offence.id"), index=True)
    tier: Mapped[str] = mapped_column(String(12))   # no_penalty|mitigated|lighter|general|heavier
    conditions: Mapped[str] = mapped_column(Text)   # JSON array of circumstance codes
    range_low: Mapped[str | None] = mapped_column(AMOUNT)
    range_high: Mapped[str | None] = mapped_column(AMOUNT)
    percent_low: Mapped[str | None] = mapped_column(String(12))
    percent_high: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(String(500))


class CaseBenchmarkChoice(Base):
    """The offence and circumstances a case chose, and what LawDesk suggested for them then.
    Choosing again replaces it (the ledger keeps every earlier choice)."""

    __tablename__ = "case_benchmark_choice"
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), primary_key=True)
    version_id: Mapped[str] = mapped_column(ID)     # no foreign key: see the module docstring
    version_number: Mapped[int] = mapped_column(Integer)
    offence_code: Mapped[str] = mapped_column(CODE)
    offence_name: Mapped[str] = mapped_column(String(200))
    circumstances: Mapped[str] = mapped_column(Text)  # JSON array of codes
    tier: Mapped[str] = mapped_column(String(12))
    measure: Mapped[str] = mapped_column(String(10))
    base: Mapped[str | None] = mapped_column(String(40))
    range_low: Mapped[str] = mapped_column(AMOUNT)   # in the measure (yuan, or multiples)
    range_high: Mapped[str] = mapped_column(AMOUNT)
    base_amount: Mapped[str | None] = mapped_column(AMOUNT)    # the 货值金额 … in yuan
    penalty_amount: Mapped[str | None] = mapped_column(AMOUNT)  # the case's, when chosen
    reason: Mapped[str | None] = mapped_column(Text)  # why a penalty outside the range
    basis: Mapped[str] = mapped_column(Text)          # the suggestion's basis text
    chosen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    chosen_by: Mapped[str] = mapped_column(String(50))
