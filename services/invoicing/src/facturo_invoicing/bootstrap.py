"""Wires the invoicing service: settings, runtime, routes and consumers."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI

from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime
from facturo_chassis.service_client import service_client
from facturo_invoicing.adapters.directory import (
    Directory,
    DirectoryUnavailable,
    HttpDirectory,
)
from facturo_invoicing.adapters.numbering import IssueDateBeforeSeries
from facturo_invoicing.adapters.orm import Base
from facturo_invoicing.domain.comments import InvalidComment
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
from facturo_invoicing.domain.refunds import (
    InvalidRefund,
    NoRefundDue,
    RefundAlreadyReversed,
    RefundExceedsDue,
    UnknownRefund,
)
from facturo_invoicing.domain.schedule_status import InvalidScheduleTransition
from facturo_invoicing.domain.schedules import InvalidSchedule
from facturo_invoicing.entrypoints import (
    comments,
    consumers,
    credit_notes,
    customers,
    exports,
    invoices,
    payments,
    privacy,
    refunds,
    schedules,
)
from facturo_invoicing.entrypoints.scheduler import (
    RecurringScheduler,
    run_while_serving,
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
    InvalidRefund: (422, "Invalid refund"),
    NoRefundDue: (409, "No refund due"),
    RefundExceedsDue: (409, "Refund exceeds what is due back"),
    UnknownRefund: (404, "Not found"),
    RefundAlreadyReversed: (409, "Refund already reversed"),
    InvalidCredit: (422, "Invalid credit note"),
    CreditExceedsInvoice: (409, "Credit exceeds the invoice"),
    NothingLeftToCredit: (409, "Nothing left to credit"),
    LinesNoLongerCreditable: (409, "Lines no longer creditable"),
    InvoiceNotCreditable: (409, "Not allowed in this status"),
    InvalidCreditNoteTransition: (409, "Not allowed in this status"),
    InvalidComment: (422, "Invalid comment"),
    DirectoryUnavailable: (503, "Directory unavailable"),
    InvalidSchedule: (422, "Invalid schedule"),
    InvalidScheduleTransition: (409, "Not allowed in this status"),
}


def create_app(
    settings: InvoicingSettings | None = None, directory: Directory | None = None
) -> FastAPI:
    """`directory` replaces the identity service's (tests pass a fake)."""
    settings = settings or InvoicingSettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    consumers.register(runtime, settings)
    app = build_app(
        runtime,
        title="Facturo invoicing",
        description=(
            "Customers, invoices, numbering, documents, payments, refunds and "
            "credit notes."
        ),
        routers=[
            customers.router,
            exports.router,  # before invoices: "/invoices/export" is no id
            invoices.router,
            payments.router,
            refunds.router,
            credit_notes.by_invoice,
            credit_notes.router,
            comments.router,
            schedules.router,
            privacy.router,
        ],
        domain_errors=DOMAIN_ERRORS,
    )
    owned = None
    if directory is None:
        owned = directory = HttpDirectory(
            service_client(settings, settings.identity_url)
        )
    app.state.directory = directory
    _close_on_shutdown(app, owned)
    app.state.scheduler = RecurringScheduler(
        lambda: runtime.unit_of_work(None), settings
    )
    run_while_serving(app, app.state.scheduler)
    return app


def _close_on_shutdown(app: FastAPI, directory: HttpDirectory | None) -> None:
    """Around the chassis lifespan: close the directory's client last."""
    if directory is None:
        return
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with inner(app):
                yield
        finally:
            await directory.aclose()

    app.router.lifespan_context = lifespan


def main() -> None:
    settings = InvoicingSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
