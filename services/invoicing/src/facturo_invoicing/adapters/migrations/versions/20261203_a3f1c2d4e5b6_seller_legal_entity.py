"""seller legal entity

Revision ID: a3f1c2d4e5b6
Revises: 9d18669424b8
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

revision: str = "a3f1c2d4e5b6"
down_revision: str | None = "9d18669424b8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
