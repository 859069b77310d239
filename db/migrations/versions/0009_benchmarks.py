"""Discretion benchmarks (行政处罚裁量基准): offences, tiers and ranges, and what a case chose.

The shipped example benchmarks are data, not schema: the workspace seeds them through
review.benchmark_files (audited) when it opens a folder that has none.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)
AMOUNT = sa.String(24)
CODE = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "benchmark_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("imported_at", TZ, nullable=False),
        sa.Column("imported_by", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_version"),
    )
    op.create_index("ix_benchmark_version_number", "benchmark_version", ["number"])
    op.create_table(
        "benchmark_circumstance",
        sa.Column("id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["benchmark_version.id"],
                                name="fk_benchmark_circumstance_version_id_benchmark_version"),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_circumstance"),
        sa.UniqueConstraint("version_id", "code",
                            name="uq_benchmark_circumstance_version_id_code"),
    )
    op.create_index("ix_benchmark_circumstance_version_id", "benchmark_circumstance",
                    ["version_id"])
    op.create_table(
        "benchmark_offence",
        sa.Column("id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("code", CODE, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("violation_law", sa.String(100), nullable=False),
        sa.Column("violation_article", sa.String(40), nullable=False),
        sa.Column("violation_clause", sa.String(60), nullable=True),
        sa.Column("penalty_law", sa.String(100), nullable=False),
        sa.Column("penalty_article", sa.String(40), nullable=False),
        sa.Column("penalty_clause", sa.String(60), nullable=True),
        sa.Column("penalty_kinds", sa.Text(), nullable=False),
        sa.Column("measure", sa.String(10), nullable=False),
        sa.Column("base", sa.String(40), nullable=True),
        sa.Column("statutory_low", AMOUNT, nullable=True),
        sa.Column("statutory_high", AMOUNT, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["benchmark_version.id"],
                                name="fk_benchmark_offence_version_id_benchmark_version"),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_offence"),
        sa.UniqueConstraint("version_id", "code", name="uq_benchmark_offence_version_id_code"),
    )
    op.create_index("ix_benchmark_offence_version_id", "benchmark_offence", ["version_id"])
    op.create_table(
        "benchmark_tier",
        sa.Column("id", ID, nullable=False),
        sa.Column("offence_id", ID, nullable=False),
        sa.Column("tier", sa.String(12), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("range_low", AMOUNT, nullable=True),
        sa.Column("range_high", AMOUNT, nullable=True),
        sa.Column("percent_low", sa.String(12), nullable=True),
        sa.Column("percent_high", sa.String(12), nullable=True),
        sa.Column("note", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(["offence_id"], ["benchmark_offence.id"],
                                name="fk_benchmark_tier_offence_id_benchmark_offence"),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_tier"),
        sa.UniqueConstraint("offence_id", "tier", name="uq_benchmark_tier_offence_id_tier"),
    )
    op.create_index("ix_benchmark_tier_offence_id", "benchmark_tier", ["offence_id"])
    op.create_table(
        "case_benchmark_choice",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("offence_code", CODE, nullable=False),
        sa.Column("offence_name", sa.String(200), nullable=False),
        sa.Column("circumstances", sa.Text(), nullable=False),
        sa.Column("tier", sa.String(12), nullable=False),
        sa.Column("measure", sa.String(10), nullable=False),
        sa.Column("base", sa.String(40), nullable=True),
        sa.Column("range_low", AMOUNT, nullable=False),
        sa.Column("range_high", AMOUNT, nullable=False),
        sa.Column("base_amount", AMOUNT, nullable=True),
        sa.Column("penalty_amount", AMOUNT, nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("chosen_at", TZ, nullable=False),
        sa.Column("chosen_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"],
                                name="fk_case_benchmark_choice_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_benchmark_choice"),
    )


def downgrade() -> None:
    op.drop_table("case_benchmark_choice")
    op.drop_index("ix_benchmark_tier_offence_id", table_name="benchmark_tier")
    op.drop_table("benchmark_tier")
    op.drop_index("ix_benchmark_offence_version_id", table_name="benchmark_offence")
    op.drop_table("benchmark_offence")
    op.drop_index("ix_benchmark_circumstance_version_id", table_name="benchmark_circumstance")
    op.drop_table("benchmark_circumstance")
    op.drop_index("ix_benchmark_version_number", table_name="benchmark_version")
    op.drop_table("benchmark_version")
