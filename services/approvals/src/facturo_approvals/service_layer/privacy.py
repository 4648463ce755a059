"""A person's data in approvals: handed to identity, erased on `PersonErased`.

Approvals holds no address. Kept: ids of authors, deciders and delegations,
decisions with their reasons and comments (the four-eyes record). Erased:
the username kept with each decision, which becomes the pseudonym.
"""

import logging
from dataclasses import dataclass, field

from facturo_approvals.adapters import personal_data
from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep, Delegation
from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.privacy import PersonalDataQuery
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApprovalsPart:
    requests: list[ApprovalRequest] = field(default_factory=list)
    steps: list[ApprovalStep] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)


async def collect_personal_data(
    query: PersonalDataQuery, uow: UnitOfWork, principal: Principal
) -> ApprovalsPart:
    """For identity's export; an address alone names nobody here."""
    require(principal, Action.PRIVACY_COLLECT)
    if query.user_id is None:
        return ApprovalsPart()
    session, user_id = uow.session, query.user_id
    return ApprovalsPart(
        requests=await personal_data.requests_authored(session, user_id),
        steps=await personal_data.steps_decided(session, user_id),
        delegations=await personal_data.delegations_of(session, user_id),
    )


async def erase_person(event: identity.PersonErased, uow: UnitOfWork) -> None:
    """Idempotent: a second pass finds no username left to replace."""
    if event.user_id is None:
        return
    renamed = await personal_data.rename_decider(
        uow.session, event.user_id, event.pseudonym
    )
    logger.info("erasure %s: %d decisions renamed", event.erasure_id, renamed)
