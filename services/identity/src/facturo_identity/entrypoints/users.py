"""User directory routes: people look up colleagues, admins and services
everyone; each caller sees only the fields it needs (see `UserRead`)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from facturo_chassis.auth.principal import Role
from facturo_chassis.dependencies import CurrentPrincipal
from facturo_identity.entrypoints.dependencies import DirectoryDep
from facturo_identity.entrypoints.mapping import user_read
from facturo_identity.entrypoints.schemas import DepartmentCode, UserId, UserRead
from facturo_identity.service_layer.directory import find_users, get_user
from facturo_identity.service_layer.queries import FindUsers

router = APIRouter(prefix="/users", tags=["users"])


TRIMMED = (
    "Fields the caller may not see are left out: `email` is only for admins "
    "and services granted `directory.contact`, `enabled` only for admins and "
    "services. People see the colleagues who share a department with them "
    "(finance and auditors: everyone)."
)


@router.get("", response_model_exclude_unset=True, description=TRIMMED)
async def get_users(
    directory: DirectoryDep,
    principal: CurrentPrincipal,
    department: Annotated[DepartmentCode | None, Query()] = None,
    role: Annotated[Role | None, Query()] = None,
) -> list[UserRead]:
    query = FindUsers(department=department, role=role.value if role else None)
    users = await find_users(query, directory, principal)
    return [user_read(u) for u in users]


@router.get("/{user_id}", response_model_exclude_unset=True, description=TRIMMED)
async def get_one_user(
    user_id: Annotated[UserId, Path()],
    directory: DirectoryDep,
    principal: CurrentPrincipal,
) -> UserRead:
    return user_read(await get_user(user_id, directory, principal))
