"""Reads of the invoicing schema."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Numeric,
    Select,
    and_,
    cast,
    func,
    not_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import (
    CreditNote,
    Customer,
    CustomerDepartment,
    Document,
    Invoice,
    InvoiceComment,
    Payment,
    Refund,
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


@dataclass(frozen=True)
class InvoiceFilter:
    """Which invoices a list or an export holds; None sets no condition.

    ``departments`` is already narrowed to those the caller sees. ``overdue``
    keeps those that are (or are not) past their due date on ``today`` with
    something left to pay. The issue dates are inclusive and leave drafts out.
    """

    departments: frozenset[str] | None = None
    status: str | None = None
    overdue: bool | None = None
    today: date | None = None
    issued_from: date | None = None
    issued_to: date | None = None


def filtered_invoices(where: InvoiceFilter) -> Select[tuple[Invoice]]:
    query = select(Invoice)
    if where.overdue is not None:
        assert where.today is not None
        late = overdue_on(where.today)
        query = query.where(late if where.overdue else not_(late))
    if where.departments is not None:
        query = query.where(Invoice.department.in_(where.departments))
    if where.status is not None:
        query = query.where(Invoice.status == where.status)
    if where.issued_from is not None:
        query = query.where(Invoice.issue_date >= where.issued_from)
    if where.issued_to is not None:
        query = query.where(Invoice.issue_date <= where.issued_to)
    return query


async def count_invoices(session: AsyncSession, where: InvoiceFilter) -> int:
    query = filtered_invoices(where).subquery()
    return await session.scalar(select(func.count()).select_from(query)) or 0


async def list_invoices(
    session: AsyncSession, where: InvoiceFilter, limit: int, offset: int
) -> tuple[list[Invoice], int]:
    """A page of the invoices ``where`` keeps, newest first, and their count."""
    total = await count_invoices(session, where)
    page = await session.scalars(
        filtered_invoices(where)
        .order_by(Invoice.created_at.desc(), Invoice.id)
        .limit(limit)
        .offset(offset)
    )
    return list(page), total


async def stream_invoices(
    session: AsyncSession, where: InvoiceFilter, batch: int
) -> AsyncIterator[Invoice]:
    """Every invoice ``where`` keeps, oldest first, fetched ``batch`` at a time
    (a server-side cursor, so memory holds one batch, not the whole result)."""
    query = (
        filtered_invoices(where)
        .order_by(Invoice.created_at, Invoice.id)
        .execution_options(yield_per=batch)
    )
    async for invoice in await session.stream_scalars(query):
        yield invoice


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


async def list_refunds(session: AsyncSession, invoice_id: str) -> list[Refund]:
    """The invoice's refunds, reversed ones included, oldest first."""
    query = (
        select(Refund)
        .where(Refund.invoice_id == invoice_id)
        .order_by(Refund.recorded_at, Refund.id)
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


async def list_comments(
    session: AsyncSession, invoice_id: str, limit: int, offset: int
) -> tuple[list[InvoiceComment], int]:
    """A page of the invoice's comments, oldest first, and how many there are."""
    query = select(InvoiceComment).where(InvoiceComment.invoice_id == invoice_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(InvoiceComment.created_at, InvoiceComment.id)
        .limit(limit)
        .offset(offset)
    )
    return list(page), total or 0
