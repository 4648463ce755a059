"""Privacy routes, for admins: export a person's data, have it erased."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.privacy import PersonalDataQuery
from facturo_identity.entrypoints.dependencies import (
    CollectorsDep,
    DirectoryDep,
    ManagedDirectoryDep,
)
from facturo_identity.entrypoints.privacy_mapping import attachment, export_read
from facturo_identity.entrypoints.privacy_schemas import (
    ErasureCreate,
    ErasureRead,
    PersonalDataExportRead,
)
from facturo_identity.service_layer.commands import (
    ErasePersonalData,
    ExportPersonalData,
)
from facturo_identity.service_layer.privacy import (
    erase_personal_data,
    export_personal_data,
    get_erasure,
)

router = APIRouter(prefix="/privacy", tags=["privacy"])


@router.post("/exports")
async def post_export(
    body: PersonalDataQuery,
    uow: NewUnitOfWork,
    directory: DirectoryDep,
    collectors: CollectorsDep,
    principal: CurrentPrincipal,
    response: Response,
) -> PersonalDataExportRead:
    """Everything Facturo holds about a person, from every service, as one
    JSON document; 503 when a service cannot hand over its part."""
    cmd = ExportPersonalData(body.user_id, body.email)
    async with uow:
        export = await export_personal_data(cmd, uow, directory, collectors, principal)
        response.headers["Content-Disposition"] = attachment(export)
        return export_read(export)


@router.post("/erasures", status_code=status.HTTP_202_ACCEPTED)
async def post_erasure(
    body: ErasureCreate,
    uow: NewUnitOfWork,
    directory: ManagedDirectoryDep,
    principal: CurrentPrincipal,
    response: Response,
) -> ErasureRead:
    """Erase a person's data where the law does not require keeping it; the
    other services erase their part as they receive `PersonErased`."""
    cmd = ErasePersonalData(body.user_id, body.email, body.reason)
    async with uow:
        erasure = await erase_personal_data(cmd, uow, directory, principal)
        response.headers["Location"] = f"/api/v1/privacy/erasures/{erasure.id}"
        return ErasureRead.model_validate(erasure)


@router.get("/erasures/{erasure_id}")
async def get_one_erasure(
    erasure_id: Annotated[str, Path(max_length=36)],
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
) -> ErasureRead:
    async with uow:
        return ErasureRead.model_validate(await get_erasure(erasure_id, uow, principal))
