"""The working-day calendar: per-year holiday and make-up working-day data an admin imports or HQ sends.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workday_calendar_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holidays", sa.Text(), nullable=False),
        sa.Column("workdays", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_workday_calendar_year"),
    )


def downgrade() -> None:
    op.drop_table("workday_calendar_year")
