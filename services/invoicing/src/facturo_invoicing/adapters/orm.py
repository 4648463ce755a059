"""The invoicing schema. Amounts are exact decimals on every database."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facturo_chassis.db_types import Money, UtcDateTime
from facturo_chassis.messaging.tables import messaging_tables


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # The department that created the customer; `shares` lists every one.
    department: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    siren: Mapped[str] = mapped_column(String(9))  # "" outside France
    siret: Mapped[str | None] = mapped_column(String(14))
    vat_id: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    address_lines: Mapped[list[str]] = mapped_column(JSON)
    postcode: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    subdivision: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    contacts: Mapped[list[dict[str, str | None]]] = mapped_column(JSON)
    payment_terms_days: Mapped[int] = mapped_column(Integer)
    preferred_language: Mapped[str] = mapped_column(String(2))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    shares: Mapped[list["CustomerDepartment"]] = relationship(
        lazy="selectin",
        order_by="CustomerDepartment.position",
        cascade="all, delete-orphan",
    )

    @property
    def departments(self) -> list[str]:
        return [share.department for share in self.shares]


class CustomerDepartment(Base):
    """A department that may invoice the customer."""

    __tablename__ = "customer_departments"

    customer_id: Mapped[str] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    department: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class _SellerSnapshot:
    """The seller as it was at issue, null before: the legal entity of the
    department then (a null id: invoicing's default seller). Its SIREN keys
    the number series, so a number is unique per seller."""

    seller_legal_entity_id: Mapped[str | None] = mapped_column(String(36))
    seller_name: Mapped[str | None] = mapped_column(String(200))
    seller_siren: Mapped[str | None] = mapped_column(String(9))
    seller_vat_id: Mapped[str | None] = mapped_column(String(20))
    seller_address: Mapped[str | None] = mapped_column(String(500))


class Invoice(_SellerSnapshot, Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("seller_siren", "number", name="uq_invoices_seller_number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    author_id: Mapped[str] = mapped_column(String(64))
    author_username: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer)
    net: Mapped[Decimal] = mapped_column(Money())
    vat: Mapped[Decimal] = mapped_column(Money())
    gross: Mapped[Decimal] = mapped_column(Money())
    line_total: Mapped[Decimal] = mapped_column(Money())
    allowance_total: Mapped[Decimal] = mapped_column(Money())
    charge_total: Mapped[Decimal] = mapped_column(Money())
    prepaid: Mapped[Decimal] = mapped_column(Money())
    rounding: Mapped[Decimal] = mapped_column(Money())
    amount_due: Mapped[Decimal] = mapped_column(Money())
    # BG-23 as computed when the amounts last changed: decimal strings.
    vat_breakdown: Mapped[list[dict[str, str | None]]] = mapped_column(JSON)
    tax_inclusive: Mapped[bool] = mapped_column(Boolean)
    accounting_currency: Mapped[str | None] = mapped_column(String(3))
    exchange_rate: Mapped[Decimal | None] = mapped_column(Money())
    exchange_rate_date: Mapped[date | None] = mapped_column(Date)
    vat_accounting: Mapped[Decimal | None] = mapped_column(Money())
    notes: Mapped[list[str]] = mapped_column(JSON)
    purchase_order_reference: Mapped[str | None] = mapped_column(String(100))
    buyer_reference: Mapped[str | None] = mapped_column(String(100))
    # Delivery (EN 16931 BG-13, BG-14): BT-72, BT-73/74, BT-80 and BT-75.
    actual_delivery_date: Mapped[date | None] = mapped_column(Date)
    invoicing_period_start: Mapped[date | None] = mapped_column(Date)
    invoicing_period_end: Mapped[date | None] = mapped_column(Date)
    deliver_to_country: Mapped[str | None] = mapped_column(String(2))
    deliver_to_address: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(30))
    issue_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    approval_request_id: Mapped[str | None] = mapped_column(String(36))
    rejection_reason: Mapped[str | None] = mapped_column(String(2000))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # What counting payments add up to, and what is left to pay: null until
    # issued, then amount_due less credit notes and payments.
    credited: Mapped[Decimal] = mapped_column(Money())  # issued credit notes
    paid: Mapped[Decimal] = mapped_column(Money())
    outstanding: Mapped[Decimal | None] = mapped_column(Money())
    refunded: Mapped[Decimal] = mapped_column(Money())  # refunds that count
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    customer: Mapped[Customer] = relationship(lazy="selectin")
    lines: Mapped[list["InvoiceLine"]] = relationship(
        lazy="selectin",
        order_by="InvoiceLine.position",
        cascade="all, delete-orphan",
    )
    adjustments: Mapped[list["InvoiceAdjustment"]] = relationship(
        lazy="selectin",
        order_by="(InvoiceAdjustment.kind, InvoiceAdjustment.position)",
        cascade="all, delete-orphan",
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    invoice_id: Mapped[str] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Money())
    unit_price: Mapped[Decimal] = mapped_column(Money())
    vat_rate: Mapped[Decimal] = mapped_column(Money())
    net: Mapped[Decimal] = mapped_column(Money())
    unit: Mapped[str] = mapped_column(String(3))
    vat_category: Mapped[str] = mapped_column(String(2))
    discount_percent: Mapped[Decimal | None] = mapped_column(Money())
    discount_amount: Mapped[Decimal | None] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money())
    exemption_reason: Mapped[str | None] = mapped_column(String(300))
    exemption_code: Mapped[str | None] = mapped_column(String(30))


class InvoiceAdjustment(Base):
    """A document-level allowance (BG-20) or charge (BG-21)."""

    __tablename__ = "invoice_adjustments"

    invoice_id: Mapped[str] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    net: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(String(300))
    reason_code: Mapped[str | None] = mapped_column(String(10))
    vat_category: Mapped[str] = mapped_column(String(2))
    vat_rate: Mapped[Decimal] = mapped_column(Money())
    exemption_reason: Mapped[str | None] = mapped_column(String(300))
    exemption_code: Mapped[str | None] = mapped_column(String(30))


class Payment(Base):
    """Money received for an invoice; a reversal keeps the row, marked."""

    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3))
    received_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(140))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reversed_on: Mapped[date | None] = mapped_column(Date)
    reversal_reason: Mapped[str | None] = mapped_column(String(500))
    reversed_by: Mapped[str | None] = mapped_column(String(64))


class Refund(Base):
    """Money paid back to the customer; a reversal keeps the row, marked."""

    __tablename__ = "refunds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3))
    refunded_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(140))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reversed_on: Mapped[date | None] = mapped_column(Date)
    reversal_reason: Mapped[str | None] = mapped_column(String(500))
    reversed_by: Mapped[str | None] = mapped_column(String(64))


class _Series:
    """The last number given in one series: legal entity, department, year."""

    legal_entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    department: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer)
    last_issue_date: Mapped[date] = mapped_column(Date)


class NumberSeries(_Series, Base):
    """Invoice numbers, e.g. ``SAL-2026-000042``."""

    __tablename__ = "number_series"


class CreditNoteSeries(_Series, Base):
    """Credit note numbers, a series of their own: ``SAL-AV-2026-000007``."""

    __tablename__ = "credit_note_series"


class CreditNote(_SellerSnapshot, Base):
    """A credit against an issued invoice, with the amounts the domain planned.

    ``request`` keeps what was asked (line quantities or a gross amount) so
    that the plan can be made again against the credit notes issued since.
    Lines and VAT groups hold decimal strings.
    """

    __tablename__ = "credit_notes"
    __table_args__ = (
        UniqueConstraint(
            "seller_siren", "number", name="uq_credit_notes_seller_number"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), index=True)
    department: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    request: Mapped[dict[str, str]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    net: Mapped[Decimal] = mapped_column(Money())
    vat: Mapped[Decimal] = mapped_column(Money())
    gross: Mapped[Decimal] = mapped_column(Money())
    lines: Mapped[list[dict[str, str | None]]] = mapped_column(JSON)
    vat_groups: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    number: Mapped[str | None] = mapped_column(String(40))
    issue_date: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[str] = mapped_column(String(64))
    author_username: Mapped[str] = mapped_column(String(100))
    approval_request_id: Mapped[str | None] = mapped_column(String(36))
    returned_reason: Mapped[str | None] = mapped_column(String(2000))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Document(Base):
    __tablename__ = "documents"

    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class InvoiceComment(Base):
    """A comment on an invoice: never edited or deleted, so the discussion
    stays a record. ``mentions`` lists the subject ids of people it names."""

    __tablename__ = "invoice_comments"
    __table_args__ = (Index("ix_invoice_comments_thread", "invoice_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"))
    author_id: Mapped[str] = mapped_column(String(64))
    author_username: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LegalEntity(Base):
    """A legal entity as the identity service announced it (no IBAN)."""

    __tablename__ = "legal_entities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    siren: Mapped[str] = mapped_column(String(9))
    vat_id: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DepartmentLegalEntity(Base):
    """The legal entity a department invoices as, as identity announced it."""

    __tablename__ = "department_legal_entities"

    department: Mapped[str] = mapped_column(String(20), primary_key=True)
    legal_entity_id: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


messaging = messaging_tables(Base.metadata)


class RecurringSchedule(Base):
    """A draft to create every period: its template and where it stands.

    ``template`` holds the `CreateInvoice` command as JSON, without the
    department and customer, which are columns. ``next_index`` is the
    occurrence to make next (0: the start date); its date is computed from
    the anchor and kept in ``next_occurrence`` for the scheduler's query.
    """

    __tablename__ = "recurring_schedules"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    author_id: Mapped[str] = mapped_column(String(64))
    author_username: Mapped[str] = mapped_column(String(100))
    template: Mapped[dict[str, object]] = mapped_column(JSON)
    frequency: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)
    next_index: Mapped[int] = mapped_column(Integer)
    next_occurrence: Mapped[date | None] = mapped_column(Date, index=True)
    last_error: Mapped[str | None] = mapped_column(String(2000))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScheduleRun(Base):
    """One occurrence of a schedule and the draft it made.

    The primary key (schedule, occurrence) is the unique constraint that
    makes generation exactly-once: a second draft for the same occurrence
    cannot commit.
    """

    __tablename__ = "schedule_runs"

    schedule_id: Mapped[str] = mapped_column(
        ForeignKey("recurring_schedules.id"), primary_key=True
    )
    occurrence: Mapped[date] = mapped_column(Date, primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
