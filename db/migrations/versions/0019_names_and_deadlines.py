"""Officers' names in pinyin order (issue 14, item 4): officer.name_sort_key, filled for
the officers already there. (The 办案期限 of issue 14 are data in
resources/casework/case_types.toml and need no table.)

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officer") as batch:
        batch.add_column(sa.Column("name_sort_key", sa.String(200), nullable=True))
        batch.create_index("ix_officer_name_sort_key", ["name_sort_key"])
    from core.name_order import name_sort_key
    officer = sa.table("officer", sa.column("id", sa.String), sa.column("name", sa.String),
                       sa.column("name_sort_key", sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(officer.c.id, officer.c.name)).all()
    for officer_id, name in rows:
        bind.execute(officer.update().where(officer.c.id == officer_id)
                     .values(name_sort_key=name_sort_key(name)))


def downgrade() -> None:
    with op.batch_alter_table("officer") as batch:
        batch.drop_index("ix_officer_name_sort_key")
        batch.drop_column("name_sort_key")
