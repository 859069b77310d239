"""Public lists (事前公示清单): numbered versions of each list and their rows.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "public_list_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_public_list_version"),
    )
    op.create_index("ix_public_list_version_kind", "public_list_version", ["kind"])
    op.create_table(
        "public_list_row",
        sa.Column("id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["public_list_version.id"],
                                name="fk_public_list_row_version_id_public_list_version"),
        sa.PrimaryKeyConstraint("id", name="pk_public_list_row"),
        sa.UniqueConstraint("version_id", "seq", name="uq_public_list_row_version_id_seq"),
    )
    op.create_index("ix_public_list_row_version_id", "public_list_row", ["version_id"])


def downgrade() -> None:
    op.drop_index("ix_public_list_row_version_id", table_name="public_list_row")
    op.drop_table("public_list_row")
    op.drop_index("ix_public_list_version_kind", table_name="public_list_version")
    op.drop_table("public_list_version")
