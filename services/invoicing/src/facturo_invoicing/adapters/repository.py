"""Reads of the invoicing schema."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import (
    Customer,
    CustomerDepartment,
    Document,
    Invoice,
)


async def get_invoice(
    session: AsyncSession, invoice_id: str, *, lock: bool = False
) -> Invoice | None:
    """The invoice; ``lock`` takes its row lock (FOR UPDATE on PostgreSQL)."""
    return await session.get(
        Invoice, invoice_id, with_for_update=lock, populate_existing=lock
    )


async def get_customer(
    session: AsyncSession, customer_id: str, *, lock: bool = False
) -> Customer | None:
    return await session.get(
        Customer, customer_id, with_for_update=lock, populate_existing=lock
    )


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
    """Customers shared with any of ``departments`` (None: every customer)."""
    query = select(Customer).order_by(Customer.name, Customer.id)
    if departments is not None:
        shared = select(CustomerDepartment.customer_id).where(
            CustomerDepartment.department.in_(departments)
        )
        query = query.where(Customer.id.in_(shared))
    return list(await session.scalars(query))
