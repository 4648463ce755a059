"""add erasure requests

Revision ID: d0b9e9dca5af
Revises: 2a0c1a934fec
Create Date: 2026-12-04 09:12:41.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d0b9e9dca5af"
down_revision: str | None = "2a0c1a934fec"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "erasure_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("email_sha256", sa.String(length=64), nullable=True),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_erasure_requests_user", "erasure_requests", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_erasure_requests_user", table_name="erasure_requests")
    op.drop_table("erasure_requests")
