"""invoice comments

Comments on invoices, append-only: a new table, nothing else changes.

Revision ID: c5f3e4a6b7d8
Revises: b4e2d3f5a6c7
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5f3e4a6b7d8"
down_revision: str | None = "b4e2d3f5a6c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invoice_comments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.String(length=64), nullable=False),
        sa.Column("author_username", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_invoice_comments_thread",
        "invoice_comments",
        ["invoice_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_invoice_comments_thread", table_name="invoice_comments")
    op.drop_table("invoice_comments")
