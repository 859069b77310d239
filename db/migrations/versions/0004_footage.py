"""Footage: offload sessions, stored content, sightings of files on devices.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "offload_session",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("username", sa.String(50), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("officer_id", sa.String(32), nullable=True),
        sa.Column("device_serial", sa.String(60), nullable=True),
        sa.Column("profile", sa.String(40), nullable=False),
        sa.Column("source_root", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("files_total", sa.Integer(), nullable=False),
        sa.Column("files_stored", sa.Integer(), nullable=False),
        sa.Column("files_duplicate", sa.Integer(), nullable=False),
        sa.Column("files_failed", sa.Integer(), nullable=False),
        sa.Column("bytes_copied", sa.BigInteger(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("manifest_sha256", sa.String(64), nullable=True),
        sa.Column("manifest_json_sha256", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name="fk_offload_session_user_id_user_account"),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"],
                                name="fk_offload_session_officer_id_officer"),
        sa.PrimaryKeyConstraint("id", name="pk_offload_session"),
    )
    op.create_index("ix_offload_session_started_at", "offload_session", ["started_at"])
    op.create_index("ix_offload_session_device_serial", "offload_session", ["device_serial"])
    op.create_table(
        "footage",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("sm3", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("device_serial", sa.String(60), nullable=True),
        sa.Column("officer_id", sa.String(32), nullable=True),
        sa.Column("officer_number", sa.String(40), nullable=True),
        sa.Column("officer_source", sa.String(16), nullable=True),
        sa.Column("recorded_at", TZ, nullable=True),
        sa.Column("recorded_at_source", sa.String(16), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("fps", sa.Float(), nullable=True),
        sa.Column("codec", sa.String(16), nullable=True),
        sa.Column("readable", sa.Boolean(), nullable=False),
        sa.Column("thumbnail_sha256", sa.String(64), nullable=True),
        sa.Column("important", sa.Boolean(), nullable=False),
        sa.Column("session_id", sa.String(32), nullable=False),
        sa.Column("verified_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"],
                                name="fk_footage_officer_id_officer"),
        sa.ForeignKeyConstraint(["session_id"], ["offload_session.id"],
                                name="fk_footage_session_id_offload_session"),
        sa.PrimaryKeyConstraint("id", name="pk_footage"),
        sa.UniqueConstraint("sha256", name="uq_footage_sha256"),
    )
    op.create_index("ix_footage_device_serial", "footage", ["device_serial"])
    op.create_index("ix_footage_officer_id", "footage", ["officer_id"])
    op.create_index("ix_footage_recorded_at", "footage", ["recorded_at"])
    op.create_index("ix_footage_important", "footage", ["important"])
    op.create_index("ix_footage_session_id", "footage", ["session_id"])
    op.create_table(
        "footage_sighting",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("session_id", sa.String(32), nullable=False),
        sa.Column("footage_id", sa.String(32), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("source_size", sa.BigInteger(), nullable=False),
        sa.Column("source_mtime_ns", sa.BigInteger(), nullable=True),
        sa.Column("device_serial", sa.String(60), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("source_erased_at", TZ, nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["offload_session.id"],
                                name="fk_footage_sighting_session_id_offload_session"),
        sa.ForeignKeyConstraint(["footage_id"], ["footage.id"],
                                name="fk_footage_sighting_footage_id_footage"),
        sa.PrimaryKeyConstraint("id", name="pk_footage_sighting"),
    )
    op.create_index("ix_footage_sighting_session_id", "footage_sighting", ["session_id"])
    op.create_index("ix_footage_sighting_footage_id", "footage_sighting", ["footage_id"])
    op.create_index("ix_footage_sighting_source", "footage_sighting",
                    ["source_path", "source_size"])


def downgrade() -> None:
    op.drop_table("footage_sighting")
    op.drop_table("footage")
    op.drop_table("offload_session")
