"""Admin routes on one person: departments, roles and the account itself.

PUT and DELETE are idempotent: a change that is already true answers 204 and
publishes nothing. Path values are checked by the handlers, after the
caller's right to manage the directory.
"""

from typing import Annotated

from fastapi import APIRouter, Path, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_identity.entrypoints.dependencies import ManagedDirectoryDep
from facturo_identity.entrypoints.schemas import UserId
from facturo_identity.service_layer import administration as admin
from facturo_identity.service_layer.commands import ChangeMembership, ChangeRole

router = APIRouter(prefix="/users", tags=["users"])

Segment = Annotated[str, Path(max_length=64)]
NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.put("/{user_id}/departments/{code}", status_code=NO_CONTENT)
async def put_membership(
    user_id: Annotated[UserId, Path()],
    code: Segment,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
) -> None:
    async with uow:
        await admin.add_member(
            ChangeMembership(user_id, code), uow, directory, principal
        )


@router.delete("/{user_id}/departments/{code}", status_code=NO_CONTENT)
async def delete_membership(
    user_id: Annotated[UserId, Path()],
    code: Segment,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
) -> None:
    cmd = ChangeMembership(user_id, code)
    async with uow:
        await admin.remove_member(cmd, uow, directory, principal)


@router.put("/{user_id}/roles/{role}", status_code=NO_CONTENT)
async def put_role(
    user_id: Annotated[UserId, Path()],
    role: Segment,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
) -> None:
    async with uow:
        await admin.grant_role(ChangeRole(user_id, role), uow, directory, principal)


@router.delete("/{user_id}/roles/{role}", status_code=NO_CONTENT)
async def delete_role(
    user_id: Annotated[UserId, Path()],
    role: Segment,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
) -> None:
    async with uow:
        await admin.revoke_role(ChangeRole(user_id, role), uow, directory, principal)


@router.post("/{user_id}/disable", status_code=NO_CONTENT)
async def post_disable(
    user_id: Annotated[UserId, Path()],
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
) -> None:
    async with uow:
        await admin.disable_user(user_id, uow, directory, principal)
