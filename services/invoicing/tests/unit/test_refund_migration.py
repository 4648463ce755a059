"""Upgrading an invoice that a credit note left paid beyond what it owes."""

import sqlalchemy as sa

from facturo_chassis import db

from .test_migrations import FIRST, migrate, seed

BEFORE = "c5f3e4a6b7d8"
REFUNDS = "d6a4f5b7c8e9"


async def test_overpaid_invoice_becomes_refund_due(database_url: str) -> None:
    engine = db.create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: migrate(c, FIRST))
        await connection.run_sync(seed)
        await connection.run_sync(lambda c: migrate(c, BEFORE))
        await connection.execute(
            sa.text(
                "UPDATE invoices SET status = 'paid', paid = '120.00', "
                "credited = '20.00', outstanding = '-20.00' WHERE id = 'i2'"
            )
        )
        await connection.run_sync(lambda c: migrate(c, REFUNDS))
        rows = await connection.execute(
            sa.text(
                "SELECT id, status, outstanding, refunded, deliver_to_country "
                "FROM invoices ORDER BY id"
            )
        )
        found = [
            (i, s, o if o is None else str(o), str(r), c) for i, s, o, r, c in rows
        ]
    await engine.dispose()

    assert found == [
        ("i1", "draft", None, "0", None),
        ("i2", "refund_due", "0", "0", None),
    ]
