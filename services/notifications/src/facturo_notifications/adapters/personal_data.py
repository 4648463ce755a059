"""Where the notifications schema holds a person: inbox, deliveries, state."""

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_notifications.adapters.orm import Delivery, DisabledUser, Notification


async def inbox_of(session: AsyncSession, user_id: str) -> list[Notification]:
    query = select(Notification).where(Notification.recipient_id == user_id)
    order = (Notification.created_at, Notification.id)
    return list(await session.scalars(query.order_by(*order)))


async def delete_inbox(session: AsyncSession, user_id: str) -> int:
    result = await session.execute(
        delete(Notification).where(Notification.recipient_id == user_id)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def deliveries_to(
    session: AsyncSession, user_id: str | None, pending_ids: list[str]
) -> list[Delivery]:
    """The deliveries to the user, and those of `pending_ids`, oldest first."""
    about: list[ColumnElement[bool]] = []
    if pending_ids:
        about.append(Delivery.id.in_(pending_ids))
    if user_id is not None:
        about.append(Delivery.recipient_id == user_id)
    if not about:
        return []
    query = select(Delivery).where(or_(*about))
    return list(await session.scalars(query.order_by(Delivery.created_at)))


async def pending_emails(session: AsyncSession, *, lock: bool) -> list[Delivery]:
    """Every e-mail still waiting: the only rows that keep an address. Few,
    since the sender works through them within seconds."""
    query = select(Delivery).where(
        Delivery.channel == "email", Delivery.status == "pending"
    )
    if lock:
        query = query.with_for_update()
    return list(await session.scalars(query.order_by(Delivery.created_at)))


async def disabled_at(session: AsyncSession, user_id: str) -> DisabledUser | None:
    return await session.get(DisabledUser, user_id)
