"""approve credit notes

A request is for a document, an invoice or a credit note of `invoice_id`;
each existing request is for its invoice. At most one request per document
is open at a time, so credit notes of one invoice each get their own.

Revision ID: 088dac6979ae
Revises: e5252e5744ac
Create Date: 2026-12-03 14:43:06.536552
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "088dac6979ae"
down_revision: str | None = "e5252e5744ac"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Columns are added in place with constant defaults and indexes changed
# outside a batch: rebuilding `approval_requests` on SQLite would delete the
# steps that cascade from it.
OPEN = sa.text("status = 'pending'")


def upgrade() -> None:
    with op.batch_alter_table("approval_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "document_kind",
                sa.String(length=20),
                nullable=False,
                server_default="invoice",
            )
        )
        batch_op.add_column(
            sa.Column(
                "document_id", sa.String(length=36), nullable=False, server_default=""
            )
        )
    op.execute("UPDATE approval_requests SET document_id = invoice_id")
    op.drop_index("uq_approval_requests_open_invoice", table_name="approval_requests")
    op.create_index(
        "uq_approval_requests_open_document",
        "approval_requests",
        ["document_id"],
        unique=True,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )


def downgrade() -> None:
    op.drop_index("uq_approval_requests_open_document", table_name="approval_requests")
    op.execute("DELETE FROM approval_requests WHERE document_kind <> 'invoice'")
    op.create_index(
        "uq_approval_requests_open_invoice",
        "approval_requests",
        ["invoice_id"],
        unique=True,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )
    op.execute("ALTER TABLE approval_requests DROP COLUMN document_id")
    op.execute("ALTER TABLE approval_requests DROP COLUMN document_kind")
