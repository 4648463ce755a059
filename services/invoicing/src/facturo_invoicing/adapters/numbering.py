"""Taking the next number of a series inside the issuing transaction.

The series row is locked (`FOR UPDATE` on PostgreSQL; SQLite transactions here
start with `BEGIN IMMEDIATE`, so one writer at a time) and bumped in the same
transaction that marks the invoice issued: a failed issue rolls the number
back with it, and no two issuers ever get the same number.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import NumberSeries
from facturo_invoicing.domain.errors import DomainError
from facturo_invoicing.domain.numbering import format_number, next_sequence


class IssueDateBeforeSeries(DomainError):
    """Issuing now would put this number before an earlier-dated one."""


async def take_next_number(
    session: AsyncSession, department: str, issue_date: date
) -> str:
    series = await _locked_series(session, department, issue_date.year)
    if series is None:
        series = await _create_series(session, department, issue_date)
    if issue_date < series.last_issue_date:
        raise IssueDateBeforeSeries(
            f"series {department}-{issue_date.year} already has an invoice dated "
            f"{series.last_issue_date}"
        )
    sequence = next_sequence(series.last_sequence or None)
    series.last_sequence = sequence
    series.last_issue_date = issue_date
    await session.flush()
    return format_number(department, issue_date.year, sequence)


async def _locked_series(
    session: AsyncSession, department: str, year: int
) -> NumberSeries | None:
    query = (
        select(NumberSeries)
        .where(NumberSeries.department == department, NumberSeries.year == year)
        .with_for_update()
    )
    return (await session.scalars(query)).first()


async def _create_series(
    session: AsyncSession, department: str, issue_date: date
) -> NumberSeries:
    try:
        async with session.begin_nested():
            session.add(
                NumberSeries(
                    department=department,
                    year=issue_date.year,
                    last_sequence=0,
                    last_issue_date=issue_date,
                )
            )
    except IntegrityError:
        pass  # another issuer created it first; lock theirs
    series = await _locked_series(session, department, issue_date.year)
    assert series is not None
    return series
