"""Delegation routes: an approver lends their authority for some days."""

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_identity.entrypoints.dependencies import DirectoryDep
from facturo_identity.entrypoints.schemas import DelegationCreate, DelegationRead
from facturo_identity.service_layer.commands import GrantDelegation, ListDelegations
from facturo_identity.service_layer.delegations import (
    grant_delegation,
    list_delegations,
    revoke_delegation,
)

router = APIRouter(prefix="/delegations", tags=["delegations"])


def today() -> date:
    return datetime.now(UTC).date()


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_delegation(
    body: DelegationCreate,
    uow: NewUnitOfWork,
    directory: DirectoryDep,
    principal: CurrentPrincipal,
    response: Response,
) -> DelegationRead:
    cmd = GrantDelegation(**body.model_dump())
    async with uow:
        delegation = await grant_delegation(cmd, uow, directory, principal, today())
        response.headers["Location"] = f"/api/v1/delegations/{delegation.id}"
        return DelegationRead.model_validate(delegation)


@router.get("")
async def get_delegations(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    active_on: Annotated[
        date | None, Query(description="only those in force on this day")
    ] = None,
) -> list[DelegationRead]:
    async with uow:
        found = await list_delegations(ListDelegations(active_on), uow, principal)
        return [DelegationRead.model_validate(d) for d in found]


@router.delete("/{delegation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_delegation(
    delegation_id: Annotated[str, Path(max_length=36)],
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
) -> None:
    async with uow:
        await revoke_delegation(delegation_id, uow, principal)
