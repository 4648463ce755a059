"""Legal entity routes: admins create them; people and services read them."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_identity.entrypoints.dependencies import CipherDep
from facturo_identity.entrypoints.schemas import LegalEntityCreate, LegalEntityRead
from facturo_identity.service_layer.commands import CreateLegalEntity
from facturo_identity.service_layer.legal_entities import (
    create_legal_entity,
    get_legal_entity,
    list_legal_entities,
)

router = APIRouter(prefix="/legal-entities", tags=["legal entities"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_legal_entity(
    body: LegalEntityCreate,
    uow: NewUnitOfWork,
    cipher: CipherDep,
    principal: CurrentPrincipal,
    response: Response,
) -> LegalEntityRead:
    cmd = CreateLegalEntity(**body.model_dump())
    async with uow:
        entity = await create_legal_entity(cmd, uow, cipher, principal)
    response.headers["Location"] = f"/api/v1/legal-entities/{entity.id}"
    return LegalEntityRead.model_validate(entity)


@router.get("")
async def get_legal_entities(
    uow: NewUnitOfWork, cipher: CipherDep, principal: CurrentPrincipal
) -> list[LegalEntityRead]:
    async with uow:
        found = await list_legal_entities(uow, cipher, principal)
    return [LegalEntityRead.model_validate(e) for e in found]


@router.get("/{legal_entity_id}")
async def get_one_legal_entity(
    legal_entity_id: Annotated[str, Path(max_length=36)],
    uow: NewUnitOfWork,
    cipher: CipherDep,
    principal: CurrentPrincipal,
) -> LegalEntityRead:
    async with uow:
        entity = await get_legal_entity(legal_entity_id, uow, cipher, principal)
    return LegalEntityRead.model_validate(entity)
