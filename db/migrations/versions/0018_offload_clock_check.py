"""The recorder's clock as an offload judged it (issue 18, item 3).

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offload_session") as batch:
        batch.add_column(sa.Column("clock_check", sa.String(12), nullable=True))
        batch.add_column(sa.Column("clock_offset_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("clock_allowance_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("clock_checked_since", sa.DateTime(timezone=True),
                                   nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offload_session") as batch:
        for column in ("clock_checked_since", "clock_allowance_s", "clock_offset_s",
                       "clock_check"):
            batch.drop_column(column)
