"""Legal review of major decisions: the catalogue rules, reviews and their steps, materials, reviewers' qualifications and training.

The shipped catalogue is data, not schema: the workspace seeds it through review.defaults
(audited) when it opens a folder whose review_rule table is empty.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "review_rule",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("name_zh", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("case_types", sa.Text(), nullable=False),
        sa.Column("procedures", sa.Text(), nullable=False),
        sa.Column("penalty_kinds", sa.Text(), nullable=False),
        sa.Column("fine_person_at_least", sa.String(24), nullable=True),
        sa.Column("fine_organisation_at_least", sa.String(24), nullable=True),
        sa.Column("hearing_held", sa.Boolean(), nullable=False),
        sa.Column("mitigated", sa.Boolean(), nullable=False),
        sa.Column("major_social_impact", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_rule"),
        sa.UniqueConstraint("code", "version", name="uq_review_rule_code_version"),
    )
    op.create_index("ix_review_rule_code", "review_rule", ["code"])
    op.create_table(
        "review_case_facts",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("penalty_kinds", sa.Text(), nullable=False),
        sa.Column("mitigated", sa.Boolean(), nullable=False),
        sa.Column("major_social_impact", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"],
                                name="fk_review_case_facts_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("case_id", name="pk_review_case_facts"),
    )
    op.create_table(
        "case_review",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("fallback_years", sa.String(100), nullable=False),
        sa.Column("reviewer", sa.String(50), nullable=True),
        sa.Column("penalty_digest", sa.String(64), nullable=True),
        sa.Column("matched_rules", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"],
                                name="fk_case_review_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_case_review"),
        sa.UniqueConstraint("case_id", name="uq_case_review_case_id"),
    )
    op.create_index("ix_case_review_state", "case_review", ["state"])
    op.create_table(
        "review_step",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("review_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=True),
        sa.Column("points", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(50), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["case_review.id"],
                                name="fk_review_step_review_id_case_review"),
        sa.PrimaryKeyConstraint("id", name="pk_review_step"),
        sa.UniqueConstraint("review_id", "seq", name="uq_review_step_review_id_seq"),
    )
    op.create_index("ix_review_step_review_id", "review_step", ["review_id"])
    op.create_table(
        "review_material",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("review_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(30), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("attached_at", TZ, nullable=False),
        sa.Column("attached_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["case_review.id"],
                                name="fk_review_material_review_id_case_review"),
        sa.PrimaryKeyConstraint("id", name="pk_review_material"),
        sa.UniqueConstraint("review_id", "seq", name="uq_review_material_review_id_seq"),
    )
    op.create_index("ix_review_material_review_id", "review_material", ["review_id"])
    op.create_table(
        "reviewer_qualification",
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("legal_certificate", sa.String(40), nullable=True),
        sa.Column("appointment", sa.Text(), nullable=True),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("recorded_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name="fk_reviewer_qualification_user_id_user_account"),
        sa.PrimaryKeyConstraint("user_id", name="pk_reviewer_qualification"),
    )
    op.create_table(
        "reviewer_training",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.String(8), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(100), nullable=True),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("recorded_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name="fk_reviewer_training_user_id_user_account"),
        sa.PrimaryKeyConstraint("id", name="pk_reviewer_training"),
    )
    op.create_index("ix_reviewer_training_user_id", "reviewer_training", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_reviewer_training_user_id", table_name="reviewer_training")
    op.drop_table("reviewer_training")
    op.drop_table("reviewer_qualification")
    op.drop_index("ix_review_material_review_id", table_name="review_material")
    op.drop_table("review_material")
    op.drop_index("ix_review_step_review_id", table_name="review_step")
    op.drop_table("review_step")
    op.drop_index("ix_case_review_state", table_name="case_review")
    op.drop_table("case_review")
    op.drop_table("review_case_facts")
    op.drop_index("ix_review_rule_code", table_name="review_rule")
    op.drop_table("review_rule")
