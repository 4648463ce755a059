"""What the approvals service does with other services' events.

Consumer group `approvals`: `InvoiceSubmitted` on `invoicing.invoice.v1` opens
an approval request; other invoice events are acknowledged and ignored. Ack
after the request, its `ApprovalRequested` outbox row and the inbox row commit
together; three retries, then `invoicing.invoice.v1.dlq`.
"""

from facturo_approvals.domain.policy import PolicyBook
from facturo_approvals.service_layer.commands import OpenApproval
from facturo_approvals.service_layer.opening import open_approval
from facturo_chassis.runtime import Runtime
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing, topics
from facturo_contracts.envelope import EventMeta

GROUP = "approvals"


def register(runtime: Runtime, policies: PolicyBook) -> None:
    async def on_submitted(
        event: invoicing.InvoiceSubmitted, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await open_approval(open_command(event), uow, policies)

    runtime.consumer(
        GROUP,
        [topics.INVOICES],
        handlers={invoicing.InvoiceSubmitted: on_submitted},
    )


def open_command(event: invoicing.InvoiceSubmitted) -> OpenApproval:
    return OpenApproval(
        invoice_id=event.invoice_id,
        department=event.department,
        author_id=event.author_id,
        currency=event.currency,
        gross=event.totals.gross,
    )
