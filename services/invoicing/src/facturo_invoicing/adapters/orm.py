"""The invoicing schema. Amounts are exact decimals on every database."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facturo_chassis.db_types import Money
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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

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


class Invoice(Base):
    __tablename__ = "invoices"

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
    number: Mapped[str | None] = mapped_column(String(30), unique=True)
    issue_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    approval_request_id: Mapped[str | None] = mapped_column(String(36))
    rejection_reason: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

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


class NumberSeries(Base):
    """The last number given in one series: legal entity, department, year."""

    __tablename__ = "number_series"

    legal_entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    department: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer)
    last_issue_date: Mapped[date] = mapped_column(Date)


class Document(Base):
    __tablename__ = "documents"

    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


messaging = messaging_tables(Base.metadata)
