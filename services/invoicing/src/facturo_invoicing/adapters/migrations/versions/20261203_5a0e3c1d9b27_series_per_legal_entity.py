"""number series per legal entity

A series becomes one legal entity's, department's and year's. Existing series
belong to the seller configured when this runs (`FACTURO_SELLER_SIREN`), so
that their numbering goes on where it stopped.

Revision ID: 5a0e3c1d9b27
Revises: 047ad542666d
Create Date: 2026-12-03 14:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from facturo_invoicing.settings import InvoicingSettings

revision: str = "5a0e3c1d9b27"
down_revision: str | None = "047ad542666d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "number_series_by_entity",
        sa.Column("legal_entity", sa.String(length=20), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("last_issue_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint(
            "legal_entity", "department", "year", name="pk_number_series"
        ),
    )
    seller = InvoicingSettings().seller_siren
    op.get_bind().execute(
        sa.text(
            "INSERT INTO number_series_by_entity (legal_entity, department, year, "
            "last_sequence, last_issue_date) SELECT :seller, department, year, "
            "last_sequence, last_issue_date FROM number_series"
        ),
        {"seller": seller},
    )
    op.drop_table("number_series")
    op.rename_table("number_series_by_entity", "number_series")


def downgrade() -> None:
    op.create_table(
        "number_series_by_department",
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("last_issue_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("department", "year"),
    )
    op.execute(
        "INSERT INTO number_series_by_department SELECT department, year, "
        "MAX(last_sequence), MAX(last_issue_date) FROM number_series "
        "GROUP BY department, year"
    )
    op.drop_table("number_series")
    op.rename_table("number_series_by_department", "number_series")
