"""Cases: case types, cases, parties, officers, steps, evidence links, document counters and
issued documents.

The default case types are data, not schema: the workspace seeds them through
casework.defaults (audited) when it opens a folder whose case_type table is empty.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
CASE_FK = ("enforcement_case.id",)


def upgrade() -> None:
    op.create_table(
        "case_type",
        sa.Column("code", sa.String(30), nullable=False),
        sa.Column("name_zh", sa.String(50), nullable=False),
        sa.Column("name_en", sa.String(50), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_case_type"),
    )
    op.create_table(
        "enforcement_case",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("number", sa.String(80), nullable=False),
        sa.Column("type_code", sa.String(30), nullable=False),
        sa.Column("procedure", sa.String(12), nullable=False),
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("cause", sa.String(200), nullable=False),
        sa.Column("source", sa.String(100), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("facts", sa.Text(), nullable=True),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("penalty", sa.Text(), nullable=True),
        sa.Column("penalty_amount", sa.String(24), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["type_code"], ["case_type.code"],
                                name="fk_enforcement_case_type_code_case_type"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name="fk_enforcement_case_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_enforcement_case"),
        sa.UniqueConstraint("number", name="uq_enforcement_case_number"),
    )
    op.create_index("ix_enforcement_case_unit_id", "enforcement_case", ["unit_id"])
    op.create_index("ix_enforcement_case_status_created_at", "enforcement_case",
                    ["status", "created_at"])
    op.create_table(
        "case_officer",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("officer_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("certificate_number", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], list(CASE_FK),
                                name="fk_case_officer_case_id_enforcement_case"),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"],
                                name="fk_case_officer_officer_id_officer"),
        sa.PrimaryKeyConstraint("case_id", "officer_id", name="pk_case_officer"),
    )
    op.create_index("ix_case_officer_officer_id", "case_officer", ["officer_id"])
    op.create_table(
        "case_party",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("id_type", sa.String(16), nullable=False),
        sa.Column("id_number", sa.String(40), nullable=False),
        sa.Column("address", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("legal_representative", sa.String(50), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], list(CASE_FK),
                                name="fk_case_party_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_case_party"),
        sa.UniqueConstraint("case_id", "seq", name="uq_case_party_case_id_seq"),
    )
    op.create_index("ix_case_party_case_id", "case_party", ["case_id"])
    op.create_index("ix_case_party_name", "case_party", ["name"])
    op.create_table(
        "case_step",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("recorded_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], list(CASE_FK),
                                name="fk_case_step_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_case_step"),
        sa.UniqueConstraint("case_id", "step", name="uq_case_step_case_id_step"),
    )
    op.create_index("ix_case_step_case_id", "case_step", ["case_id"])
    op.create_table(
        "evidence_link",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("linked_at", TZ, nullable=False),
        sa.Column("linked_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], list(CASE_FK),
                                name="fk_evidence_link_case_id_enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_link"),
        sa.UniqueConstraint("case_id", "sha256", "step",
                            name="uq_evidence_link_case_id_sha256_step"),
    )
    op.create_index("ix_evidence_link_case_id", "evidence_link", ["case_id"])
    op.create_index("ix_evidence_link_sha256", "evidence_link", ["sha256"])
    op.create_table(
        "document_counter",
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name="fk_document_counter_unit_id_unit"),
        sa.PrimaryKeyConstraint("unit_id", "kind", "year", name="pk_document_counter"),
    )
    op.create_table(
        "issued_document",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(80), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("font", sa.String(200), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("issued_at", TZ, nullable=False),
        sa.Column("issued_by", sa.String(50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], list(CASE_FK),
                                name="fk_issued_document_case_id_enforcement_case"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name="fk_issued_document_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_issued_document"),
        sa.UniqueConstraint("number", name="uq_issued_document_number"),
        sa.UniqueConstraint("unit_id", "kind", "year", "seq",
                            name="uq_issued_document_unit_id_kind_year_seq"),
    )
    op.create_index("ix_issued_document_case_id", "issued_document", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_issued_document_case_id", table_name="issued_document")
    op.drop_index("ix_evidence_link_sha256", table_name="evidence_link")
    op.drop_index("ix_evidence_link_case_id", table_name="evidence_link")
    op.drop_index("ix_case_step_case_id", table_name="case_step")
    op.drop_index("ix_case_party_name", table_name="case_party")
    op.drop_index("ix_case_party_case_id", table_name="case_party")
    op.drop_index("ix_case_officer_officer_id", table_name="case_officer")
    op.drop_index("ix_enforcement_case_status_created_at", table_name="enforcement_case")
    op.drop_index("ix_enforcement_case_unit_id", table_name="enforcement_case")
    for table in ("issued_document", "document_counter", "evidence_link", "case_step",
                  "case_party", "case_officer", "enforcement_case", "case_type"):
        op.drop_table(table)
