"""What people and other services ask the invoicing service to do."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from facturo_invoicing.domain.customers import Contact


@dataclass(frozen=True)
class CreateCustomer:
    """A customer; `UpdateCustomer` changes some of these fields."""

    departments: tuple[str, ...]
    name: str
    siren: str | None
    vat_id: str | None
    email: str | None
    address_lines: tuple[str, ...]
    country: str
    payment_terms_days: int
    siret: str | None = None
    postcode: str | None = None
    city: str | None = None
    subdivision: str | None = None
    contacts: tuple[Contact, ...] = ()
    preferred_language: str = "fr"


@dataclass(frozen=True)
class UpdateCustomer:
    customer_id: str
    expected_version: int | None
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DraftLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: str | None = None
    unit: str = "C62"
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None
    exemption_reason: str | None = None
    exemption_code: str | None = None


@dataclass(frozen=True)
class DraftAdjustment:
    """A document-level allowance or charge as entered."""

    amount: Decimal
    reason: str
    vat_rate: Decimal
    vat_category: str | None = None
    reason_code: str | None = None
    exemption_reason: str | None = None
    exemption_code: str | None = None


@dataclass(frozen=True)
class CreateInvoice:
    """Everything a draft holds; `UpdateInvoice` changes some of it."""

    department: str
    customer_id: str
    currency: str
    lines: tuple[DraftLine, ...]
    allowances: tuple[DraftAdjustment, ...] = ()
    charges: tuple[DraftAdjustment, ...] = ()
    notes: tuple[str, ...] = ()
    purchase_order_reference: str | None = None
    buyer_reference: str | None = None
    tax_inclusive: bool = False
    prepaid: Decimal = Decimal(0)
    exchange_rate: Decimal | None = None
    exchange_rate_date: date | None = None
    # Delivery (EN 16931 BG-13, BG-14), needed for intra-EU supplies (K).
    actual_delivery_date: date | None = None
    invoicing_period_start: date | None = None
    invoicing_period_end: date | None = None
    deliver_to_country: str | None = None
    deliver_to_address: str | None = None


@dataclass(frozen=True)
class UpdateInvoice:
    """Change a draft; `changes` names `CreateInvoice` fields and new values.

    `expected_version` is the version the caller read (None: it sent none).
    """

    invoice_id: str
    expected_version: int | None
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmitInvoice:
    invoice_id: str
    expected_version: int | None


@dataclass(frozen=True)
class SendInvoice:
    invoice_id: str
    expected_version: int | None


@dataclass(frozen=True)
class RecordPayment:
    """Money received for an issued invoice, in the invoice's currency."""

    invoice_id: str
    expected_version: int | None
    amount: Decimal
    received_on: date
    method: str
    reference: str = ""


@dataclass(frozen=True)
class ReversePayment:
    invoice_id: str
    payment_id: str
    expected_version: int | None
    reason: str


@dataclass(frozen=True)
class RecordRefund:
    """Money paid back to the customer, in the invoice's currency."""

    invoice_id: str
    expected_version: int | None
    amount: Decimal
    refunded_on: date
    method: str
    reference: str = ""


@dataclass(frozen=True)
class ReverseRefund:
    invoice_id: str
    refund_id: str
    expected_version: int | None
    reason: str


@dataclass(frozen=True)
class CreateCreditNote:
    """Credit an issued invoice: in full, some line quantities, or an amount.

    ``request`` holds line positions and quantities (kind ``lines``) or
    ``gross`` (kind ``amount``), as decimal strings.
    """

    invoice_id: str
    kind: str
    reason: str
    request: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmitCreditNote:
    credit_note_id: str
    expected_version: int | None


@dataclass(frozen=True)
class AddComment:
    """A comment on an invoice, naming the users it mentions by subject id."""

    invoice_id: str
    text: str
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreateSchedule:
    """A recurring schedule: the draft each occurrence creates, and when.

    It ends after `end_date` (inclusive) or `count` occurrences, whichever
    comes first; with neither it runs until ended.
    """

    template: CreateInvoice
    frequency: str
    start_date: date
    end_date: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class UpdateSchedule:
    """`template_changes` name `CreateInvoice` fields; `changes` name
    ``end_date`` and ``count`` (None removes the bound)."""

    schedule_id: str
    expected_version: int | None
    template_changes: Mapping[str, Any] = field(default_factory=dict)
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangeScheduleStatus:
    """Pause, resume or end a schedule."""

    schedule_id: str
    expected_version: int | None
    action: str
