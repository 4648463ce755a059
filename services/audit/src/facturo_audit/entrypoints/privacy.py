"""Audit's part of a personal data export, for identity's service account."""

from fastapi import APIRouter

from facturo_audit.entrypoints.entries import entry_read
from facturo_audit.entrypoints.schemas import AuditDataRead
from facturo_audit.service_layer.privacy import collect_personal_data
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.privacy import PersonalDataQuery

router = APIRouter(prefix="/privacy", tags=["privacy"])


@router.post("/exports")
async def post_export(
    body: PersonalDataQuery, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> AuditDataRead:
    """The audit entries about a person; services only (identity)."""
    async with uow:
        entries = await collect_personal_data(body, uow, principal)
        return AuditDataRead(entries=[entry_read(e) for e in entries])
