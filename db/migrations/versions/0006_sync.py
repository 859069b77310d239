"""Sync: the workstation's enrollment and progress, HQ receipts of its files; HQ's
workstations, enrollment codes, received ledgers, rebuilt records and received files.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
SHA = sa.String(64)
ID = sa.String(32)
WS_FK = ("hq_workstation.id",)


def _ws_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["workstation_id"], WS_FK,
                                   name=f"fk_{table}_workstation_id_hq_workstation")


def upgrade() -> None:
    op.create_table(
        "sync_link",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("server_url", sa.String(300), nullable=False),
        sa.Column("unit_id", ID, nullable=False),
        sa.Column("server_id", ID, nullable=False),
        sa.Column("enrolled_at", TZ, nullable=False),
        sa.Column("enrolled_by", sa.String(50), nullable=False),
        sa.Column("enrolled_at_seq", sa.Integer(), nullable=False),
        sa.Column("ca_file", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_link"),
    )
    op.create_table(
        "sync_progress",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("ledger_sent_seq", sa.Integer(), nullable=False),
        sa.Column("reference_digest", SHA, nullable=True),
        sa.Column("last_attempt_at", TZ, nullable=True),
        sa.Column("last_success_at", TZ, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_summary", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_progress"),
    )
    op.create_table(
        "hq_receipt",
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("held_at", TZ, nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_hq_receipt"),
    )
    op.create_table(
        "sync_upload",
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("upload_url", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_sync_upload"),
    )
    op.create_table(
        "hq_workstation",
        sa.Column("id", ID, nullable=False),
        sa.Column("unit_id", ID, nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=True),
        sa.Column("enrolled_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ, nullable=True),
        sa.Column("chain_problem", sa.Text(), nullable=True),
        sa.Column("chain_problem_at", TZ, nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_hq_workstation_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_hq_workstation"),
    )
    op.create_index("ix_hq_workstation_unit_id", "hq_workstation", ["unit_id"])
    op.create_table(
        "hq_workstation_state",
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("ledger_hash", SHA, nullable=False),
        sa.Column("signed_seq", sa.Integer(), nullable=False),
        sa.Column("linked_seq", sa.Integer(), nullable=True),
        sa.Column("last_seen_at", TZ, nullable=True),
        sa.Column("last_auth_at", sa.String(32), nullable=True),
        _ws_fk("hq_workstation_state"),
        sa.PrimaryKeyConstraint("workstation_id", name="pk_hq_workstation_state"),
    )
    op.create_table(
        "hq_enrollment_code",
        sa.Column("id", ID, nullable=False),
        sa.Column("code_sha256", SHA, nullable=False),
        sa.Column("unit_id", ID, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("used_at", TZ, nullable=True),
        sa.Column("used_by", ID, nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name="fk_hq_enrollment_code_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_hq_enrollment_code"),
        sa.UniqueConstraint("code_sha256", name="uq_hq_enrollment_code_code_sha256"),
    )
    op.create_table(
        "hq_ledger_entry",
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(50), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("object_type", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(80), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("prev_hash", SHA, nullable=False),
        sa.Column("hash", SHA, nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("disposition", sa.String(10), nullable=False),
        sa.Column("refusal", sa.Text(), nullable=True),
        _ws_fk("hq_ledger_entry"),
        sa.PrimaryKeyConstraint("workstation_id", "seq", name="pk_hq_ledger_entry"),
    )
    op.create_table(
        "hq_checkpoint",
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("head_hash", SHA, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        _ws_fk("hq_checkpoint"),
        sa.PrimaryKeyConstraint("workstation_id", "seq", name="pk_hq_checkpoint"),
    )
    op.create_table(
        "hq_record",
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("object_type", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(80), nullable=False),
        sa.Column("unit_id", ID, nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        _ws_fk("hq_record"),
        sa.PrimaryKeyConstraint("workstation_id", "object_type", "object_id",
                                name="pk_hq_record"),
    )
    op.create_index("ix_hq_record_unit_type", "hq_record", ["unit_id", "object_type"])
    op.create_table(
        "hq_file",
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("first_workstation_id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.ForeignKeyConstraint(["first_workstation_id"], WS_FK,
                                name="fk_hq_file_first_workstation_id_hq_workstation"),
        sa.PrimaryKeyConstraint("sha256", name="pk_hq_file"),
    )
    op.create_table(
        "hq_file_holding",
        sa.Column("id", ID, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["hq_file.sha256"],
                                name="fk_hq_file_holding_sha256_hq_file"),
        _ws_fk("hq_file_holding"),
        sa.PrimaryKeyConstraint("id", name="pk_hq_file_holding"),
        sa.UniqueConstraint("sha256", "workstation_id",
                            name="uq_hq_file_holding_sha256_workstation_id"),
    )
    op.create_index("ix_hq_file_holding_workstation_id", "hq_file_holding", ["workstation_id"])
    op.create_table(
        "hq_upload",
        sa.Column("id", ID, nullable=False),
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("metadata_json", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        _ws_fk("hq_upload"),
        sa.PrimaryKeyConstraint("id", name="pk_hq_upload"),
    )
    op.create_index("ix_hq_upload_workstation_id", "hq_upload", ["workstation_id"])


def downgrade() -> None:
    op.drop_index("ix_hq_upload_workstation_id", table_name="hq_upload")
    op.drop_table("hq_upload")
    op.drop_index("ix_hq_file_holding_workstation_id", table_name="hq_file_holding")
    op.drop_table("hq_file_holding")
    op.drop_table("hq_file")
    op.drop_index("ix_hq_record_unit_type", table_name="hq_record")
    op.drop_table("hq_record")
    op.drop_table("hq_checkpoint")
    op.drop_table("hq_ledger_entry")
    op.drop_table("hq_enrollment_code")
    op.drop_table("hq_workstation_state")
    op.drop_index("ix_hq_workstation_unit_id", table_name="hq_workstation")
    op.drop_table("hq_workstation")
    op.drop_table("sync_upload")
    op.drop_table("hq_receipt")
    op.drop_table("sync_progress")
    op.drop_table("sync_link")
