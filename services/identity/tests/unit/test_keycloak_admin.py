"""KeycloakAdmin's writes, answered in process by httpx.MockTransport."""

import json
from typing import Any

import httpx
import pytest

from facturo_identity.adapters.keycloak_admin import KeycloakAdmin
from facturo_identity.domain.directory import Department
from facturo_identity.domain.errors import (
    DepartmentExists,
    DirectoryUnavailable,
    UnknownDepartment,
    UnknownUser,
)

BASE = "http://keycloak.test/admin/realms/facturo"
ROOT = {"id": "root-1", "name": "departments", "subGroupCount": 1, "subGroups": []}
SAL = {"id": "sal-1", "name": "SAL", "attributes": {"name": ["Sales"]}}
APPROVER = {"id": "role-1", "name": "approver", "composite": False}


class Realm:
    """Answers the reads; records every write as (method, path, body)."""

    def __init__(self, write_status: int = 204) -> None:
        self.writes: list[tuple[str, str, Any]] = []
        self.write_status = write_status
        self.reads: dict[str, Any] = {
            "/groups": [ROOT],
            "/groups/root-1/children": [SAL],
            "/roles/approver": APPROVER,
            "/users/u-tom": {"id": "u-tom", "username": "tom", "enabled": True},
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/admin/realms/facturo")
        if request.method == "GET":
            if path not in self.reads:
                return httpx.Response(404)
            return httpx.Response(200, json=self.reads[path])
        body = json.loads(request.content) if request.content else None
        self.writes.append((request.method, path, body))
        return httpx.Response(self.write_status)


def admin(realm: Realm) -> KeycloakAdmin:
    transport = httpx.MockTransport(realm)
    return KeycloakAdmin(httpx.AsyncClient(base_url=BASE, transport=transport))


async def test_a_department_is_a_child_group_with_attributes() -> None:
    realm = Realm(write_status=201)

    await admin(realm).create_department(Department("LAB", "Lab", "le-1", "SAL"))

    assert realm.writes == [
        (
            "POST",
            "/groups/root-1/children",
            {
                "name": "LAB",
                "attributes": {
                    "name": ["Lab"],
                    "legal_entity": ["le-1"],
                    "parent": ["SAL"],
                },
            },
        )
    ]


async def test_a_taken_code_is_department_exists() -> None:
    with pytest.raises(DepartmentExists):
        await admin(Realm(write_status=409)).create_department(Department("SAL", "S"))


async def test_a_legal_entity_is_set_on_the_group_keeping_its_attributes() -> None:
    realm = Realm()
    realm.reads["/groups/sal-1"] = SAL

    await admin(realm).assign_legal_entity("SAL", "le-1")

    attributes = {"name": ["Sales"], "legal_entity": ["le-1"]}
    assert realm.writes == [("PUT", "/groups/sal-1", SAL | {"attributes": attributes})]


async def test_a_legal_entity_for_an_unknown_department() -> None:
    with pytest.raises(UnknownDepartment):
        await admin(Realm()).assign_legal_entity("XYZ", "le-1")


async def test_membership_is_the_group_of_the_department() -> None:
    realm = Realm()
    keycloak = admin(realm)

    await keycloak.add_member("u-tom", "SAL")
    await keycloak.remove_member("u-tom", "SAL")

    assert realm.writes == [
        ("PUT", "/users/u-tom/groups/sal-1", None),
        ("DELETE", "/users/u-tom/groups/sal-1", None),
    ]


async def test_roles_are_realm_role_mappings() -> None:
    realm = Realm()
    keycloak = admin(realm)

    await keycloak.grant_role("u-tom", "approver")
    await keycloak.revoke_role("u-tom", "approver")

    role = [{"id": "role-1", "name": "approver"}]
    assert realm.writes == [
        ("POST", "/users/u-tom/role-mappings/realm", role),
        ("DELETE", "/users/u-tom/role-mappings/realm", role),
    ]


async def test_disabling_puts_the_user_back_disabled_and_ends_sessions() -> None:
    realm = Realm()

    await admin(realm).disable("u-tom")

    assert realm.writes == [
        ("PUT", "/users/u-tom", {"id": "u-tom", "username": "tom", "enabled": False}),
        ("POST", "/users/u-tom/logout", None),
    ]


async def test_unknown_user_and_department() -> None:
    realm = Realm(write_status=404)
    keycloak = admin(realm)

    with pytest.raises(UnknownDepartment):
        await keycloak.add_member("u-tom", "XYZ")
    with pytest.raises(UnknownUser):
        await keycloak.add_member("u-nobody", "SAL")
    with pytest.raises(UnknownUser):
        await keycloak.disable("u-nobody")


async def test_a_refusal_is_directory_unavailable() -> None:
    with pytest.raises(DirectoryUnavailable):
        await admin(Realm(write_status=403)).grant_role("u-tom", "approver")
