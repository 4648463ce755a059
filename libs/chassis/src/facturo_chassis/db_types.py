"""Column types shared by the services' schemas."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class _DecimalText(TypeDecorator[Decimal]):
    """SQLite has no exact decimal: keep the digits as text there."""

    impl = String(50)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def Money() -> Any:
    """An exact decimal amount: NUMERIC on PostgreSQL, text on SQLite.

    PostgreSQL's unconstrained NUMERIC keeps the scale it was given, so
    "1200.00" comes back as "1200.00", never "1200.000000".
    """
    return Numeric(asdecimal=True).with_variant(_DecimalText(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC, read back with its time zone on every database.

    SQLite keeps no zone and returns naive values; they are UTC, since this
    type only ever writes UTC. A naive value given to it is taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return _as_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return _as_utc(value)


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
