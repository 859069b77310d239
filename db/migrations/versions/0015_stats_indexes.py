"""Indexes for the recording statistics (issue 19, items 4 and 5), and each footage row's
offload delay kept with it.

benchmarks/stats_scale.py (1,000,000 footage rows, 50,000 cases, 200 officers) showed what
they are for: a year's footage grouped by officer, recorder and offload-delay hour straight
from one index, in its order, with no sort and no per-row date arithmetic
(compliance.statistics); the months read as ranges of another; the library's filters by
officer, recorder and "important" read newest first without sorting (evidence.library).

The delay (db.models.footage.offload_delay) is computed here for the rows already there,
in Python with the same function the model uses, so a delay of exactly 24 h is the same
on old and new rows.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

from db.models.base import UtcDateTime
from db.models.footage import offload_delay

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_footage_stats", ["recorded_at", "officer_id", "device_serial", "duration_s",
                          "offload_delay_h"]),
    ("ix_footage_stats_groups", ["officer_id", "offload_delay_h", "device_serial",
                                 "recorded_at", "duration_s", "offload_delay_s"]),
    ("ix_footage_officer_id_recorded_at", ["officer_id", "recorded_at"]),
    ("ix_footage_device_serial_recorded_at", ["device_serial", "recorded_at"]),
    ("ix_footage_important_recorded_at", ["important", "recorded_at"]),
)
_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("footage") as batch:
        batch.add_column(sa.Column("offload_delay_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("offload_delay_h", sa.Integer(), nullable=True))
    _backfill(op.get_bind())
    for name, columns in INDEXES:
        op.create_index(name, "footage", columns)


def _backfill(bind) -> None:  # noqa: ANN001
    footage = sa.table("footage", sa.column("id", sa.String()),
                       sa.column("recorded_at", UtcDateTime()),
                       sa.column("duration_s", sa.Float()),
                       sa.column("verified_at", UtcDateTime()),
                       sa.column("offload_delay_s", sa.Float()),
                       sa.column("offload_delay_h", sa.Integer()))
    update = (sa.update(footage).where(footage.c.id == sa.bindparam("row_id"))
              .values(offload_delay_s=sa.bindparam("seconds"),
                      offload_delay_h=sa.bindparam("hour")))
    after = ""
    while True:
        rows = bind.execute(
            sa.select(footage.c.id, footage.c.recorded_at, footage.c.duration_s,
                      footage.c.verified_at)
            .where(footage.c.id > after, footage.c.recorded_at.is_not(None))
            .order_by(footage.c.id).limit(_BATCH)).all()
        if not rows:
            return
        values = []
        for row in rows:
            seconds, hour = offload_delay(row.recorded_at, row.duration_s, row.verified_at)
            values.append({"row_id": row.id, "seconds": seconds, "hour": hour})
        bind.execute(update, values)
        after = rows[-1].id


def downgrade() -> None:
    for name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name="footage")
    with op.batch_alter_table("footage") as batch:
        batch.drop_column("offload_delay_h")
        batch.drop_column("offload_delay_s")
