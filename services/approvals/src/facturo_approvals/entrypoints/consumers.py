"""What the approvals service does with other services' events.

Consumer group `approvals`: `InvoiceSubmitted` and `CreditNoteSubmitted` on
`invoicing.invoice.v1` open an approval request; `DelegationGranted` and
`DelegationRevoked` on `identity.directory.v1` keep the copy of the
delegations, `PersonErased` erases the person's data here too; other events
are acknowledged and ignored. Ack after the effect
(and its outbox rows) and the inbox row commit together; three retries, then
`<topic>.dlq`.
"""

from facturo_approvals.domain.policy import PolicyBook
from facturo_approvals.domain.request import DocumentKind
from facturo_approvals.service_layer.commands import OpenApproval
from facturo_approvals.service_layer.delegations import record_granted, record_revoked
from facturo_approvals.service_layer.opening import open_approval
from facturo_approvals.service_layer.privacy import erase_person
from facturo_chassis.messaging.consumer import Handler
from facturo_chassis.runtime import Runtime
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity, invoicing, topics
from facturo_contracts.envelope import Event, EventMeta

GROUP = "approvals"


def register(runtime: Runtime, policies: PolicyBook) -> None:
    async def on_submitted(
        event: invoicing.InvoiceSubmitted, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await open_approval(open_command(event), uow, policies)

    async def on_credit_note(
        event: invoicing.CreditNoteSubmitted, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await open_approval(credit_note_command(event), uow, policies)

    async def on_granted(
        event: identity.DelegationGranted, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await record_granted(event, uow)

    async def on_revoked(
        event: identity.DelegationRevoked, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await record_revoked(event, uow)

    async def on_person_erased(
        event: identity.PersonErased, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await erase_person(event, uow)

    handlers: dict[type[Event], Handler] = {
        invoicing.InvoiceSubmitted: on_submitted,
        invoicing.CreditNoteSubmitted: on_credit_note,
        identity.DelegationGranted: on_granted,
        identity.DelegationRevoked: on_revoked,
        identity.PersonErased: on_person_erased,
    }
    runtime.consumer(GROUP, [topics.INVOICES, topics.DIRECTORY], handlers=handlers)


def open_command(event: invoicing.InvoiceSubmitted) -> OpenApproval:
    return OpenApproval(
        invoice_id=event.invoice_id,
        department=event.department,
        author_id=event.author_id,
        currency=event.currency,
        gross=event.totals.gross,
    )


def credit_note_command(event: invoicing.CreditNoteSubmitted) -> OpenApproval:
    return OpenApproval(
        invoice_id=event.invoice_id,
        department=event.department,
        author_id=event.author_id,
        currency=event.currency,
        gross=event.gross,
        document_kind=DocumentKind.CREDIT_NOTE,
        document_id=event.credit_note_id,
    )
