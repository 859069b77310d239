"""Record capture at the workstation: capture metadata, markers and recoveries (issue 18).

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=f"fk_capture_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "capture",
        sa.Column("id", ID, nullable=False),
        sa.Column("footage_id", ID, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("workstation_id", ID, nullable=False),
        sa.Column("input_device", sa.String(200), nullable=False),
        sa.Column("case_id", ID, nullable=True),
        sa.Column("step", sa.String(20), nullable=True),
        sa.Column("captured_by", sa.String(50), nullable=False),
        sa.Column("officer_id", ID, nullable=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("ended_at", TZ, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("markers", sa.Text(), nullable=True),
        sa.Column("pauses", sa.Text(), nullable=True),
        sa.Column("extra", sa.Text(), nullable=True),
        sa.Column("recovered", sa.Boolean(), nullable=False),
        sa.Column("compressed_sha256", sa.String(64), nullable=True),
        _fk("footage_id", "footage"),
        _fk("case_id", "enforcement_case"),
        _fk("officer_id", "officer"),
        sa.PrimaryKeyConstraint("id", name="pk_capture"),
        sa.UniqueConstraint("footage_id", name="uq_capture_footage_id"),
    )
    op.create_index("ix_capture_case_id", "capture", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_capture_case_id", table_name="capture")
    op.drop_table("capture")
