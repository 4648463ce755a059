"""Wires the invoicing service: settings, runtime, routes and consumers."""

from pathlib import Path

from fastapi import FastAPI

from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime
from facturo_invoicing.adapters.numbering import IssueDateBeforeSeries
from facturo_invoicing.adapters.orm import Base
from facturo_invoicing.domain.credit_note_status import (
    InvalidCreditNoteTransition,
    InvoiceNotCreditable,
)
from facturo_invoicing.domain.credit_notes import (
    CreditExceedsInvoice,
    InvalidCredit,
    LinesNoLongerCreditable,
    NothingLeftToCredit,
)
from facturo_invoicing.domain.errors import (
    InvalidInvoice,
    InvalidNumber,
    InvalidTransition,
    NotEditable,
    SequenceExhausted,
    UnknownCurrency,
)
from facturo_invoicing.domain.payments import (
    DuplicatePayment,
    InvalidPayment,
    Overpayment,
    PaymentAlreadyReversed,
    UnknownPayment,
)
from facturo_invoicing.entrypoints import (
    consumers,
    credit_notes,
    customers,
    invoices,
    payments,
)
from facturo_invoicing.settings import InvoicingSettings

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"

DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    InvalidInvoice: (422, "Invalid invoice"),
    UnknownCurrency: (422, "Unknown currency"),
    InvalidTransition: (409, "Not allowed in this status"),
    NotEditable: (409, "Not editable"),
    IssueDateBeforeSeries: (409, "Issue date out of order"),
    InvalidNumber: (409, "Invalid number"),
    SequenceExhausted: (409, "Number series exhausted"),
    InvalidPayment: (422, "Invalid payment"),
    Overpayment: (409, "Overpayment"),
    DuplicatePayment: (409, "Duplicate payment"),
    UnknownPayment: (404, "Not found"),
    PaymentAlreadyReversed: (409, "Payment already reversed"),
    InvalidCredit: (422, "Invalid credit note"),
    CreditExceedsInvoice: (409, "Credit exceeds the invoice"),
    NothingLeftToCredit: (409, "Nothing left to credit"),
    LinesNoLongerCreditable: (409, "Lines no longer creditable"),
    InvoiceNotCreditable: (409, "Not allowed in this status"),
    InvalidCreditNoteTransition: (409, "Not allowed in this status"),
}


def create_app(settings: InvoicingSettings | None = None) -> FastAPI:
    settings = settings or InvoicingSettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    consumers.register(runtime, settings)
    return build_app(
        runtime,
        title="Facturo invoicing",
        description=(
            "Customers, invoices, numbering, documents, payments and credit notes."
        ),
        routers=[
            customers.router,
            invoices.router,
            payments.router,
            credit_notes.by_invoice,
            credit_notes.router,
        ],
        domain_errors=DOMAIN_ERRORS,
    )


def main() -> None:
    settings = InvoicingSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
