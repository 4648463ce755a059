"""invoice amounts by EN 16931

Lines gain their unit, VAT category, discount and exemption reason; invoices
gain document-level allowances and charges, the EN 16931 totals, tax-inclusive
entry, the accounting-currency VAT, notes and references. Existing rows get
what they meant before: S above a zero rate, Z at zero; no discount,
allowance, charge or prepayment.

Revision ID: 803b2663317e
Revises: 20cc5de4be08
Create Date: 2026-12-03 13:48:13.720225
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from facturo_chassis.db_types import Money

revision: str = "803b2663317e"
down_revision: str | None = "20cc5de4be08"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain constants: SQLite then adds each column in place. An expression as
# default would make Alembic rebuild the table, and dropping `invoices` on
# SQLite deletes the lines that cascade from it.
ZERO = "0"
EMPTY_LIST = "[]"


def upgrade() -> None:
    op.create_table(
        "invoice_adjustments",
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("net", Money(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("reason_code", sa.String(length=10), nullable=True),
        sa.Column("vat_category", sa.String(length=2), nullable=False),
        sa.Column("vat_rate", Money(), nullable=False),
        sa.Column("exemption_reason", sa.String(length=300), nullable=True),
        sa.Column("exemption_code", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("invoice_id", "kind", "position"),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unit", sa.String(length=3), nullable=False, server_default="C62")
        )
        batch_op.add_column(
            sa.Column(
                "vat_category",
                sa.String(length=2),
                nullable=False,
                server_default="S",
            )
        )
        batch_op.add_column(sa.Column("discount_percent", Money(), nullable=True))
        batch_op.add_column(sa.Column("discount_amount", Money(), nullable=True))
        batch_op.add_column(
            sa.Column("discount", Money(), nullable=False, server_default=ZERO)
        )
        batch_op.add_column(
            sa.Column("exemption_reason", sa.String(length=300), nullable=True)
        )
        batch_op.add_column(
            sa.Column("exemption_code", sa.String(length=30), nullable=True)
        )
    op.execute(
        "UPDATE invoice_lines SET vat_category = 'Z' "
        "WHERE CAST(vat_rate AS NUMERIC) = 0"
    )

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        for name in ("line_total", "allowance_total", "charge_total", "prepaid"):
            batch_op.add_column(
                sa.Column(name, Money(), nullable=False, server_default=ZERO)
            )
        for name in ("rounding", "amount_due"):
            batch_op.add_column(
                sa.Column(name, Money(), nullable=False, server_default=ZERO)
            )
        batch_op.add_column(
            sa.Column(
                "vat_breakdown", sa.JSON(), nullable=False, server_default=EMPTY_LIST
            )
        )
        batch_op.add_column(
            sa.Column(
                "tax_inclusive",
                sa.Boolean(),
                nullable=False,
                server_default="0",
            )
        )
        batch_op.add_column(
            sa.Column("accounting_currency", sa.String(length=3), nullable=True)
        )
        batch_op.add_column(sa.Column("exchange_rate", Money(), nullable=True))
        batch_op.add_column(sa.Column("exchange_rate_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("vat_accounting", Money(), nullable=True))
        batch_op.add_column(
            sa.Column("notes", sa.JSON(), nullable=False, server_default=EMPTY_LIST)
        )
        batch_op.add_column(
            sa.Column("purchase_order_reference", sa.String(length=100), nullable=True)
        )
        batch_op.add_column(
            sa.Column("buyer_reference", sa.String(length=100), nullable=True)
        )
    # Before this revision an invoice had lines only: its net was their sum
    # and it was due in full. TODO: their VAT breakdown stays empty (it was
    # never stored); re-saving a draft fills it.
    op.execute("UPDATE invoices SET line_total = net, amount_due = gross")


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        for name in (
            "buyer_reference",
            "purchase_order_reference",
            "notes",
            "vat_accounting",
            "exchange_rate_date",
            "exchange_rate",
            "accounting_currency",
            "tax_inclusive",
            "vat_breakdown",
            "amount_due",
            "rounding",
            "prepaid",
            "charge_total",
            "allowance_total",
            "line_total",
        ):
            batch_op.drop_column(name)

    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        for name in (
            "exemption_code",
            "exemption_reason",
            "discount",
            "discount_amount",
            "discount_percent",
            "vat_category",
            "unit",
        ):
            batch_op.drop_column(name)

    op.drop_table("invoice_adjustments")
