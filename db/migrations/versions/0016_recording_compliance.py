"""Recording compliance: the audio-video item list, findings, retention and legal holds (issue 19).

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)
SHA = sa.String(64)
STEP = sa.String(20)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "recording_item_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_recording_item_version"),
    )
    op.create_table(
        "recording_item",
        sa.Column("id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_type", sa.String(30), nullable=False),
        sa.Column("step", STEP, nullable=False),
        sa.Column("activity_zh", sa.String(100), nullable=False),
        sa.Column("activity_en", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(12), nullable=False),
        sa.Column("capture", sa.Text(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        _fk("recording_item", "version_id", "recording_item_version"),
        sa.PrimaryKeyConstraint("id", name="pk_recording_item"),
        sa.UniqueConstraint("version_id", "seq", name="uq_recording_item_version_id_seq"),
    )
    op.create_index("ix_recording_item_version_id", "recording_item", ["version_id"])
    op.create_table(
        "recording_acknowledgement",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("accepted_by", sa.String(50), nullable=False),
        sa.Column("accepted_at", TZ, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        _fk("recording_acknowledgement", "case_id", "enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_recording_acknowledgement"),
    )
    op.create_index("ix_recording_acknowledgement_case_id", "recording_acknowledgement",
                    ["case_id"])
    op.create_table(
        "recording_finding",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("step_id", ID, nullable=True),
        sa.Column("step", STEP, nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("found_at", TZ, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
        sa.Column("acknowledgement_id", ID, nullable=True),
        _fk("recording_finding", "case_id", "enforcement_case"),
        _fk("recording_finding", "step_id", "case_step"),
        sa.ForeignKeyConstraint(["acknowledgement_id"], ["recording_acknowledgement.id"],
                                name="fk_recording_finding_acknowledgement"),
        sa.PrimaryKeyConstraint("id", name="pk_recording_finding"),
        sa.UniqueConstraint("case_id", "key", name="uq_recording_finding_case_id_key"),
    )
    op.create_index("ix_recording_finding_case_id", "recording_finding", ["case_id"])
    op.create_index("ix_recording_finding_status_case_id", "recording_finding",
                    ["status", "case_id"])
    op.create_table(
        "recording_reason",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("step", STEP, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(50), nullable=False),
        sa.Column("approved_at", TZ, nullable=False),
        _fk("recording_reason", "case_id", "enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_recording_reason"),
        sa.UniqueConstraint("case_id", "step", name="uq_recording_reason_case_id_step"),
    )
    op.create_index("ix_recording_reason_case_id", "recording_reason", ["case_id"])
    op.create_table(
        "legal_hold",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=True),
        sa.Column("sha256", SHA, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(50), nullable=False),
        sa.Column("placed_at", TZ, nullable=False),
        sa.Column("released_by", sa.String(50), nullable=True),
        sa.Column("released_at", TZ, nullable=True),
        sa.Column("release_reason", sa.Text(), nullable=True),
        _fk("legal_hold", "case_id", "enforcement_case"),
        sa.PrimaryKeyConstraint("id", name="pk_legal_hold"),
    )
    op.create_index("ix_legal_hold_case_id", "legal_hold", ["case_id"])
    op.create_index("ix_legal_hold_sha256", "legal_hold", ["sha256"])
    op.create_table(
        "purge_run",
        sa.Column("id", ID, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(50), nullable=True),
        sa.Column("approved_at", TZ, nullable=True),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_purge_run"),
    )
    op.create_index("ix_purge_run_status", "purge_run", ["status"])
    op.create_table(
        "purged_file",
        sa.Column("id", ID, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("thumbnail_sha256", SHA, nullable=True),
        sa.Column("retention_class", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("requested_by", sa.String(50), nullable=False),
        sa.Column("approved_by", sa.String(50), nullable=False),
        sa.Column("purged_at", TZ, nullable=False),
        sa.Column("removed_at", TZ, nullable=True),
        _fk("purged_file", "run_id", "purge_run"),
        sa.PrimaryKeyConstraint("id", name="pk_purged_file"),
        sa.UniqueConstraint("sha256", name="uq_purged_file_sha256"),
    )
    op.create_index("ix_purged_file_run_id", "purged_file", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_purged_file_run_id", table_name="purged_file")
    op.drop_table("purged_file")
    op.drop_index("ix_purge_run_status", table_name="purge_run")
    op.drop_table("purge_run")
    op.drop_index("ix_legal_hold_sha256", table_name="legal_hold")
    op.drop_index("ix_legal_hold_case_id", table_name="legal_hold")
    op.drop_table("legal_hold")
    op.drop_index("ix_recording_reason_case_id", table_name="recording_reason")
    op.drop_table("recording_reason")
    op.drop_index("ix_recording_finding_status_case_id", table_name="recording_finding")
    op.drop_index("ix_recording_finding_case_id", table_name="recording_finding")
    op.drop_table("recording_finding")
    op.drop_index("ix_recording_acknowledgement_case_id",
                  table_name="recording_acknowledgement")
    op.drop_table("recording_acknowledgement")
    op.drop_index("ix_recording_item_version_id", table_name="recording_item")
    op.drop_table("recording_item")
    op.drop_table("recording_item_version")
