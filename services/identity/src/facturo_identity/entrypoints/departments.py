"""Department routes."""

from fastapi import APIRouter

from facturo_chassis.dependencies import CurrentPrincipal
from facturo_identity.entrypoints.dependencies import DirectoryDep
from facturo_identity.entrypoints.mapping import department_read
from facturo_identity.entrypoints.schemas import DepartmentRead
from facturo_identity.service_layer.directory import list_departments

router = APIRouter(prefix="/departments", tags=["departments"])


@router.get("")
async def get_departments(
    directory: DirectoryDep, principal: CurrentPrincipal
) -> list[DepartmentRead]:
    departments = await list_departments(directory, principal)
    return [department_read(d) for d in departments]
