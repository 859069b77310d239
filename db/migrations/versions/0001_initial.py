"""The first schema: organisation, accounts, ledger.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("short_name", sa.String(20), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unit"),
        sa.UniqueConstraint("name", name="uq_unit_name"),
        sa.UniqueConstraint("short_name", name="uq_unit_short_name"),
    )
    op.create_table(
        "officer",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("post", sa.String(50), nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_officer_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_officer"),
    )
    op.create_index("ix_officer_name", "officer", ["name"])
    op.create_index("ix_officer_unit_id", "officer", ["unit_id"])
    op.create_table(
        "certificate",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("officer_id", sa.String(32), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("category", sa.String(50), nullable=True),
        sa.Column("area", sa.String(50), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_reason", sa.String(200), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name="fk_certificate_officer_id_officer"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_certificate"),
        sa.UniqueConstraint("number", name="uq_certificate_number"),
    )
    op.create_index("ix_certificate_officer_id", "certificate", ["officer_id"])
    op.create_index("ix_certificate_valid_until", "certificate", ["valid_until"])
    op.create_table(
        "user_account",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("username", sa.String(50), nullable=False),
        sa.Column("display_name", sa.String(50), nullable=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("officer_id", sa.String(32), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name="fk_user_account_officer_id_officer"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_user_account"),
        sa.UniqueConstraint("username", name="uq_user_account_username"),
        sa.UniqueConstraint("officer_id", name="uq_user_account_officer_id"),
    )
    op.create_table(
        "user_role",
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name="fk_user_role_user_id_user_account"
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name="pk_user_role"),
    )
    op.create_table(
        "ledger_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(50), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("object_type", sa.String(40), nullable=False),
        sa.Column("object_id", sa.String(80), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_ledger_entry"),
    )
    op.create_index("ix_ledger_entry_object_type", "ledger_entry", ["object_type"])
    op.create_index("ix_ledger_entry_object_id", "ledger_entry", ["object_id"])
    op.create_table(
        "ledger_checkpoint",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("workstation_id", sa.String(32), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_checkpoint"),
    )
    op.create_index("ix_ledger_checkpoint_seq", "ledger_checkpoint", ["seq"])
    op.create_table(
        "workstation",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workstation"),
    )


def downgrade() -> None:
    for table in (
        "workstation", "ledger_checkpoint", "ledger_entry", "user_role",
        "user_account", "certificate", "officer", "unit",
    ):
        op.drop_table(table)
