"""recurring schedules

Revision ID: b4e2d3f5a6c7
Revises: a3f1c2d4e5b6
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

revision: str = "b4e2d3f5a6c7"
down_revision: str | None = "a3f1c2d4e5b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
