"""Directory changes through Keycloak's admin REST API, with the service token.

Departments are child groups of `/departments`, memberships are group
memberships and roles are realm role mappings, so Keycloak stays the only
copy. The identity service account needs realm-management's `manage-users`
(groups, memberships, role mappings, accounts) and `view-realm` (roles).
Handlers check that the user and department exist before calling these.
"""

import logging
from typing import Any

import httpx

from facturo_identity.adapters import keycloak_mapping as kc
from facturo_identity.adapters.keycloak import KeycloakDirectory, segment
from facturo_identity.domain.directory import Department
from facturo_identity.domain.errors import (
    DepartmentExists,
    DirectoryUnavailable,
    UnknownDepartment,
    UnknownUser,
)

logger = logging.getLogger(__name__)

CONFLICT = 409


class KeycloakAdmin(KeycloakDirectory):
    """KeycloakDirectory that also writes."""

    async def create_department(self, department: Department) -> None:
        root_id = await self._root_id()
        body = {
            "name": department.code,
            "attributes": kc.department_attributes(department),
        }
        response = await self._send(
            "POST", f"/groups/{segment(root_id)}/children", body
        )
        if response.status_code == CONFLICT:
            raise DepartmentExists(department.code)
        _check(response, "create department")

    async def assign_legal_entity(self, department: str, legal_entity_id: str) -> None:
        """Set the group's `legal_entity` attribute, keeping the others."""
        path = f"/groups/{segment(await self._group_id(department))}"
        group = await self._get(path)
        if group is None:
            raise UnknownDepartment(department)
        attributes = dict(group.get("attributes") or {})
        attributes[kc.LEGAL_ENTITY_ATTRIBUTE] = [legal_entity_id]
        body = {**group, "attributes": attributes}
        _check(await self._send("PUT", path, body), "assign a legal entity")

    async def add_member(self, user_id: str, department: str) -> None:
        path = await self._membership_path(user_id, department)
        _check(await self._send("PUT", path), "add member", user_id)

    async def remove_member(self, user_id: str, department: str) -> None:
        path = await self._membership_path(user_id, department)
        _check(await self._send("DELETE", path), "remove member", user_id)

    async def grant_role(self, user_id: str, role: str) -> None:
        mapping = _role_mappings(user_id)
        body = [await self._role(role)]
        _check(await self._send("POST", mapping, body), "grant role", user_id)

    async def revoke_role(self, user_id: str, role: str) -> None:
        mapping = _role_mappings(user_id)
        body = [await self._role(role)]
        _check(await self._send("DELETE", mapping, body), "revoke role", user_id)

    async def disable(self, user_id: str) -> None:
        path = f"/users/{segment(user_id)}"
        user = await self._get(path)
        if user is None:
            raise UnknownUser(user_id)
        user["enabled"] = False
        _check(await self._send("PUT", path, user), "disable", user_id)
        _check(await self._send("POST", f"{path}/logout"), "end sessions", user_id)

    async def pseudonymise(self, user_id: str, pseudonym: str) -> None:
        """Disable the account, rename it `pseudonym`, drop names and address.

        Renaming needs the realm's `editUsernameAllowed`.
        """
        path = f"/users/{segment(user_id)}"
        user = await self._get(path)
        if user is None:
            raise UnknownUser(user_id)
        body = kc.pseudonymised(user, pseudonym)
        _check(await self._send("PUT", path, body), "pseudonymise", user_id)
        _check(await self._send("POST", f"{path}/logout"), "end sessions", user_id)

    async def _root_id(self) -> str:
        """The id of `/departments`, created when the realm has none yet."""
        root = kc.department_root(await self._pages("/groups"))
        if root is not None:
            return str(root["id"])
        response = await self._send("POST", "/groups", {"name": kc.DEPARTMENTS_GROUP})
        _check(response, "create the departments group")
        return response.headers["Location"].rstrip("/").rpartition("/")[2]

    async def _membership_path(self, user_id: str, department: str) -> str:
        group_id = await self._group_id(department)
        return f"/users/{segment(user_id)}/groups/{segment(group_id)}"

    async def _group_id(self, department: str) -> str:
        groups = await self._department_groups()
        group = next((g for g in groups if g.department.code == department), None)
        if group is None:
            raise UnknownDepartment(department)
        return group.group_id

    async def _role(self, role: str) -> dict[str, Any]:
        representation = await self._get(f"/roles/{segment(role)}")
        if representation is None:
            raise DirectoryUnavailable(f"the realm has no role {role}")
        return {"id": representation["id"], "name": representation["name"]}

    async def _send(
        self, method: str, path: str, body: object = None
    ) -> httpx.Response:
        try:
            return await self._client.request(method, path, json=body)
        except httpx.HTTPError as error:
            logger.warning(
                "keycloak %s %s failed: %s", method, path, type(error).__name__
            )
            raise DirectoryUnavailable(f"cannot reach the directory: {path}") from None


def _role_mappings(user_id: str) -> str:
    return f"/users/{segment(user_id)}/role-mappings/realm"


def _check(response: httpx.Response, what: str, user_id: str | None = None) -> None:
    """404 on a user's path is an unknown user; any other error, unavailability."""
    if response.status_code == httpx.codes.NOT_FOUND and user_id is not None:
        raise UnknownUser(user_id)
    if response.is_error:
        logger.warning("keycloak refused to %s: %d", what, response.status_code)
        raise DirectoryUnavailable(
            f"the directory answered {response.status_code} to {what}"
        )
