"""What the invoicing service does with other services' events.

Consumer group `invoicing`: approval decisions, on invoices and (when the
decision names `credit_note_id`) on credit notes. Ack after the effect and the
inbox row commit together; three retries, then `approvals.request.v1.dlq`.
"""

from facturo_chassis.runtime import Runtime
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals, topics
from facturo_contracts.envelope import EventMeta
from facturo_invoicing.service_layer.crediting import (
    issue_credit_note,
    return_credit_note_to_draft,
)
from facturo_invoicing.service_layer.issuing import approve_and_issue, return_to_draft
from facturo_invoicing.settings import InvoicingSettings


def register(runtime: Runtime, settings: InvoicingSettings) -> None:
    async def on_granted(
        event: approvals.ApprovalGranted, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        if event.credit_note_id is None:
            await approve_and_issue(event, uow, settings)
        else:
            await issue_credit_note(event, uow, settings)

    async def on_rejected(
        event: approvals.ApprovalRejected, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        if event.credit_note_id is None:
            await return_to_draft(event, uow)
        else:
            await return_credit_note_to_draft(event, uow)

    runtime.consumer(
        "invoicing",
        [topics.APPROVAL_REQUESTS],
        handlers={
            approvals.ApprovalGranted: on_granted,
            approvals.ApprovalRejected: on_rejected,
        },
    )
