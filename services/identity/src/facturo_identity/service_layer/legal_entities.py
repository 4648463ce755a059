"""Legal entity handlers: admins create them, everyone reads them.

The IBAN is encrypted before it reaches the database and decrypted on read;
only admins see it whole, anyone else sees it masked. A new entity is
announced on the directory topic with its public identifiers, never the IBAN.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity as events
from facturo_identity.adapters import repository
from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.orm import LegalEntity
from facturo_identity.domain.errors import LegalEntityExists, UnknownLegalEntity
from facturo_identity.domain.legal_entities import (
    LegalEntityTerms,
    clean_terms,
    masked_iban,
)
from facturo_identity.service_layer.commands import CreateLegalEntity

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LegalEntityView:
    """A legal entity as one caller may see it (`iban` masked or whole)."""

    id: str
    name: str
    siren: str
    vat_id: str
    address: str
    iban: str
    created_at: datetime


async def create_legal_entity(
    cmd: CreateLegalEntity,
    uow: UnitOfWork,
    cipher: FieldCipher,
    principal: Principal,
) -> LegalEntityView:
    require(principal, Action.LEGAL_ENTITY_WRITE)
    terms = clean_terms(LegalEntityTerms(**vars(cmd)))
    entity = await add_legal_entity(terms, uow, cipher, principal.subject)
    logger.info("legal entity %s created by %s", entity.id, principal.subject)
    return _view(entity, cipher, principal)


async def add_legal_entity(
    terms: LegalEntityTerms, uow: UnitOfWork, cipher: FieldCipher, author: str
) -> LegalEntity:
    """Store checked terms and announce them; a SIREN is registered once."""
    if await repository.legal_entity_by_siren(uow.session, terms.siren):
        raise LegalEntityExists(terms.siren)
    entity = LegalEntity(
        id=str(uuid.uuid4()),
        name=terms.name,
        siren=terms.siren,
        vat_id=terms.vat_id,
        address=terms.address,
        iban_encrypted=cipher.encrypt(terms.iban),
        created_at=datetime.now(UTC),
        created_by=author,
    )
    uow.session.add(entity)
    await uow.session.flush()
    await _announce(entity, uow)
    return entity


async def announce_legal_entities(uow: UnitOfWork) -> None:
    """Announce the entities made before identity announced them (at start)."""
    async with uow:
        entities = await repository.unannounced_legal_entities(uow.session)
        for entity in entities:
            await _announce(entity, uow)
    if entities:
        logger.info("announced %d earlier legal entities", len(entities))


async def _announce(entity: LegalEntity, uow: UnitOfWork) -> None:
    await uow.publish(
        events.LegalEntityRegistered(
            id=entity.id,
            name=entity.name,
            siren=entity.siren,
            vat_id=entity.vat_id,
            address=entity.address,
        )
    )
    entity.announced_at = datetime.now(UTC)


async def list_legal_entities(
    uow: UnitOfWork, cipher: FieldCipher, principal: Principal
) -> list[LegalEntityView]:
    require(principal, Action.LEGAL_ENTITY_READ)
    entities = await repository.list_legal_entities(uow.session)
    return [_view(entity, cipher, principal) for entity in entities]


async def get_legal_entity(
    legal_entity_id: str, uow: UnitOfWork, cipher: FieldCipher, principal: Principal
) -> LegalEntityView:
    require(principal, Action.LEGAL_ENTITY_READ)
    entity = await repository.get_legal_entity(uow.session, legal_entity_id)
    if entity is None:
        raise UnknownLegalEntity(legal_entity_id)
    return _view(entity, cipher, principal)


def _view(
    entity: LegalEntity, cipher: FieldCipher, principal: Principal
) -> LegalEntityView:
    iban = cipher.decrypt(entity.iban_encrypted)
    return LegalEntityView(
        id=entity.id,
        name=entity.name,
        siren=entity.siren,
        vat_id=entity.vat_id,
        address=entity.address,
        iban=iban if Role.ADMIN in principal.roles else masked_iban(iban),
        created_at=entity.created_at,
    )
