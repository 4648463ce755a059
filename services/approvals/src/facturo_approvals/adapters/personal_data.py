"""Where the approvals schema names people: authors, deciders, delegations."""

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep, Delegation


async def requests_authored(
    session: AsyncSession, user_id: str
) -> list[ApprovalRequest]:
    query = select(ApprovalRequest).where(ApprovalRequest.author_id == user_id)
    order = (ApprovalRequest.created_at, ApprovalRequest.id)
    return list(await session.scalars(query.order_by(*order)))


async def steps_decided(session: AsyncSession, user_id: str) -> list[ApprovalStep]:
    """Steps the user decided, themselves or as the approver delegated for."""
    query = select(ApprovalStep).where(
        or_(
            ApprovalStep.decided_by == user_id,
            ApprovalStep.decided_on_behalf_of == user_id,
        )
    )
    order = (ApprovalStep.decided_at, ApprovalStep.request_id, ApprovalStep.position)
    return list(await session.scalars(query.order_by(*order)))


async def delegations_of(session: AsyncSession, user_id: str) -> list[Delegation]:
    query = select(Delegation).where(
        or_(Delegation.delegator_id == user_id, Delegation.delegate_id == user_id)
    )
    order = (Delegation.starts_on, Delegation.id)
    return list(await session.scalars(query.order_by(*order)))


async def rename_decider(session: AsyncSession, user_id: str, pseudonym: str) -> int:
    """Replace the decider's username on their steps; bump their requests'
    versions, since what they show changed."""
    mine = (ApprovalStep.decided_by == user_id) & (
        ApprovalStep.decided_by_username != pseudonym
    )
    requests = select(ApprovalStep.request_id).where(mine)
    await session.execute(
        update(ApprovalRequest)
        .where(ApprovalRequest.id.in_(requests))
        .values(version=ApprovalRequest.version + 1)
        .execution_options(synchronize_session=False)
    )
    renamed = await session.execute(
        update(ApprovalStep)
        .where(mine)
        .values(decided_by_username=pseudonym)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(renamed, "rowcount", 0) or 0)
