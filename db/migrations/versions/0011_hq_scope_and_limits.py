"""HQ hardening: token nonces (replay is a used nonce, not an earlier time), writes HQ
refused, and the workstation's view of HQ's clock.

hq_workstation_state.last_auth_at goes: a workstation whose clock was corrected backwards
was refused as a replay until its clock passed the newest time it had ever sent.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _ws_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["workstation_id"], ["hq_workstation.id"],
                                   name=f"fk_{table}_workstation_id_hq_workstation")


def upgrade() -> None:
    op.create_table(
        "hq_auth_nonce",
        sa.Column("workstation_id", sa.String(32), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("at", TZ, nullable=False),
        _ws_fk("hq_auth_nonce"),
        sa.PrimaryKeyConstraint("workstation_id", "nonce", name="pk_hq_auth_nonce"),
    )
    op.create_index("ix_hq_auth_nonce_at", "hq_auth_nonce", ["at"])
    op.create_table(
        "hq_refused_write",
        sa.Column("workstation_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(50), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("object_type", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(80), nullable=False),
        sa.Column("reason_code", sa.String(24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        _ws_fk("hq_refused_write"),
        sa.PrimaryKeyConstraint("workstation_id", "seq", name="pk_hq_refused_write"),
    )
    op.create_index("ix_hq_refused_write_received_at", "hq_refused_write", ["received_at"])
    with op.batch_alter_table("hq_workstation_state") as batch:
        batch.drop_column("last_auth_at")
    with op.batch_alter_table("sync_progress") as batch:
        batch.add_column(sa.Column("clock_offset_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("clock_checked_at", TZ, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_progress") as batch:
        batch.drop_column("clock_checked_at")
        batch.drop_column("clock_offset_s")
    with op.batch_alter_table("hq_workstation_state") as batch:
        batch.add_column(sa.Column("last_auth_at", sa.String(32), nullable=True))
    op.drop_index("ix_hq_refused_write_received_at", table_name="hq_refused_write")
    op.drop_table("hq_refused_write")
    op.drop_index("ix_hq_auth_nonce_at", table_name="hq_auth_nonce")
    op.drop_table("hq_auth_nonce")
