"""invoice comments

Revision ID: c5f3e4a6b7d8
Revises: b4e2d3f5a6c7
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

revision: str = "c5f3e4a6b7d8"
down_revision: str | None = "b4e2d3f5a6c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
