"""What the invoicing service does with other services' events.

Consumer group `invoicing`: approval decisions, on invoices and (when the
decision names `credit_note_id`) on credit notes. Ack after the effect and the
inbox row commit together; three retries, then `approvals.request.v1.dlq`.

Consumer group `invoicing-directory`: identity's events on
`identity.directory.v1` (`PersonErased`: the person's data is erased here
too; legal entities and the departments' legal entity: the sellers of
invoices); other types are acknowledged and ignored. Same ack policy; three
retries, then `identity.directory.v1.dlq`.
"""

from facturo_chassis.runtime import Runtime
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals, identity, topics
from facturo_contracts.envelope import EventMeta
from facturo_invoicing.service_layer.crediting import (
    issue_credit_note,
    return_credit_note_to_draft,
)
from facturo_invoicing.service_layer.issuing import approve_and_issue, return_to_draft
from facturo_invoicing.service_layer.legal_entities import (
    record_department,
    record_legal_entity,
)
from facturo_invoicing.service_layer.privacy import erase_person
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

    async def on_person_erased(
        event: identity.PersonErased, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await erase_person(event, uow)

    async def on_legal_entity(
        event: identity.LegalEntityRegistered, meta: EventMeta, uow: UnitOfWork
    ) -> None:
        await record_legal_entity(event, uow)

    async def on_department(
        event: identity.DepartmentCreated | identity.DepartmentAssignedToLegalEntity,
        meta: EventMeta,
        uow: UnitOfWork,
    ) -> None:
        await record_department(event.department, event.legal_entity_id, uow)

    runtime.consumer(
        "invoicing-directory",
        [topics.DIRECTORY],
        handlers={
            identity.PersonErased: on_person_erased,
            identity.LegalEntityRegistered: on_legal_entity,
            identity.DepartmentCreated: on_department,
            identity.DepartmentAssignedToLegalEntity: on_department,
        },
    )
