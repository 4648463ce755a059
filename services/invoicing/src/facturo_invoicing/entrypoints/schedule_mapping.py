"""Recurring schedules: from HTTP schemas to commands, and from rows back.

The template goes through the invoice mapping both ways, so a schedule takes
and shows a draft exactly as `POST /invoices` takes it.
"""

from typing import Any

from pydantic import TypeAdapter

from facturo_invoicing.adapters.orm import RecurringSchedule
from facturo_invoicing.entrypoints.mapping import create_command, update_command
from facturo_invoicing.entrypoints.schedule_schemas import (
    ScheduleCreate,
    ScheduleRead,
    ScheduleUpdate,
)
from facturo_invoicing.entrypoints.schemas import InvoiceCreate
from facturo_invoicing.service_layer.commands import (
    CreateInvoice,
    CreateSchedule,
    UpdateSchedule,
)
from facturo_invoicing.service_layer.schedule_templates import template_of

_COMMAND = TypeAdapter(CreateInvoice)
BOUNDS = frozenset({"end_date", "count"})


def schedule_create_command(body: ScheduleCreate) -> CreateSchedule:
    return CreateSchedule(
        template=create_command(body.template),
        frequency=body.frequency,
        start_date=body.start_date,
        end_date=body.end_date,
        count=body.count,
    )


def schedule_update_command(
    schedule_id: str, expected_version: int | None, body: ScheduleUpdate
) -> UpdateSchedule:
    template_changes: dict[str, Any] = {}
    if body.template is not None:
        # The changes exactly as an invoice PATCH takes them.
        template = update_command(schedule_id, None, body.template)
        template_changes = dict(template.changes)
    return UpdateSchedule(
        schedule_id=schedule_id,
        expected_version=expected_version,
        template_changes=template_changes,
        changes={name: getattr(body, name) for name in body.model_fields_set & BOUNDS},
    )


def schedule_read(schedule: RecurringSchedule) -> ScheduleRead:
    return ScheduleRead(
        id=schedule.id,
        department=schedule.department,
        customer_id=schedule.customer_id,
        author_id=schedule.author_id,
        author_username=schedule.author_username,
        template=template_body(template_of(schedule)),
        frequency=schedule.frequency,
        start_date=schedule.start_date,
        end_date=schedule.end_date,
        count=schedule.count,
        status=schedule.status,
        next_occurrence=schedule.next_occurrence,
        last_error=schedule.last_error,
        version=schedule.version,
        created_at=schedule.created_at,
        updated_at=schedule.updated_at,
    )


def template_body(draft: CreateInvoice) -> InvoiceCreate:
    """The command back in the shape `POST /invoices` takes: the same names,
    but for a line's discount, which is an object there."""
    content = _COMMAND.dump_python(draft, mode="json")
    content["lines"] = [_line_body(line) for line in content["lines"]]
    fields = InvoiceCreate.model_fields
    return InvoiceCreate.model_validate(
        {name: value for name, value in content.items() if name in fields}
    )


def _line_body(line: dict[str, Any]) -> dict[str, Any]:
    percent = line.pop("discount_percent")
    amount = line.pop("discount_amount")
    if percent is not None or amount is not None:
        line["discount"] = {"percent": percent, "amount": amount}
    return line
