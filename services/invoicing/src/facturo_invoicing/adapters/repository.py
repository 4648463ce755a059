"""Reads of the invoicing schema."""

from datetime import date

from sqlalchemy import ColumnElement, Numeric, and_, cast, func, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import (
    CreditNote,
    Customer,
    CustomerDepartment,
    Document,
    Invoice,
    Payment,
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
    overdue: bool | None = None,
    today: date | None = None,
) -> tuple[list[Invoice], int]:
    """A page of invoices; ``overdue`` keeps only those that are (or are not)
    past their due date on ``today`` with something left to pay."""
    query = select(Invoice)
    if overdue is not None:
        assert today is not None
        late = overdue_on(today)
        query = query.where(late if overdue else not_(late))
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


def overdue_on(today: date) -> ColumnElement[bool]:
    """Issued, due before ``today``, and not fully paid or credited."""
    return and_(
        Invoice.due_date.is_not(None),
        Invoice.outstanding.is_not(None),
        Invoice.due_date < today,
        cast(Invoice.outstanding, Numeric()) > 0,
    )


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


async def list_payments(session: AsyncSession, invoice_id: str) -> list[Payment]:
    """The invoice's payments, reversed ones included, oldest first."""
    query = (
        select(Payment)
        .where(Payment.invoice_id == invoice_id)
        .order_by(Payment.recorded_at, Payment.id)
    )
    return list(await session.scalars(query))


async def get_credit_note(
    session: AsyncSession, credit_note_id: str, *, lock: bool = False
) -> CreditNote | None:
    """The credit note; ``lock`` takes its row lock (FOR UPDATE on PostgreSQL)."""
    return await session.get(
        CreditNote, credit_note_id, with_for_update=lock, populate_existing=lock
    )


async def list_credit_notes(
    session: AsyncSession, invoice_id: str, status: str | None = None
) -> list[CreditNote]:
    """The invoice's credit notes, oldest first; ``status`` keeps only those."""
    query = select(CreditNote).where(CreditNote.invoice_id == invoice_id)
    if status is not None:
        query = query.where(CreditNote.status == status)
    query = query.order_by(CreditNote.created_at, CreditNote.id)
    return list(await session.scalars(query))


async def get_credit_note_pdf(
    session: AsyncSession, credit_note_id: str
) -> bytes | None:
    query = select(CreditNote.pdf).where(CreditNote.id == credit_note_id)
    return (await session.scalars(query)).first()
