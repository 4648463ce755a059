"""The directory read from Keycloak's admin REST API with a service token.

The client's base URL is `<keycloak>/admin/realms/<realm>`; reading needs
realm-management's view-users, query-users and query-groups roles (the writes
of `keycloak_admin` need more). Every failure to read Keycloak is
`DirectoryUnavailable`.
"""

import asyncio
import logging
from typing import Any
from urllib.parse import quote

import httpx

from facturo_identity.adapters import keycloak_mapping as kc
from facturo_identity.domain.directory import Department, DirectoryUser
from facturo_identity.domain.errors import DirectoryUnavailable

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGES = 100  # 10,000 entries: beyond that a list is cut, with a warning
NOT_FOUND = 404


class KeycloakDirectory:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def aclose(self) -> None:
        await self._client.aclose()

    async def departments(self) -> list[Department]:
        return [group.department for group in await self._department_groups()]

    async def user(self, user_id: str) -> DirectoryUser | None:
        user_path = f"/users/{segment(user_id)}"
        user = await self._get(user_path)
        if user is None:
            return None
        groups, roles = await asyncio.gather(
            self._pages(f"{user_path}/groups"),
            self._get(f"{user_path}/role-mappings/realm"),
        )
        return kc.directory_user(user, groups, roles or [])

    async def everyone(self) -> list[str]:
        return kc.ids_of(await self._pages("/users", briefRepresentation="true"))

    async def members(self, department: str) -> list[str]:
        groups = await self._department_groups()
        group = next((g for g in groups if g.department.code == department), None)
        if group is None:
            return []
        path = f"/groups/{segment(group.group_id)}/members"
        return kc.ids_of(await self._pages(path, briefRepresentation="true"))

    async def holders(self, role: str) -> list[str]:
        path = f"/roles/{segment(role)}/users"
        return kc.ids_of(await self._pages(path, briefRepresentation="true"))

    async def user_ids_by_email(self, email: str) -> list[str]:
        # Keycloak has no search by POST: the address is in this query string,
        # between identity and Keycloak only.
        found = await self._pages(
            "/users", email=email, exact="true", briefRepresentation="true"
        )
        return kc.ids_with_email(found, email)

    async def _department_groups(self) -> list[kc.DepartmentGroup]:
        roots = await self._pages("/groups", briefRepresentation="false")
        root = kc.department_root(roots)
        if root is None:
            logger.warning("no %s group in the realm", kc.DEPARTMENTS_GROUP)
            return []
        children = kc.inlined_children(root) or await self._children(root)
        return [kc.department_group(child) for child in children]

    async def _children(self, group: kc.Json) -> list[dict[str, Any]]:
        path = f"/groups/{segment(str(group['id']))}/children"
        return await self._pages(path, briefRepresentation="false")

    async def _pages(self, path: str, **params: str) -> list[dict[str, Any]]:
        """Every entry of a paged list; an unknown parent gives an empty list."""
        entries: list[dict[str, Any]] = []
        for page in range(MAX_PAGES):
            window = {"first": str(page * PAGE_SIZE), "max": str(PAGE_SIZE)}
            batch = await self._get(path, {**params, **window})
            entries.extend(batch or [])
            if batch is None or len(batch) < PAGE_SIZE:
                return entries
        logger.warning("%s cut after %d entries", path, len(entries))
        return entries

    async def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        """The JSON body, or None on 404; any other failure is unavailability."""
        try:
            response = await self._client.get(path, params=params)
        except httpx.HTTPError as error:
            logger.warning("keycloak GET %s failed: %s", path, type(error).__name__)
            raise DirectoryUnavailable(f"cannot reach the directory: {path}") from None
        if response.status_code == NOT_FOUND:
            return None
        if response.is_error:
            logger.warning("keycloak GET %s: %d", path, response.status_code)
            raise DirectoryUnavailable(
                f"the directory answered {response.status_code}: {path}"
            )
        return response.json()


def segment(value: str) -> str:
    """One URL path segment: nothing in it can reach another endpoint."""
    return quote(value, safe="")
