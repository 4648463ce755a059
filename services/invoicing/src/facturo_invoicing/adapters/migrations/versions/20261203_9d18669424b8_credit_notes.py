"""credit notes

Credit notes get their table and their own number series; invoices gain what
issued credit notes have taken off them (nothing, before this revision).

Revision ID: 9d18669424b8
Revises: 06825d1a9e0d
Create Date: 2026-12-03 14:40:45.451735
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from facturo_chassis.db_types import Money

revision: str = "9d18669424b8"
down_revision: str | None = "06825d1a9e0d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The column is added in place and dropped with plain ALTER TABLE: a batch
# rebuild of `invoices` on SQLite would delete the lines cascading from it.
ZERO = "0"
INDEXED = ("department", "invoice_id", "status")


def upgrade() -> None:
    op.create_table(
        "credit_note_series",
        sa.Column("legal_entity", sa.String(length=20), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("last_issue_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("legal_entity", "department", "year"),
    )
    op.create_table(
        "credit_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("invoice_id", sa.String(length=36), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("net", Money(), nullable=False),
        sa.Column("vat", Money(), nullable=False),
        sa.Column("gross", Money(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("vat_groups", sa.JSON(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("author_id", sa.String(length=64), nullable=False),
        sa.Column("author_username", sa.String(length=100), nullable=False),
        sa.Column("approval_request_id", sa.String(length=36), nullable=True),
        sa.Column("returned_reason", sa.String(length=2000), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    for column in INDEXED:
        op.create_index(f"ix_credit_notes_{column}", "credit_notes", [column])

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("credited", Money(), nullable=False, server_default=ZERO)
        )


def downgrade() -> None:
    op.execute("ALTER TABLE invoices DROP COLUMN credited")
    for column in INDEXED:
        op.drop_index(f"ix_credit_notes_{column}", table_name="credit_notes")
    op.drop_table("credit_notes")
    op.drop_table("credit_note_series")
