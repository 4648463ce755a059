"""Directory handlers: plain functions over a `Directory` and the caller."""

import asyncio
import logging

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_identity.adapters.directory import Directory
from facturo_identity.domain.directory import (
    Department,
    DirectoryUser,
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


async def get_user(
    user_id: str, directory: Directory, principal: Principal
) -> DirectoryUser:
    """One person; service accounts are not people and are never shown."""
    require(principal, Action.DIRECTORY_READ)
    user = await directory.user(user_id)
    if user is None or is_service_account(user.username):
        raise UnknownUser(user_id)
    return user


async def find_users(
    query: FindUsers, directory: Directory, principal: Principal
) -> list[DirectoryUser]:
    """The people matching every filter of `query`, sorted by username."""
    require(principal, Action.DIRECTORY_READ)
    ids = await _candidates(query, directory)
    users = await _look_up(sorted(ids), directory)
    people = [u for u in users if u and not is_service_account(u.username)]
    logger.info("directory query %s matched %d people", query, len(people))
    return sorted(people, key=lambda u: u.username)


async def _candidates(query: FindUsers, directory: Directory) -> set[str]:
    if query.department is None and query.role is None:
        return set(await directory.everyone())
    found: list[set[str]] = []
    if query.department is not None:
        found.append(set(await directory.members(query.department)))
    if query.role is not None:
        found.append(set(await directory.holders(query.role)))
    return set.intersection(*found)


async def _look_up(ids: list[str], directory: Directory) -> list[DirectoryUser | None]:
    # TODO: one directory call per person (three Keycloak requests each); a
    # directory of thousands needs a local replica fed by Keycloak events.
    gate = asyncio.Semaphore(MAX_CONCURRENT_LOOKUPS)

    async def one(user_id: str) -> DirectoryUser | None:
        async with gate:
            return await directory.user(user_id)

    return list(await asyncio.gather(*(one(user_id) for user_id in ids)))
