"""Directory handlers: plain functions over a `Directory` and the caller.

Who sees whom, and how much of them:

- admins: everyone, every field;
- services (with the grant `directory.read`): everyone; the e-mail address
  only with the grant `directory.contact` too (notifications mails people);
- people: the colleagues who share a department with them (finance and
  auditors: everyone), without e-mail address or account state.

A person the caller may not see is the same 404 as an unknown id.
"""

import asyncio
import logging

from facturo_chassis.auth.policy import (
    Action,
    may,
    require,
    sees_any_department,
    visible_departments,
)
from facturo_chassis.auth.principal import Principal
from facturo_identity.adapters.directory import Directory
from facturo_identity.domain.directory import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    Department,
    DirectoryUser,
    Shown,
    is_service_account,
)
from facturo_identity.domain.errors import UnknownUser
from facturo_identity.service_layer.queries import FindUsers

logger = logging.getLogger(__name__)

MAX_CONCURRENT_LOOKUPS = 8


async def list_departments(
    directory: Directory, principal: Principal
) -> list[Department]:
    require(principal, Action.DEPARTMENT_READ)
    departments = await directory.departments()
    return sorted(departments, key=lambda d: d.code)


def hidden_fields(principal: Principal) -> frozenset[str]:
    """What the caller is not shown of the people it may see."""
    if may(principal, Action.DIRECTORY_CONTACT):
        return frozenset()
    if principal.is_service:
        return CONTACT_FIELDS
    return CONTACT_FIELDS | ACCOUNT_FIELDS


async def get_user(user_id: str, directory: Directory, principal: Principal) -> Shown:
    """One person; service accounts are not people and are never shown."""
    require(principal, Action.DIRECTORY_READ)
    user = await directory.user(user_id)
    if user is None or not _visible(user, principal):
        raise UnknownUser(user_id)
    return Shown(user, hidden_fields(principal))


async def find_users(
    query: FindUsers, directory: Directory, principal: Principal
) -> list[Shown]:
    """The people matching every filter of `query` whom the caller may see,
    sorted by username."""
    require(principal, Action.DIRECTORY_READ)
    ids = await _candidates(query, directory, visible_departments(principal))
    users = await _look_up(sorted(ids), directory)
    people = [u for u in users if u and _visible(u, principal)]
    logger.info("directory query %s matched %d people", query, len(people))
    hidden = hidden_fields(principal)
    return [Shown(u, hidden) for u in sorted(people, key=lambda u: u.username)]


def _visible(user: DirectoryUser, principal: Principal) -> bool:
    if is_service_account(user):
        return False
    return sees_any_department(principal, user.departments)


async def _candidates(
    query: FindUsers, directory: Directory, scope: frozenset[str] | None
) -> set[str]:
    """The ids matching the filters, among the members of `scope` (None: all)."""
    found: list[set[str]] = []
    if query.department is not None:
        found.append(set(await directory.members(query.department)))
    if query.role is not None:
        found.append(set(await directory.holders(query.role)))
    if scope is not None:
        found.append(await _members(sorted(scope), directory))
    if not found:
        return set(await directory.everyone())
    return set.intersection(*found)


async def _members(departments: list[str], directory: Directory) -> set[str]:
    found = await asyncio.gather(*(directory.members(d) for d in departments))
    return {user_id for ids in found for user_id in ids}


async def _look_up(ids: list[str], directory: Directory) -> list[DirectoryUser | None]:
    # TODO: one directory call per person (three Keycloak requests each); a
    # directory of thousands needs a local replica fed by Keycloak events.
    gate = asyncio.Semaphore(MAX_CONCURRENT_LOOKUPS)

    async def one(user_id: str) -> DirectoryUser | None:
        async with gate:
            return await directory.user(user_id)

    return list(await asyncio.gather(*(one(user_id) for user_id in ids)))
