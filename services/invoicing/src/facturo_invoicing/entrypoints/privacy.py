"""Invoicing's part of a personal data export, for identity's service account."""

from fastapi import APIRouter

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.privacy import PersonalDataQuery
from facturo_invoicing.entrypoints.privacy_schemas import (
    CustomerAddressRead,
    InvoicingDataRead,
    MentionRead,
    PersonalContactRead,
)
from facturo_invoicing.service_layer.privacy import (
    InvoicingPart,
    collect_personal_data,
)

router = APIRouter(prefix="/privacy", tags=["privacy"])


@router.post("/exports")
async def post_export(
    body: PersonalDataQuery, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> InvoicingDataRead:
    """What invoicing holds about a person; services only (identity)."""
    async with uow:
        return invoicing_read(await collect_personal_data(body, uow, principal))


def invoicing_read(part: InvoicingPart) -> InvoicingDataRead:
    return InvoicingDataRead(
        customers=[CustomerAddressRead.model_validate(c) for c in part.customers],
        contacts=[
            PersonalContactRead(
                customer_id=customer.id,
                customer_name=customer.name,
                name=contact.get("name"),
                email=contact.get("email"),
                phone=contact.get("phone"),
                role=contact.get("role"),
            )
            for customer, contact in part.contacts
        ],
        records=part.records,
        mentioned_in=[MentionRead.model_validate(c) for c in part.mentioned_in],
    )
