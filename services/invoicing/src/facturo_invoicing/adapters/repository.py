"""Reads of the invoicing schema."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import Customer, Document, Invoice


async def get_invoice(session: AsyncSession, invoice_id: str) -> Invoice | None:
    return await session.get(Invoice, invoice_id)


async def get_customer(session: AsyncSession, customer_id: str) -> Customer | None:
    return await session.get(Customer, customer_id)


async def get_document(
    session: AsyncSession, invoice_id: str, kind: str
) -> Document | None:
    return await session.get(Document, (invoice_id, kind))


async def list_invoices(
    session: AsyncSession,
    departments: frozenset[str] | None,
    status: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Invoice], int]:
    query = select(Invoice)
    if departments is not None:
        query = query.where(Invoice.department.in_(departments))
    if status is not None:
        query = query.where(Invoice.status == status)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(Invoice.created_at.desc(), Invoice.id)
        .limit(limit)
        .offset(offset)
    )
    return list(page), total or 0


async def list_customers(
    session: AsyncSession, departments: frozenset[str] | None
) -> list[Customer]:
    query = select(Customer).order_by(Customer.name)
    if departments is not None:
        query = query.where(Customer.department.in_(departments))
    return list(await session.scalars(query))
