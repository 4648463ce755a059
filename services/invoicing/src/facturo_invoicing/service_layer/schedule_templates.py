"""A schedule's template: the `CreateInvoice` command, stored as JSON.

Stored whole (decimals as strings) but for the department and customer,
which are the schedule's own columns; a field added to the command is kept
without a change here.
"""

from typing import Any

from pydantic import TypeAdapter

from facturo_invoicing.adapters.orm import RecurringSchedule
from facturo_invoicing.service_layer.commands import CreateInvoice

_COMMAND = TypeAdapter(CreateInvoice)
_COLUMNS = ("department", "customer_id")


def stored_template(draft: CreateInvoice) -> dict[str, Any]:
    """The draft's content as the schedule stores it."""
    content = _COMMAND.dump_python(draft, mode="json")
    return {key: value for key, value in content.items() if key not in _COLUMNS}


def template_of(schedule: RecurringSchedule) -> CreateInvoice:
    """The draft each occurrence of the schedule creates."""
    return _COMMAND.validate_python(
        {
            **schedule.template,
            "department": schedule.department,
            "customer_id": schedule.customer_id,
        }
    )


def apply_template(schedule: RecurringSchedule, draft: CreateInvoice) -> None:
    schedule.department = draft.department
    schedule.customer_id = draft.customer_id
    schedule.template = stored_template(draft)
