"""Double-random inspections (双随机): tasks, their target pools, recusals, draws, the drawn
targets with their inspectors, and the inspections' results.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
ID = sa.String(32)


def _fk(table: str, column: str, referred: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"],
                                   name=f"fk_{table}_{column}_{referred}")


def upgrade() -> None:
    op.create_table(
        "inspection_task",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("item_code", sa.String(40), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("unit_id", ID, nullable=True),
        sa.Column("ratio", sa.String(20), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("per_target", sa.Integer(), nullable=False),
        sa.Column("pool_file", sa.String(300), nullable=False),
        sa.Column("pool_sha256", sa.String(64), nullable=False),
        sa.Column("target_count", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(50), nullable=False),
        _fk("inspection_task", "unit_id", "unit"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_task"),
        sa.UniqueConstraint("number", name="uq_inspection_task_number"),
    )
    op.create_index("ix_inspection_task_item_code", "inspection_task", ["item_code"])
    op.create_index("ix_inspection_task_pool_sha256", "inspection_task", ["pool_sha256"])
    op.create_table(
        "inspection_target",
        sa.Column("id", ID, nullable=False),
        sa.Column("task_id", ID, nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        _fk("inspection_target", "task_id", "inspection_task"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_target"),
        sa.UniqueConstraint("task_id", "uscc", name="uq_inspection_target_task_id"),
    )
    op.create_index("ix_inspection_target_task_id", "inspection_target", ["task_id"])
    op.create_table(
        "inspection_recusal",
        sa.Column("id", ID, nullable=False),
        sa.Column("task_id", ID, nullable=False),
        sa.Column("officer_id", ID, nullable=False),
        sa.Column("certificate_number", sa.String(40), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("recorded_by", sa.String(50), nullable=False),
        _fk("inspection_recusal", "task_id", "inspection_task"),
        _fk("inspection_recusal", "officer_id", "officer"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_recusal"),
    )
    op.create_index("ix_inspection_recusal_task_id", "inspection_recusal", ["task_id"])
    op.create_table(
        "inspection_draw",
        sa.Column("id", ID, nullable=False),
        sa.Column("task_id", ID, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("algorithm", sa.String(40), nullable=False),
        sa.Column("seed_text", sa.Text(), nullable=False),
        sa.Column("drawn_at", TZ, nullable=False),
        sa.Column("drawn_by", sa.String(50), nullable=False),
        sa.Column("inspectors", sa.Text(), nullable=False),
        sa.Column("recusals", sa.Text(), nullable=False),
        sa.Column("seed", sa.String(64), nullable=False),
        sa.Column("result_sha256", sa.String(64), nullable=False),
        sa.Column("redraw_reason", sa.Text(), nullable=True),
        sa.Column("superseded_at", TZ, nullable=True),
        sa.Column("superseded_by", sa.String(32), nullable=True),
        _fk("inspection_draw", "task_id", "inspection_task"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_draw"),
        sa.UniqueConstraint("task_id", "number", name="uq_inspection_draw_task_id"),
    )
    op.create_index("ix_inspection_draw_task_id", "inspection_draw", ["task_id"])
    op.create_table(
        "inspection_assignment",
        sa.Column("id", ID, nullable=False),
        sa.Column("draw_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("inspectors", sa.Text(), nullable=False),
        _fk("inspection_assignment", "draw_id", "inspection_draw"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_assignment"),
        sa.UniqueConstraint("draw_id", "seq", name="uq_inspection_assignment_draw_id"),
    )
    op.create_index("ix_inspection_assignment_draw_id", "inspection_assignment", ["draw_id"])
    op.create_table(
        "inspection_result",
        sa.Column("id", ID, nullable=False),
        sa.Column("assignment_id", ID, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("officer_id", ID, nullable=False),
        sa.Column("certificate_number", sa.String(40), nullable=False),
        sa.Column("case_number", sa.String(80), nullable=True),
        sa.Column("rectification", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("recorded_by", sa.String(50), nullable=False),
        _fk("inspection_result", "assignment_id", "inspection_assignment"),
        _fk("inspection_result", "officer_id", "officer"),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_result"),
        sa.UniqueConstraint("assignment_id", name="uq_inspection_result_assignment_id"),
    )


def downgrade() -> None:
    op.drop_table("inspection_result")
    op.drop_index("ix_inspection_assignment_draw_id", table_name="inspection_assignment")
    op.drop_table("inspection_assignment")
    op.drop_index("ix_inspection_draw_task_id", table_name="inspection_draw")
    op.drop_table("inspection_draw")
    op.drop_index("ix_inspection_recusal_task_id", table_name="inspection_recusal")
    op.drop_table("inspection_recusal")
    op.drop_index("ix_inspection_target_task_id", table_name="inspection_target")
    op.drop_table("inspection_target")
    op.drop_index("ix_inspection_task_pool_sha256", table_name="inspection_task")
    op.drop_index("ix_inspection_task_item_code", table_name="inspection_task")
    op.drop_table("inspection_task")
