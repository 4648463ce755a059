"""Events of the invoice aggregate, on topic `invoicing.invoice.v1`."""

from datetime import date
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
