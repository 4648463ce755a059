"""Taking the next number of a series inside the issuing transaction.

A series is one legal entity's (its SIREN), one department's, one year's.
The number itself (`SAL-2026-000042`) does not name the entity: it is unique
per seller, so a department that changes legal entity starts a new series.

The series row is locked (`FOR UPDATE` on PostgreSQL; SQLite transactions here
start with `BEGIN IMMEDIATE`, so one writer at a time) and bumped in the same
transaction that marks the invoice issued: a failed issue rolls the number
back with it, and no two issuers ever get the same number.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import CreditNoteSeries, NumberSeries
from facturo_invoicing.domain.credit_notes import format_credit_note_number
from facturo_invoicing.domain.errors import DomainError
from facturo_invoicing.domain.numbering import format_number, next_sequence

Series = type[NumberSeries] | type[CreditNoteSeries]


class IssueDateBeforeSeries(DomainError):
    """Issuing now would put this number before an earlier-dated one."""


@dataclass(frozen=True)
class SeriesKey:
    legal_entity: str
    department: str
    year: int


async def take_next_number(
    session: AsyncSession, legal_entity: str, department: str, issue_date: date
) -> str:
    """The next invoice number, e.g. ``SAL-2026-000042``."""
    sequence = await _take(session, NumberSeries, legal_entity, department, issue_date)
    return format_number(department, issue_date.year, sequence)


async def take_next_credit_note_number(
    session: AsyncSession, legal_entity: str, department: str, issue_date: date
) -> str:
    """The next credit note number, e.g. ``SAL-AV-2026-000007``."""
    sequence = await _take(
        session, CreditNoteSeries, legal_entity, department, issue_date
    )
    return format_credit_note_number(department, issue_date.year, sequence)


async def _take(
    session: AsyncSession,
    table: Series,
    legal_entity: str,
    department: str,
    issue_date: date,
) -> int:
    key = SeriesKey(legal_entity, department, issue_date.year)
    series = await _locked_series(session, table, key)
    if series is None:
        series = await _create_series(session, table, key, issue_date)
    if issue_date < series.last_issue_date:
        raise IssueDateBeforeSeries(
            f"series {department}-{issue_date.year} of {legal_entity} already has "
            f"an invoice dated {series.last_issue_date}"
        )
    sequence = next_sequence(series.last_sequence or None)
    series.last_sequence = sequence
    series.last_issue_date = issue_date
    await session.flush()
    return sequence


async def _locked_series(
    session: AsyncSession, table: Series, key: SeriesKey
) -> NumberSeries | CreditNoteSeries | None:
    query = (
        select(table)
        .where(
            table.legal_entity == key.legal_entity,
            table.department == key.department,
            table.year == key.year,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    series = (await session.scalars(query)).first()
    assert series is None or isinstance(series, table)
    return series


async def _create_series(
    session: AsyncSession, table: Series, key: SeriesKey, issue_date: date
) -> NumberSeries | CreditNoteSeries:
    try:
        async with session.begin_nested():
            session.add(
                table(
                    legal_entity=key.legal_entity,
                    department=key.department,
                    year=key.year,
                    last_sequence=0,
                    last_issue_date=issue_date,
                )
            )
    except IntegrityError:
        pass  # another issuer created it first; lock theirs
    series = await _locked_series(session, table, key)
    assert series is not None
    return series
