"""announce legal entities

Legal entities created before identity announced them on Kafka have no
`announced_at`: identity announces them at its next start, so that invoicing
learns the seller of their departments.

Revision ID: 7c2e9b4d1f60
Revises: d0b9e9dca5af
Create Date: 2026-12-03 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from facturo_chassis.db_types import UtcDateTime

revision: str = "7c2e9b4d1f60"
down_revision: str | None = "d0b9e9dca5af"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "legal_entities", sa.Column("announced_at", UtcDateTime(), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("legal_entities") as batch:
        batch.drop_column("announced_at")
