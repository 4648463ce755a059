"""Column types keep exact amounts and UTC moments on every database."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from facturo_chassis import db
from facturo_chassis.db_types import Money, UtcDateTime

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime()),
    Column("amount", Money()),
)


@pytest.mark.parametrize(
    "written",
    [
        datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
        datetime(2026, 12, 3, 16, 0, tzinfo=timezone(timedelta(hours=2))),
        datetime(2026, 12, 3, 14, 0),  # naive: taken as UTC
    ],
)
async def test_moments_come_back_in_utc_with_their_zone(
    database_url: str, written: datetime
) -> None:
    engine = db.create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(
            insert(things).values(id=1, at=written, amount=Decimal("1200.00"))
        )
        row = (await connection.execute(select(things))).one()
    await engine.dispose()

    assert row.at == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert row.at.utcoffset() == timedelta(0)
    assert str(row.amount) == "1200.00"
