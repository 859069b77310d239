"""Results disclosure (事后公示): rules, drafted and published records, withdrawals, exports.

The shipped rules are data, not schema: the workspace seeds them through
disclosure.rules (audited) when it opens a folder whose disclosure_rule table is empty.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "disclosure_rule",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("name_zh", sa.String(60), nullable=False),
        sa.Column("name_en", sa.String(80), nullable=False),
        sa.Column("disclosed", sa.Boolean(), nullable=False),
        sa.Column("trigger", sa.String(60), nullable=False),
        sa.Column("case_types", sa.Text(), nullable=False),
        sa.Column("procedures", sa.Text(), nullable=False),
        sa.Column("only_penalty_kinds", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("deadline_workdays", sa.Integer(), nullable=False),
        sa.Column("online_years", sa.Integer(), nullable=False),
        sa.Column("person_online_years", sa.Integer(), nullable=False),
        sa.Column("withdrawal_workdays", sa.Integer(), nullable=False),
        sa.Column("review_required", sa.Boolean(), nullable=False),
        sa.Column("id_number_mask", sa.String(10), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_disclosure_rule"),
    )
    op.create_table(
        "disclosure_record",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("rule_code", sa.String(40), nullable=False),
        sa.Column("document_id", ID, nullable=True),
        sa.Column("document_number", sa.String(80), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("calendar_warning", sa.Text(), nullable=True),
        sa.Column("natural_person", sa.Boolean(), nullable=False),
        sa.Column("withheld", sa.String(16), nullable=True),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("masked", sa.Text(), nullable=False),
        sa.Column("masks", sa.Text(), nullable=False),
        sa.Column("drafted_at", TZ, nullable=False),
        sa.Column("drafted_by", sa.String(50), nullable=False),
        sa.Column("approved_at", TZ, nullable=True),
        sa.Column("approved_by", sa.String(50), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("published_by", sa.String(50), nullable=True),
        sa.Column("online_until", sa.Date(), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.Column("withdrawal_due", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_by", sa.String(50), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("expired_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["enforcement_case.id"],
                                name="fk_disclosure_record_case_id_enforcement_case"),
        sa.ForeignKeyConstraint(["rule_code"], ["disclosure_rule.code"],
                                name="fk_disclosure_record_rule_code_disclosure_rule"),
        sa.ForeignKeyConstraint(["document_id"], ["issued_document.id"],
                                name="fk_disclosure_record_document_id_issued_document"),
        sa.PrimaryKeyConstraint("id", name="pk_disclosure_record"),
        sa.UniqueConstraint("document_id", name="uq_disclosure_record_document_id"),
    )
    op.create_index("ix_disclosure_record_case_id", "disclosure_record", ["case_id"])
    op.create_index("ix_disclosure_record_status_deadline", "disclosure_record",
                    ["status", "deadline"])
    op.create_table(
        "disclosure_export",
        sa.Column("id", ID, nullable=False),
        sa.Column("exported_at", TZ, nullable=False),
        sa.Column("exported_by", sa.String(50), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("withdrawals", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("feed_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_disclosure_export"),
    )


def downgrade() -> None:
    op.drop_index("ix_disclosure_record_status_deadline", table_name="disclosure_record")
    op.drop_index("ix_disclosure_record_case_id", table_name="disclosure_record")
    for table in ("disclosure_export", "disclosure_record", "disclosure_rule"):
        op.drop_table(table)
