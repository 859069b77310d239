"""Tables of legal review (重大执法决定法制审核); added by migration 0008.

The rules (what matches the catalogue, who may review, the states a review passes through)
live in ``review/``; these rows only say what was recorded.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, UtcDateTime, new_id, utc_now

__all__ = ["ReviewRule", "ReviewCaseFacts", "CaseReview", "ReviewStep", "ReviewMaterial",
           "ReviewerQualification", "ReviewerTraining"]

ID = String(32)
AMOUNT = String(24)  # exact decimal text, as enforcement_case.penalty_amount


class ReviewRule(Base):
    """One version of a rule of the major-decision catalogue (重大执法决定目录清单).

    A change is a new row (``version`` + 1) taking effect on ``effective_from``; old rows
    stay, so what the catalogue said on any day can be read back. Every condition that is
    set must hold for the rule to match (lists: any of their values); a retired rule is a
    version with ``active`` false. HQ owns the table once a workstation is enrolled."""

    __tablename__ = "review_rule"
    __table_args__ = (UniqueConstraint("code", "version", name="uq_review_rule_code_version"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)            # the law, article or document
    # JSON arrays of codes; "[]" leaves the condition open.
    case_types: Mapped[str] = mapped_column(Text, default="[]")
    procedures: Mapped[str] = mapped_column(Text, default="[]")
    penalty_kinds: Mapped[str] = mapped_column(Text, default="[]")
    fine_person_at_least: Mapped[str | None] = mapped_column(AMOUNT)
    fine_organisation_at_least: Mapped[str | None] = mapped_column(AMOUNT)
    hearing_held: Mapped[bool] = mapped_column(Boolean, default=False)
    mitigated: Mapped[bool] = mapped_column(Boolean, default=False)
    major_social_impact: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(50))


class ReviewCaseFacts(Base):
    """What the catalogue asks of a case beyond its own columns: the kinds of penalty
    decided (行政处罚法 art. 9), whether it is mitigated (减轻) and whether it has a major
    social impact."""

    __tablename__ = "review_case_facts"
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), primary_key=True)
    penalty_kinds: Mapped[str] = mapped_column(Text, default="[]")   # JSON array of codes
    mitigated: Mapped[bool] = mapped_column(Boolean, default=False)
    major_social_impact: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(50))


class CaseReview(Base):
    """The legal review of one case: its state now and the current submission's time
    limit. The history is in review_step."""

    __tablename__ = "case_review"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), unique=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    outcome: Mapped[str | None] = mapped_column(String(16))   # of the last decision
    round: Mapped[int] = mapped_column(Integer, default=0)    # submissions so far
    submitted_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    # JSON array of years the due date was counted Monday–Friday (no calendar data).
    fallback_years: Mapped[str] = mapped_column(String(100), default="[]")
    reviewer: Mapped[str | None] = mapped_column(String(50))
    # SHA-256 of the penalty as submitted: a change after that sends the review back.
    penalty_digest: Mapped[str | None] = mapped_column(String(64))
    # The catalogue rules the case matched when submitted, as JSON (what the reviewer saw).
    matched_rules: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class ReviewStep(Base):
    """One thing done in a review: who, when, what it led to and the opinion given."""

    __tablename__ = "review_step"
    __table_args__ = (UniqueConstraint("review_id", "seq", name="uq_review_step_review_id_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    review_id: Mapped[str] = mapped_column(ForeignKey("case_review.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    round: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(16))            # the state it led to
    outcome: Mapped[str | None] = mapped_column(String(16))
    opinion: Mapped[str | None] = mapped_column(Text)
    points: Mapped[str | None] = mapped_column(Text)          # JSON: the eight points
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class ReviewMaterial(Base):
    """A PDF handed in for review, kept write-once by SHA-256 in documents/. A later one
    for the same item replaces it on the checklist; the earlier stays on record."""

    __tablename__ = "review_material"
    __table_args__ = (UniqueConstraint("review_id", "seq",
                                       name="uq_review_material_review_id_seq"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    review_id: Mapped[str] = mapped_column(ForeignKey("case_review.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)         # order of attaching, per review
    item: Mapped[str] = mapped_column(String(30))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(60))   # file | generated:<template id>
    attached_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    attached_by: Mapped[str] = mapped_column(String(50))


class ReviewerQualification(Base):
    """Why an account may give legal-review opinions: a 法律职业资格 certificate number, or
    the training and appointment the bureau's rules accept instead."""

    __tablename__ = "reviewer_qualification"
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    legal_certificate: Mapped[str | None] = mapped_column(String(40))
    appointment: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    recorded_by: Mapped[str] = mapped_column(String(50))


class ReviewerTraining(Base):
    """A training a reviewer attended (measure 22)."""

    __tablename__ = "reviewer_training"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[str] = mapped_column(String(8))     # decimal text: "3.5"
    subject: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    recorded_by: Mapped[str] = mapped_column(String(50))
