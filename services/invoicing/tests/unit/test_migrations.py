"""Upgrading a database that already holds customers, invoices and series."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from facturo_chassis import db
from facturo_invoicing.bootstrap import MIGRATIONS

FIRST = "20cc5de4be08"
BEFORE_SELLER = "9d18669424b8"
SELLER = "a3f1c2d4e5b6"
NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)


def migrate(connection: Connection, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, revision)


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


SELLER_COLUMNS = (
    "seller_legal_entity_id",
    "seller_name",
    "seller_siren",
    "seller_vat_id",
    "seller_address",
)
CHILDREN = ("invoice_lines", "invoice_adjustments", "payments", "credit_notes")
PDF = b"%PDF-1.4 issued"


def seed_children(connection: Connection) -> None:
    """What hangs off the issued invoice i2 by the credit notes revision."""
    day = date(2026, 12, 2)
    connection.execute(
        sa.text(
            "INSERT INTO invoice_adjustments (invoice_id, kind, position, amount, "
            "net, reason, vat_category, vat_rate) VALUES "
            "('i2', 'allowance', 1, 10, 10, 'Remise', 'S', 20)"
        )
    )
    connection.execute(
        sa.text(
            "INSERT INTO payments (id, invoice_id, amount, currency, received_on, "
            "method, reference, recorded_by, recorded_at) VALUES ('p1', 'i2', 50, "
            "'EUR', :day, 'transfer', 'VIR-1', 'sub-fanny', :now)"
        ),
        {"day": day, "now": NOW},
    )
    connection.execute(
        sa.text(
            "INSERT INTO credit_notes (id, invoice_id, department, kind, request, "
            "reason, status, currency, net, vat, gross, lines, vat_groups, number, "
            "issue_date, author_id, author_username, version, created_at, "
            "updated_at) VALUES ('n1', 'i2', 'SAL', 'amount', '{}', 'Geste', "
            "'issued', 'EUR', 5, 1, 6, '[]', '[]', 'SAL-AV-2026-000001', :day, "
            "'sub-claire', 'claire', 2, :now, :now)"
        ),
        {"day": day, "now": NOW},
    )
    connection.execute(
        sa.text(
            "INSERT INTO documents (invoice_id, kind, media_type, sha256, content, "
            "created_at) VALUES ('i2', 'pdf', 'application/pdf', 'x', :pdf, :now)"
        ),
        {"pdf": PDF, "now": NOW},
    )


def counts(connection: Connection) -> dict[str, int]:
    tables = (*CHILDREN, "documents", "invoices")
    count = sa.select(sa.func.count())
    return {
        name: connection.execute(count.select_from(sa.table(name))).scalar_one()
        for name in tables
    }


def sellers(connection: Connection, table: str) -> list[tuple[object, ...]]:
    columns = [sa.column(name) for name in ("id", *SELLER_COLUMNS)]
    query = sa.select(*columns).select_from(sa.table(table)).order_by("id")
    return [tuple(row) for row in connection.execute(query)]


def numbered(connection: Connection, invoice_id: str, siren: str) -> None:
    """Another invoice numbered SAL-2026-000041, by the seller ``siren``."""
    connection.execute(
        sa.text(
            "INSERT INTO invoices (id, department, customer_id, author_id, "
            "author_username, currency, status, version, net, vat, gross, number, "
            "seller_siren, created_at, updated_at) VALUES (:id, 'SAL', 'c1', "
            "'sub-claire', 'claire', 'EUR', 'issued', 3, 100, 20, 120, "
            "'SAL-2026-000041', :siren, :now, :now)"
        ),
        {"id": invoice_id, "siren": siren, "now": NOW},
    )


async def test_the_seller_revision_keeps_every_row_hanging_off_invoices(
    database_url: str,
) -> None:
    engine = db.create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: migrate(c, FIRST))
        await connection.run_sync(seed)
        await connection.run_sync(lambda c: migrate(c, BEFORE_SELLER))
        await connection.run_sync(seed_children)
        before = await connection.run_sync(counts)

        await connection.run_sync(lambda c: migrate(c, SELLER))
        after = await connection.run_sync(counts)
        invoices = await connection.run_sync(sellers, "invoices")
        notes = await connection.run_sync(sellers, "credit_notes")
        pdf = await connection.scalar(sa.text("SELECT content FROM documents"))
        await connection.run_sync(numbered, "i3", "732829320")
        with pytest.raises(IntegrityError):
            async with connection.begin_nested():
                await connection.run_sync(numbered, "i4", "812345676")

        await connection.execute(sa.text("DELETE FROM invoices WHERE id = 'i3'"))
        await connection.run_sync(lambda c: migrate(c, BEFORE_SELLER, down=True))
        downgraded = await connection.run_sync(counts)
    await engine.dispose()

    assert before == {
        "invoice_lines": 2,
        "invoice_adjustments": 1,
        "payments": 1,
        "credit_notes": 1,
        "documents": 1,
        "invoices": 2,
    }
    assert after == before
    assert downgraded == before
    assert bytes(pdf) == PDF
    demo = ("Facturo Démo SAS", "812345676", "FR19812345676")
    address = "12 rue de la Paix, 75002 Paris, France"
    assert invoices == [
        ("i1", None, None, None, None, None),
        ("i2", None, *demo, address),
    ]
    assert notes == [("n1", None, *demo, address)]
