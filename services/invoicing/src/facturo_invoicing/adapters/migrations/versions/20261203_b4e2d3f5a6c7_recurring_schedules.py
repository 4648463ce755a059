"""recurring schedules

Schedules hold the template of a draft and when to make it; each occurrence
made is a run, unique per (schedule, occurrence), with the draft it created.

Revision ID: b4e2d3f5a6c7
Revises: a3f1c2d4e5b6
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b4e2d3f5a6c7"
down_revision: str | None = "a3f1c2d4e5b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED = ("department", "status", "next_occurrence")


def upgrade() -> None:
    op.create_table(
        "recurring_schedules",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.String(length=64), nullable=False),
        sa.Column("author_username", sa.String(length=100), nullable=False),
        sa.Column("template", sa.JSON(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("next_index", sa.Integer(), nullable=False),
        sa.Column("next_occurrence", sa.Date(), nullable=True),
        sa.Column("last_error", sa.String(length=2000), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in INDEXED:
        op.create_index(
            f"ix_recurring_schedules_{column}", "recurring_schedules", [column]
        )
    op.create_table(
        "schedule_runs",
        sa.Column("schedule_id", sa.String(length=36), nullable=False),
        sa.Column("occurrence", sa.Date(), nullable=False),
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["schedule_id"], ["recurring_schedules.id"]),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("schedule_id", "occurrence"),
        sa.UniqueConstraint("invoice_id"),
    )


def downgrade() -> None:
    op.drop_table("schedule_runs")
    for column in INDEXED:
        op.drop_index(
            f"ix_recurring_schedules_{column}", table_name="recurring_schedules"
        )
    op.drop_table("recurring_schedules")
