"""Recording devices: types, registry, status history, custody, signatures, ratio standards.

The default device types and ratio standards are data, not schema: the workspace seeds them
through devices.defaults (audited) when it opens a folder whose device_type table is empty.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "device_type",
        sa.Column("code", sa.String(30), nullable=False),
        sa.Column("name_zh", sa.String(50), nullable=False),
        sa.Column("name_en", sa.String(50), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_device_type"),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("serial", sa.String(60), nullable=False),
        sa.Column("type_code", sa.String(30), nullable=False),
        sa.Column("model", sa.String(100), nullable=True),
        sa.Column("vendor", sa.String(100), nullable=True),
        sa.Column("unit_id", sa.String(32), nullable=False),
        sa.Column("purchase_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.String(500), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["type_code"], ["device_type.code"],
                                name="fk_device_type_code_device_type"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_device_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_device"),
        sa.UniqueConstraint("serial", name="uq_device_serial"),
    )
    op.create_index("ix_device_unit_type_status", "device", ["unit_id", "type_code", "status"])
    op.create_table(
        "signature_image",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_signature_image"),
    )
    op.create_table(
        "custody",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("officer_id", sa.String(32), nullable=False),
        sa.Column("certificate_number", sa.String(40), nullable=False),
        sa.Column("checked_out_at", TZ, nullable=False),
        sa.Column("due_at", TZ, nullable=False),
        sa.Column("checked_out_by", sa.String(50), nullable=False),
        sa.Column("battery_ok", sa.Boolean(), nullable=False),
        sa.Column("storage_ok", sa.Boolean(), nullable=False),
        sa.Column("clock_ok", sa.Boolean(), nullable=False),
        sa.Column("undamaged", sa.Boolean(), nullable=False),
        sa.Column("checkout_notes", sa.String(500), nullable=True),
        sa.Column("checkout_signature_sha256", sa.String(64), nullable=True),
        sa.Column("checked_in_at", TZ, nullable=True),
        sa.Column("checked_in_by", sa.String(50), nullable=True),
        sa.Column("checkin_condition", sa.String(16), nullable=True),
        sa.Column("checkin_notes", sa.String(500), nullable=True),
        sa.Column("checkin_signature_sha256", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"], name="fk_custody_device_id_device"),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"],
                                name="fk_custody_officer_id_officer"),
        sa.ForeignKeyConstraint(["checkout_signature_sha256"], ["signature_image.sha256"],
                                name="fk_custody_checkout_signature_sha256_signature_image"),
        sa.ForeignKeyConstraint(["checkin_signature_sha256"], ["signature_image.sha256"],
                                name="fk_custody_checkin_signature_sha256_signature_image"),
        sa.PrimaryKeyConstraint("id", name="pk_custody"),
    )
    op.create_index("ix_custody_device_id_checked_out_at", "custody",
                    ["device_id", "checked_out_at"])
    op.create_index("ix_custody_officer_id_checked_out_at", "custody",
                    ["officer_id", "checked_out_at"])
    op.create_index("ix_custody_checked_in_at_due_at", "custody", ["checked_in_at", "due_at"])
    op.create_table(
        "device_event",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(50), nullable=False),
        sa.Column("custody_id", sa.String(32), nullable=True),
        sa.Column("notes", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"],
                                name="fk_device_event_device_id_device"),
        sa.ForeignKeyConstraint(["custody_id"], ["custody.id"],
                                name="fk_device_event_custody_id_custody"),
        sa.PrimaryKeyConstraint("id", name="pk_device_event"),
        sa.UniqueConstraint("device_id", "seq", name="uq_device_event_device_id_seq"),
    )
    op.create_table(
        "ratio_standard",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("unit_id", sa.String(32), nullable=True),
        sa.Column("device_type", sa.String(30), nullable=False),
        sa.Column("officers_per_device", sa.Integer(), nullable=True),
        sa.Column("minimum", sa.Integer(), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_ratio_standard_unit_id_unit"),
        sa.ForeignKeyConstraint(["device_type"], ["device_type.code"],
                                name="fk_ratio_standard_device_type_device_type"),
        sa.PrimaryKeyConstraint("id", name="pk_ratio_standard"),
        sa.UniqueConstraint("unit_id", "device_type",
                            name="uq_ratio_standard_unit_id_device_type"),
    )


def downgrade() -> None:
    op.drop_index("ix_custody_checked_in_at_due_at", table_name="custody")
    op.drop_index("ix_custody_officer_id_checked_out_at", table_name="custody")
    op.drop_index("ix_custody_device_id_checked_out_at", table_name="custody")
    op.drop_index("ix_device_unit_type_status", table_name="device")
    for table in ("ratio_standard", "device_event", "custody", "signature_image", "device",
                  "device_type"):
        op.drop_table(table)
