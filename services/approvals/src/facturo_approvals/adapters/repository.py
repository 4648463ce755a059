"""Reads of the approvals schema."""

from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_approvals.adapters.orm import ApprovalRequest, Delegation
from facturo_approvals.domain.request import RequestStatus


async def get_request(session: AsyncSession, request_id: str) -> ApprovalRequest | None:
    return await session.get(ApprovalRequest, request_id)


async def open_request_for(
    session: AsyncSession, document_id: str
) -> ApprovalRequest | None:
    """The pending request of a document (invoice or credit note), if any."""
    found = await session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.document_id == document_id,
            ApprovalRequest.status == RequestStatus.PENDING.value,
        )
    )
    return found.first()


async def list_requests(
    session: AsyncSession,
    departments: frozenset[str] | None,
    status: str | None,
    limit: int,
    offset: int,
) -> tuple[list[ApprovalRequest], int]:
    query = _filtered(departments, status)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(_newest_first(query).limit(limit).offset(offset))
    return list(page), total or 0


async def pending_not_authored_by(
    session: AsyncSession, departments: frozenset[str] | None, subject: str
) -> list[ApprovalRequest]:
    """Pending requests that `subject` did not author: an inbox's candidates."""
    query = _filtered(departments, RequestStatus.PENDING.value).where(
        ApprovalRequest.author_id != subject
    )
    return list(await session.scalars(_newest_first(query)))


def _filtered(
    departments: frozenset[str] | None, status: str | None
) -> Select[tuple[ApprovalRequest]]:
    query = select(ApprovalRequest)
    if departments is not None:
        query = query.where(ApprovalRequest.department.in_(departments))
    if status is not None:
        query = query.where(ApprovalRequest.status == status)
    return query


def _newest_first(
    query: Select[tuple[ApprovalRequest]],
) -> Select[tuple[ApprovalRequest]]:
    return query.order_by(ApprovalRequest.created_at.desc(), ApprovalRequest.id)


async def get_delegation(
    session: AsyncSession, delegation_id: str
) -> Delegation | None:
    return await session.get(Delegation, delegation_id)


async def delegations_held(
    session: AsyncSession, delegate_id: str, on: date
) -> list[Delegation]:
    """The unrevoked delegations to `delegate_id` not yet over on `on`."""
    found = await session.scalars(
        select(Delegation).where(
            Delegation.delegate_id == delegate_id,
            Delegation.revoked.is_(False),
            Delegation.ends_on >= on,
        )
    )
    return list(found)
