"""The query filters of the invoice list, which its exports share."""

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from facturo_chassis.auth.policy import scope_filter
from facturo_chassis.dependencies import CurrentPrincipal
from facturo_chassis.problems import Unprocessable
from facturo_invoicing.adapters.repository import InvoiceFilter
from facturo_invoicing.entrypoints.preconditions import Today


def _invoice_filter(
    principal: CurrentPrincipal,
    today: Today,
    department: list[str] | None = Query(default=None),
    invoice_status: str | None = Query(default=None, alias="status"),
    overdue: bool | None = Query(
        default=None, description="only invoices past due with something to pay"
    ),
    issued_from: date | None = Query(default=None, description="issued on or after"),
    issued_to: date | None = Query(default=None, description="issued on or before"),
) -> InvoiceFilter:
    """The filters asked for, the departments narrowed to those the caller sees
    (a department outside them leaves nothing to show, as if it were empty)."""
    if issued_from and issued_to and issued_from > issued_to:
        raise Unprocessable(
            "issued_from is after issued_to",
            errors=[{"location": "query/issued_to", "message": "before issued_from"}],
        )
    return InvoiceFilter(
        departments=scope_filter(principal, department),
        status=invoice_status,
        overdue=overdue,
        today=today,
        issued_from=issued_from,
        issued_to=issued_to,
    )


InvoiceFilters = Annotated[InvoiceFilter, Depends(_invoice_filter)]
