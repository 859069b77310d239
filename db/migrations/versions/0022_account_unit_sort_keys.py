"""User accounts and units in pinyin order (issue 14): user_account.name_sort_key (of the
display name, else the user name) and unit.name_sort_key, as officer.name_sort_key (0019),
filled for the rows already there.

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# table → the column the key is made of, and the fallback when that one is empty
_NAMED = {"user_account": ("display_name", "username"), "unit": ("name", "name")}


def upgrade() -> None:
    # unit_sort_key: the numbers in unit names in number order (执法二科 before 执法十一科)
    from core.name_order import name_sort_key, unit_sort_key
    bind = op.get_bind()
    for table_name, (name_column, fallback) in _NAMED.items():
        key_of = unit_sort_key if table_name == "unit" else name_sort_key
        with op.batch_alter_table(table_name) as batch:
            batch.add_column(sa.Column("name_sort_key", sa.String(200), nullable=True))
            batch.create_index(f"ix_{table_name}_name_sort_key", ["name_sort_key"])
        table = sa.table(table_name, sa.column("id", sa.String), sa.column(name_column),
                         sa.column(fallback), sa.column("name_sort_key", sa.String))
        rows = bind.execute(sa.select(table.c.id, table.c[name_column],
                                      table.c[fallback])).all()
        for row_id, name, other in rows:
            bind.execute(table.update().where(table.c.id == row_id)
                         .values(name_sort_key=key_of(name or other)))


def downgrade() -> None:
    for table_name in _NAMED:
        with op.batch_alter_table(table_name) as batch:
            batch.drop_index(f"ix_{table_name}_name_sort_key")
            batch.drop_column("name_sort_key")
