"""Taking the next number of a series inside the issuing transaction.

A series is one legal entity's (its SIREN), one department's, one year's.
TODO: the number itself (`SAL-2026-000042`) does not name the entity, and
numbers are unique across the service: until the identity service manages
legal entities, two entities sharing a department code cannot both issue.

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

from facturo_invoicing.adapters.orm import NumberSeries
from facturo_invoicing.domain.errors import DomainError
from facturo_invoicing.domain.numbering import format_number, next_sequence


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
    key = SeriesKey(legal_entity, department, issue_date.year)
    series = await _locked_series(session, key)
    if series is None:
        series = await _create_series(session, key, issue_date)
    if issue_date < series.last_issue_date:
        raise IssueDateBeforeSeries(
            f"series {department}-{issue_date.year} of {legal_entity} already has "
            f"an invoice dated {series.last_issue_date}"
        )
    sequence = next_sequence(series.last_sequence or None)
    series.last_sequence = sequence
    series.last_issue_date = issue_date
    await session.flush()
    return format_number(department, issue_date.year, sequence)


async def _locked_series(session: AsyncSession, key: SeriesKey) -> NumberSeries | None:
    query = (
        select(NumberSeries)
        .where(
            NumberSeries.legal_entity == key.legal_entity,
            NumberSeries.department == key.department,
            NumberSeries.year == key.year,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).first()


async def _create_series(
    session: AsyncSession, key: SeriesKey, issue_date: date
) -> NumberSeries:
    try:
        async with session.begin_nested():
            session.add(
                NumberSeries(
                    legal_entity=key.legal_entity,
                    department=key.department,
                    year=key.year,
                    last_sequence=0,
                    last_issue_date=issue_date,
                )
            )
    except IntegrityError:
        pass  # another issuer created it first; lock theirs
    series = await _locked_series(session, key)
    assert series is not None
    return series
