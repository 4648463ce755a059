"""Upgrading a database that already holds customers, invoices and series."""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from facturo_chassis import db
from facturo_invoicing.bootstrap import MIGRATIONS

FIRST = "20cc5de4be08"
NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)


def migrate(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def seed(connection: Connection) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO customers (id, department, name, siren, vat_id, email, "
            "address_lines, country, payment_terms_days, version, created_at) "
            "VALUES ('c1', 'SAL', 'Martin', '443061841', NULL, NULL, '[]', 'FR', "
            "30, 1, :now)"
        ),
        {"now": NOW},
    )
    connection.execute(
        sa.text(
            "INSERT INTO invoices (id, department, customer_id, author_id, "
            "author_username, currency, status, version, net, vat, gross, "
            "created_at, updated_at) VALUES ('i1', 'SAL', 'c1', 'sub-claire', "
            "'claire', 'EUR', 'draft', 1, 110, 20, 130, :now, :now)"
        ),
        {"now": NOW},
    )
    connection.execute(
        sa.text(
            "INSERT INTO invoices (id, department, customer_id, author_id, "
            "author_username, currency, status, version, net, vat, gross, number, "
            "issue_date, due_date, created_at, updated_at) VALUES ('i2', 'SAL', "
            "'c1', 'sub-claire', 'claire', 'EUR', 'issued', 3, 100, 20, 120, "
            "'SAL-2026-000041', :day, :day, :now, :now)"
        ),
        {"now": NOW, "day": date(2026, 12, 1)},
    )
    connection.execute(
        sa.text(
            "INSERT INTO invoice_lines (invoice_id, position, description, "
            "quantity, unit_price, vat_rate, net) VALUES "
            "('i1', 1, 'Conseil', 1, 100, 20, 100), "
            "('i1', 2, 'Débours', 1, 10, 0, 10)"
        )
    )
    connection.execute(
        sa.text(
            "INSERT INTO number_series (department, year, last_sequence, "
            "last_issue_date) VALUES ('SAL', 2026, 41, :day)"
        ),
        {"day": date(2026, 12, 1)},
    )


async def test_existing_rows_keep_their_meaning(database_url: str) -> None:
    engine = db.create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: migrate(c, FIRST))
        await connection.run_sync(seed)
        await connection.run_sync(lambda c: migrate(c, "head"))
        categories = await connection.execute(
            sa.text("SELECT vat_category FROM invoice_lines ORDER BY position")
        )
        shares = await connection.execute(
            sa.text("SELECT customer_id, department FROM customer_departments")
        )
        series = await connection.execute(
            sa.text(
                "SELECT legal_entity, department, year, last_sequence "
                "FROM number_series"
            )
        )
        due = await connection.execute(
            sa.text("SELECT amount_due FROM invoices WHERE id = 'i1'")
        )
        balances = await connection.execute(
            sa.text("SELECT id, paid, credited, outstanding FROM invoices ORDER BY id")
        )
        payments = await connection.execute(sa.text("SELECT COUNT(*) FROM payments"))
        rows = (
            [c for (c,) in categories],
            list(shares),
            list(series),
            due.scalar_one(),
            [(i, str(p), str(c), o and str(o)) for i, p, c, o in balances],
            payments.scalar_one(),
        )
    await engine.dispose()

    assert rows[0] == ["S", "Z"]
    assert [tuple(r) for r in rows[1]] == [("c1", "SAL")]
    assert [tuple(r) for r in rows[2]] == [("812345676", "SAL", 2026, 41)]
    assert str(rows[3]) in ("130", "130.00", "130.0")
    # the draft owes nothing yet; the issued invoice owes its amount due
    assert rows[4] in (
        [("i1", "0", "0", None), ("i2", "0", "0", "120")],
        [("i1", "0", "0", None), ("i2", "0", "0", "120.00")],
    )
    assert rows[5] == 0
