"""refunds and delivery

Refunds get their own table and invoices what their refunds add up to
(nothing, before this revision). An invoice that a credit note left paid
beyond what it owes had a negative outstanding: it becomes `refund_due`,
with nothing outstanding. Invoices also gain their delivery information
(EN 16931 BT-72, BT-73/74, BT-80 and BT-75), empty for existing ones.

The downgrade drops the refunds (their money is no longer on the books)
and calls `refund_due` invoices `paid` again.

Revision ID: d6a4f5b7c8e9
Revises: c5f3e4a6b7d8
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from facturo_chassis.db_types import Money

revision: str = "d6a4f5b7c8e9"
down_revision: str | None = "c5f3e4a6b7d8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Columns are added in place and dropped with plain ALTER TABLE: a batch
# rebuild of `invoices` on SQLite would delete the lines cascading from it.
ZERO = "0"
DELIVERY: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("actual_delivery_date", sa.Date()),
    ("invoicing_period_start", sa.Date()),
    ("invoicing_period_end", sa.Date()),
    ("deliver_to_country", sa.String(length=2)),
    ("deliver_to_address", sa.String(length=200)),
)
# Paid beyond what is due, as the credit notes left them.
OVERPAID = (
    "UPDATE invoices SET status = 'refund_due', outstanding = '0' "
    "WHERE outstanding IS NOT NULL AND CAST(outstanding AS NUMERIC) < 0"
)


def upgrade() -> None:
    op.create_table(
        "refunds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("refunded_on", sa.Date(), nullable=False),
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
    op.create_index("ix_refunds_invoice_id", "refunds", ["invoice_id"])

    op.add_column(
        "invoices", sa.Column("refunded", Money(), nullable=False, server_default=ZERO)
    )
    for name, type_ in DELIVERY:
        op.add_column("invoices", sa.Column(name, type_, nullable=True))
    op.execute(OVERPAID)


def downgrade() -> None:
    op.execute("UPDATE invoices SET status = 'paid' WHERE status = 'refund_due'")
    for name, _ in reversed(DELIVERY):
        op.execute(f"ALTER TABLE invoices DROP COLUMN {name}")
    op.execute("ALTER TABLE invoices DROP COLUMN refunded")
    op.drop_index("ix_refunds_invoice_id", table_name="refunds")
    op.drop_table("refunds")
