"""Column types shared by the services' schemas."""

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
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
