"""Approvals' part of a personal data export, for identity's service account."""

from fastapi import APIRouter

from facturo_approvals.entrypoints.privacy_schemas import (
    ApprovalsDataRead,
    AuthoredRequestRead,
    DecisionRead,
    DelegationCopyRead,
)
from facturo_approvals.service_layer.privacy import (
    ApprovalsPart,
    collect_personal_data,
)
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.privacy import PersonalDataQuery

router = APIRouter(prefix="/privacy", tags=["privacy"])


@router.post("/exports")
async def post_export(
    body: PersonalDataQuery, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> ApprovalsDataRead:
    """What approvals holds about a person; services only (identity)."""
    async with uow:
        return approvals_read(await collect_personal_data(body, uow, principal))


def approvals_read(part: ApprovalsPart) -> ApprovalsDataRead:
    return ApprovalsDataRead(
        requests_authored=[
            AuthoredRequestRead.model_validate(r) for r in part.requests
        ],
        decisions=[DecisionRead.model_validate(s) for s in part.steps],
        delegations=[DelegationCopyRead.model_validate(d) for d in part.delegations],
    )
