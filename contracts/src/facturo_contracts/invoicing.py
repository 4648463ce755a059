"""Events of the invoice aggregate, on topic `invoicing.invoice.v1`."""

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from facturo_contracts import topics
from facturo_contracts.envelope import Event


class Totals(BaseModel):
    """Invoice amounts in the invoice currency, as decimal strings on the wire."""

    model_config = ConfigDict(frozen=True)

    net: Decimal
    vat: Decimal
    gross: Decimal


class InvoiceEvent(Event):
    TOPIC: ClassVar[str] = topics.INVOICES

    invoice_id: str
    department: str

    def subject(self) -> str:
        return self.invoice_id


class InvoiceCreated(InvoiceEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.created.v1"

    customer_id: str
    author_id: str
    currency: str
    totals: Totals


class InvoiceUpdated(InvoiceEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.updated.v1"

    version: int
    totals: Totals
    currency: str | None = None
    customer_id: str | None = None


class InvoiceSubmitted(InvoiceEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.submitted.v1"

    customer_id: str
    author_id: str
    currency: str
    totals: Totals


class InvoiceApproved(InvoiceEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.approved.v1"

    approval_request_id: str


class InvoiceReturnedToDraft(InvoiceEvent):
    """A rejected submission sends the invoice back to its author."""

    TYPE: ClassVar[str] = "invoicing.invoice.returned-to-draft.v1"

    approval_request_id: str
    author_id: str
    reason: str


class InvoiceIssued(InvoiceEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.issued.v1"

    number: str
    issue_date: date
    due_date: date
    customer_id: str
    author_id: str
    currency: str
    totals: Totals
    # Optional, so that readers of earlier events still agree: what the buyer
    # still has to pay (EN 16931 BT-115) after what was prepaid (BT-113).
    amount_due: Decimal | None = None
    prepaid: Decimal | None = None
    # The seller frozen at issue, whose series gave the number: the legal
    # entity's id (null for invoicing's default seller) and its SIREN.
    seller_legal_entity_id: str | None = None
    seller_siren: str | None = None


class InvoiceSent(InvoiceEvent):
    """Finance marked the issued invoice as sent to the customer."""

    TYPE: ClassVar[str] = "invoicing.invoice.sent.v1"

    number: str
    sent_at: datetime


class InvoiceCommentAdded(InvoiceEvent):
    """Someone commented on the invoice, mentioning these users.

    The text stays in the invoicing service: words written by people may hold
    personal data. ``number`` is the invoice's, null while it is a draft.
    """

    TYPE: ClassVar[str] = "invoicing.invoice.comment-added.v1"

    comment_id: str
    author_id: str
    mentioned_user_ids: list[str]
    created_at: datetime
    number: str | None = None


class PaymentEvent(InvoiceEvent):
    """A payment of the invoice counted or stopped counting.

    ``status``, ``paid`` and ``outstanding`` are the invoice's after the change;
    so is ``refund_due``, what credit notes left owed back to the customer.
    """

    payment_id: str
    amount: Decimal
    currency: str
    status: str
    paid: Decimal
    outstanding: Decimal
    refund_due: Decimal | None = None


class PaymentRecorded(PaymentEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.payment-recorded.v1"

    received_on: date
    method: str
    reference: str


class PaymentReversed(PaymentEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.payment-reversed.v1"

    reason: str


class RefundEvent(InvoiceEvent):
    """Money paid back to the customer counted or stopped counting.

    ``status``, ``paid``, ``refunded``, ``outstanding`` and ``refund_due`` are
    the invoice's after the change. The reference and the reason stay in the
    invoicing service: people write them.
    """

    refund_id: str
    amount: Decimal
    currency: str
    status: str
    paid: Decimal
    refunded: Decimal
    outstanding: Decimal
    refund_due: Decimal


class RefundRecorded(RefundEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.refund-recorded.v1"

    refunded_on: date
    method: str


class RefundReversed(RefundEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.refund-reversed.v1"

    reversed_on: date


class CreditNoteEvent(InvoiceEvent):
    """A credit note of the invoice; keyed by the invoice, so that its events
    stay in order with the invoice's."""

    credit_note_id: str


class CreditNoteCreated(CreditNoteEvent):
    TYPE: ClassVar[str] = "invoicing.invoice.credit-note-created.v1"

    author_id: str
    kind: str
    currency: str
    totals: Totals


class CreditNoteSubmitted(CreditNoteEvent):
    """The credit note waits for approval, like an invoice."""

    TYPE: ClassVar[str] = "invoicing.invoice.credit-note-submitted.v1"

    author_id: str
    currency: str
    gross: Decimal
    invoice_number: str


class CreditNoteReturnedToDraft(CreditNoteEvent):
    """Rejected, or refused at issue because the invoice has no room left."""

    TYPE: ClassVar[str] = "invoicing.invoice.credit-note-returned-to-draft.v1"

    author_id: str
    reason: str
    approval_request_id: str | None = None


class CreditNoteIssued(CreditNoteEvent):
    """Numbered in its own series; the invoice owes ``gross`` less."""

    TYPE: ClassVar[str] = "invoicing.invoice.credit-note-issued.v1"

    number: str
    issue_date: date
    invoice_number: str
    author_id: str
    currency: str
    totals: Totals
    outstanding: Decimal
    # Paid beyond what the invoice now owes: finance pays it back (refunds).
    refund_due: Decimal | None = None
    # The invoice's seller, as frozen on the invoice (optional, like above).
    seller_legal_entity_id: str | None = None
    seller_siren: str | None = None
