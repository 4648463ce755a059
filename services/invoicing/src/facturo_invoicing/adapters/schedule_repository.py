"""Reads of recurring schedules, and the claim of a due one by a scheduler."""

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import RecurringSchedule
from facturo_invoicing.domain.schedule_status import ScheduleStatus


async def get_schedule(
    session: AsyncSession, schedule_id: str, *, lock: bool = False
) -> RecurringSchedule | None:
    """The schedule; ``lock`` takes its row lock (FOR UPDATE on PostgreSQL)."""
    return await session.get(
        RecurringSchedule, schedule_id, with_for_update=lock, populate_existing=lock
    )


async def list_schedules(
    session: AsyncSession,
    departments: frozenset[str] | None,
    status: str | None,
    limit: int,
    offset: int,
) -> tuple[list[RecurringSchedule], int]:
    """A page of schedules, newest first (``departments`` None: all)."""
    query = select(RecurringSchedule)
    if departments is not None:
        query = query.where(RecurringSchedule.department.in_(departments))
    if status is not None:
        query = query.where(RecurringSchedule.status == status)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(RecurringSchedule.created_at.desc(), RecurringSchedule.id)
        .limit(limit)
        .offset(offset)
    )
    return list(page), total or 0


async def claim_due(
    session: AsyncSession, today: date, passed: Collection[str] = ()
) -> RecurringSchedule | None:
    """The active schedule whose next occurrence is the oldest due on ``today``,
    locked for the rest of the transaction; ``passed`` ids are left out.

    On PostgreSQL another scheduler's claim is skipped (SKIP LOCKED), so that
    several instances share the work; SQLite renders no lock clause, and its
    BEGIN IMMEDIATE lets one writing transaction run at a time instead.
    """
    query = (
        select(RecurringSchedule)
        .where(
            RecurringSchedule.status == ScheduleStatus.ACTIVE.value,
            RecurringSchedule.next_occurrence <= today,
        )
        .order_by(RecurringSchedule.next_occurrence, RecurringSchedule.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    if passed:
        query = query.where(RecurringSchedule.id.not_in(passed))
    return (await session.scalars(query)).first()
