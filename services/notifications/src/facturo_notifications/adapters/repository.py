"""Reads and writes of the notifications schema."""

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_notifications.adapters.orm import Delivery, DisabledUser, Notification


async def delivery_exists(
    session: AsyncSession, event_id: str, channel: str, recipient_id: str
) -> bool:
    found = await session.scalar(
        select(Delivery.id).where(
            Delivery.event_id == event_id,
            Delivery.channel == channel,
            Delivery.recipient_id == recipient_id,
        )
    )
    return found is not None


async def due_emails(
    session: AsyncSession, now: datetime, limit: int
) -> list[Delivery]:
    """Pending e-mails whose time has come, oldest due first.

    On PostgreSQL the rows are locked and rows another instance holds are
    skipped, so two senders never claim the same row (SQLite has one writer).
    """
    query = (
        select(Delivery)
        .where(
            Delivery.channel == "email",
            Delivery.status == "pending",
            Delivery.next_attempt_at <= now,
        )
        .order_by(Delivery.next_attempt_at, Delivery.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(await session.scalars(query))


async def claimed_email(
    session: AsyncSession, delivery_id: str, attempt: int
) -> Delivery | None:
    """The row if it is still pending on this attempt (nobody reclaimed it)."""
    query = (
        select(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == "pending",
            Delivery.attempts == attempt,
        )
        .with_for_update()
    )
    row: Delivery | None = await session.scalar(query)
    return row


async def pending_emails_to(
    session: AsyncSession, user_id: str, department: str | None
) -> list[Delivery]:
    """The e-mails still waiting for one person, about `department` (None:
    about anything), locked against the sender on PostgreSQL."""
    query = select(Delivery).where(
        Delivery.channel == "email",
        Delivery.status == "pending",
        Delivery.recipient_kind == "user",
        Delivery.recipient_id == user_id,
    )
    if department is not None:
        query = query.where(Delivery.department == department)
    query = query.order_by(Delivery.created_at, Delivery.id).with_for_update()
    return list(await session.scalars(query))


async def is_disabled(session: AsyncSession, user_id: str) -> bool:
    return await session.get(DisabledUser, user_id) is not None


async def list_inbox(
    session: AsyncSession,
    recipient_id: str,
    departments: frozenset[str] | None,
    unread_only: bool,
    limit: int,
    offset: int,
) -> tuple[list[Notification], int]:
    """One person's notifications, newest first.

    `departments` hides notifications about departments the person no longer
    sees (None: every department).
    """
    query = select(Notification).where(Notification.recipient_id == recipient_id)
    if departments is not None:
        query = query.where(
            or_(
                Notification.department.is_(None),
                Notification.department.in_(departments),
            )
        )
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(page), total or 0


async def get_notification(
    session: AsyncSession, notification_id: str
) -> Notification | None:
    return await session.get(Notification, notification_id)
