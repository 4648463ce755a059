"""Department routes: everyone lists them, admins create them."""

from fastapi import APIRouter, Response, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_identity.entrypoints.dependencies import DirectoryDep, ManagedDirectoryDep
from facturo_identity.entrypoints.mapping import department_read
from facturo_identity.entrypoints.schemas import (
    DepartmentCreate,
    DepartmentCreated,
    DepartmentRead,
)
from facturo_identity.service_layer.administration import create_department
from facturo_identity.service_layer.commands import CreateDepartment
from facturo_identity.service_layer.directory import list_departments

router = APIRouter(prefix="/departments", tags=["departments"])


@router.get("")
async def get_departments(
    directory: DirectoryDep, principal: CurrentPrincipal
) -> list[DepartmentRead]:
    departments = await list_departments(directory, principal)
    return [department_read(d) for d in departments]


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_department(
    body: DepartmentCreate,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
    response: Response,
) -> DepartmentCreated:
    async with uow:
        department = await create_department(
            CreateDepartment(**body.model_dump()), uow, directory, principal
        )
    response.headers["Location"] = "/api/v1/departments"
    return DepartmentCreated(
        code=department.code,
        name=department.name,
        legal_entity_id=body.legal_entity_id,
        parent=department.parent,
    )
