"""record payments

Invoices gain the time they were sent, what their payments add up to and
what is left to pay; payments get their own table. An invoice issued before
this revision has paid nothing and owes its amount due.

Revision ID: 06825d1a9e0d
Revises: 5a0e3c1d9b27
Create Date: 2026-12-03 14:30:47.528794
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from facturo_chassis.db_types import Money

revision: str = "06825d1a9e0d"
down_revision: str | None = "5a0e3c1d9b27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Columns are added in place and dropped with plain ALTER TABLE: a batch
# rebuild of `invoices` on SQLite would delete the lines cascading from it.
ZERO = "0"
ADDED = ("sent_at", "paid", "outstanding")


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=140), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reversed_on", sa.Date(), nullable=True),
        sa.Column("reversal_reason", sa.String(length=500), nullable=True),
        sa.Column("reversed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_payments_invoice_id", "payments", ["invoice_id"])

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("paid", Money(), nullable=False, server_default=ZERO)
        )
        batch_op.add_column(sa.Column("outstanding", Money(), nullable=True))
    op.execute("UPDATE invoices SET outstanding = amount_due WHERE number IS NOT NULL")


def downgrade() -> None:
    for name in reversed(ADDED):
        op.execute(f"ALTER TABLE invoices DROP COLUMN {name}")
    op.drop_index("ix_payments_invoice_id", table_name="payments")
    op.drop_table("payments")
