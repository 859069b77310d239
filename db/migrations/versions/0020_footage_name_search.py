"""The footage library's name search from an index (issue 19, item 5): a trigram full-text
index of file names on SQLite, filled for the rows already there and kept by triggers
(db.search_index). Nothing on PostgreSQL.

Revision ID: 0020
Revises: 0019
"""
from alembic import op

from db.search_index import CREATE, FILL, NAME_INDEX, TRIGGERS

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(CREATE)
    op.execute(FILL)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {NAME_INDEX}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {NAME_INDEX}")
