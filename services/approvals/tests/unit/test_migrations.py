"""Upgrading a database that already holds approval requests and their steps."""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from facturo_approvals.bootstrap import MIGRATIONS
from facturo_chassis import db

BEFORE_CREDIT_NOTES = "e5252e5744ac"
NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)


def migrate(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def seed(connection: Connection) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO approval_requests (id, invoice_id, department, author_id, "
            "currency, gross, status, version, created_at, updated_at) VALUES "
            "('r1', 'i1', 'SAL', 'sub-claire', 'EUR', 120, 'pending', 1, :now, :now)"
        ),
        {"now": NOW},
    )
    connection.execute(
        sa.text(
            "INSERT INTO approval_steps (request_id, position, role) "
            "VALUES ('r1', 0, 'approver')"
        )
    )


async def test_existing_requests_are_for_their_invoice(database_url: str) -> None:
    engine = db.create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: migrate(c, BEFORE_CREDIT_NOTES))
        await connection.run_sync(seed)
        await connection.run_sync(lambda c: migrate(c, "head"))
        documents = await connection.execute(
            sa.text("SELECT id, document_kind, document_id FROM approval_requests")
        )
        steps = await connection.execute(sa.text("SELECT COUNT(*) FROM approval_steps"))
        rows = (list(documents), steps.scalar_one())
    await engine.dispose()

    assert [tuple(r) for r in rows[0]] == [("r1", "invoice", "i1")]
    assert rows[1] == 1  # the request was not rebuilt: its steps are still there
