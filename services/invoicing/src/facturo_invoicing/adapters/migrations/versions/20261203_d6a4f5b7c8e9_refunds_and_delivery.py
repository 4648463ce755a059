"""refunds and delivery

Revision ID: d6a4f5b7c8e9
Revises: c5f3e4a6b7d8
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

revision: str = "d6a4f5b7c8e9"
down_revision: str | None = "c5f3e4a6b7d8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
