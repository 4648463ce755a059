"""Exporting and erasing a person's data, for admins; identity orchestrates.

A person is a user of the directory (their Keycloak subject id), an e-mail
address (customer contacts are people and not users), or both. What each
service holds about them, and what erasure does to it:

identity
  Keycloak: id, username, first and last name, e-mail, enabled, department
  memberships, realm roles, credentials and sessions. Erasure disables the
  account, ends its sessions, renames it `erased-<8 hex>` and removes names
  and e-mail; the id, memberships and roles stay, so history still links.
  Database: delegations (delegator and delegate ids, the delegator's reason),
  legal entities (`created_by`), erasure requests (user id, e-mail SHA-256,
  reason, `requested_by`): ids only, kept.
invoicing
  Customers: `email` (where invoices go) and `contacts` (name, e-mail, phone,
  role); a contact whose e-mail is erased is removed, a matching customer
  e-mail is cleared. Invoices, credit notes and recurring schedules:
  `author_id` and `author_username`; comments: `author_id`,
  `author_username`, text and mentioned ids; payments and refunds:
  `recorded_by`, `reversed_by`. Ids stay, usernames become the pseudonym.
  Issued documents keep their legal content (the customer's name and
  address, number, amounts, PDF: ten years in France).
approvals
  Requests: `author_id`; steps: `decided_by`, `decided_by_username`,
  `decided_on_behalf_of`, the decider's reason and comment; delegations (ids,
  a read model of identity's events). Usernames become the pseudonym; ids
  and decisions stay (the four-eyes record).
audit
  Entries: `actor`, `subject` and payloads naming user ids (authors,
  deciders, delegates, recipients), rejection reasons. Append-only and
  hash-chained; events carry ids, never names or addresses (an erased
  address appears only as its SHA-256), so nothing is rewritten there.
notifications
  In-app notifications (`recipient_id`, title, body): deleted. Deliveries:
  `recipient_id`, and while pending the address, name and body of the mail:
  pending e-mails to the person or the address are cancelled and cleared;
  finished deliveries keep no address already. Disabled accounts: ids, kept.

Outside Facturo's databases: e-mails already handed to the mail server, and
the Kafka topics (ids and address hashes only) until their retention ends.

An export asks every other service for its part over HTTP with identity's
service token and fails whole (503) when one cannot answer. An erasure is
recorded here and announced by `PersonErased` in the same transaction; each
service erases its part when it consumes the event. Both are audited through
their events (`PersonalDataExported`, `PersonErased`).
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.privacy import PersonalDataQuery
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity as events
from facturo_identity.adapters import repository
from facturo_identity.adapters.directory import Directory, ManagedDirectory
from facturo_identity.adapters.orm import Delegation, ErasureRequest, LegalEntity
from facturo_identity.adapters.privacy import PersonalDataCollectors, Sections
from facturo_identity.domain.directory import DirectoryUser, is_service_account
from facturo_identity.domain.errors import SelfLockout, UnknownErasure, UnknownUser
from facturo_identity.domain.privacy import Person, person, pseudonym
from facturo_identity.service_layer.commands import (
    ErasePersonalData,
    ExportPersonalData,
)
from facturo_identity.service_layer.delegations import revoke_delegations_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IdentityPart:
    """What identity itself holds about the person."""

    user: DirectoryUser | None
    delegations: list[Delegation]
    legal_entities_created: list[LegalEntity]
    erasures: list[ErasureRequest]


@dataclass(frozen=True)
class PersonalDataExport:
    export_id: str
    created_at: datetime
    person: Person
    identity: IdentityPart
    others: Sections = field(default_factory=dict)


async def export_personal_data(
    cmd: ExportPersonalData,
    uow: UnitOfWork,
    directory: Directory,
    collectors: PersonalDataCollectors,
    principal: Principal,
) -> PersonalDataExport:
    """Everything every service holds about the person, and an audit event."""
    require(principal, Action.PRIVACY_EXPORT)
    someone = await resolve(cmd.user_id, cmd.email, directory)
    own = await _identity_part(someone, uow)
    query = PersonalDataQuery(user_id=someone.user_id, email=someone.email)
    others = await collectors.collect(query)
    export = PersonalDataExport(
        str(uuid.uuid4()), datetime.now(UTC), someone, own, others
    )
    await uow.publish(
        events.PersonalDataExported(
            export_id=export.export_id,
            user_id=someone.user_id,
            email_sha256=someone.email_sha256,
        )
    )
    logger.info(
        "personal data export %s made by %s", export.export_id, principal.subject
    )
    return export


async def erase_personal_data(
    cmd: ErasePersonalData,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> ErasureRequest:
    """Record the request, announce it, and pseudonymise the Keycloak user.

    The account is disabled too, so `UserDisabled` precedes `PersonErased`
    when it was enabled. Keycloak changes last: if it refuses, the request
    and its events roll back.
    """
    require(principal, Action.PRIVACY_ERASE)
    someone = await resolve(cmd.user_id, cmd.email, directory)
    if someone.user_id == principal.subject:
        raise SelfLockout("an admin cannot erase their own account")
    erasure_id = str(uuid.uuid4())
    erasure = ErasureRequest(
        id=erasure_id,
        user_id=someone.user_id,
        email_sha256=someone.email_sha256,
        pseudonym=pseudonym(erasure_id),
        reason=cmd.reason,
        requested_by=principal.subject,
        requested_at=datetime.now(UTC),
    )
    uow.session.add(erasure)
    await uow.session.flush()
    if someone.user is not None and someone.user.enabled:
        await uow.publish(events.UserDisabled(user_id=someone.user.id))
    if someone.user is not None:
        await revoke_delegations_of(someone.user.id, uow, principal)
    await uow.publish(
        events.PersonErased(
            erasure_id=erasure.id,
            user_id=erasure.user_id,
            email_sha256=erasure.email_sha256,
            pseudonym=erasure.pseudonym,
        )
    )
    if someone.user is not None:
        await directory.pseudonymise(someone.user.id, erasure.pseudonym)
    logger.info("erasure %s requested by %s", erasure.id, principal.subject)
    return erasure


async def get_erasure(
    erasure_id: str, uow: UnitOfWork, principal: Principal
) -> ErasureRequest:
    require(principal, Action.PRIVACY_ERASE)
    erasure = await repository.get_erasure(uow.session, erasure_id)
    if erasure is None:
        raise UnknownErasure(erasure_id)
    return erasure


async def resolve(
    user_id: str | None, email: str | None, directory: Directory
) -> Person:
    """The person named by a user id and/or an address.

    An unknown user id (or a service account's) is `UnknownUser`. An address
    alone that belongs to a user names that user.
    """
    user = await _person_or_none(user_id, directory) if user_id else None
    if user_id is not None and user is None:
        raise UnknownUser(user_id)
    owner_ids = await directory.user_ids_by_email(email) if email else []
    if user is None and owner_ids:
        user = await _person_or_none(owner_ids[0], directory)
    return person(user, email, owner_ids)


async def _person_or_none(user_id: str, directory: Directory) -> DirectoryUser | None:
    user = await directory.user(user_id)
    if user is None or is_service_account(user):
        return None
    return user


async def _identity_part(someone: Person, uow: UnitOfWork) -> IdentityPart:
    session = uow.session
    user_id = someone.user_id
    delegations = (
        await repository.list_delegations(session, user_id, None) if user_id else []
    )
    created = (
        await repository.legal_entities_created_by(session, user_id) if user_id else []
    )
    erasures = await repository.erasures_of(session, user_id, someone.email_sha256)
    return IdentityPart(someone.user, delegations, created, erasures)
