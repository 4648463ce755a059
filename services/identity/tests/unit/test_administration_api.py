"""Admins change departments, memberships, roles and accounts; events follow."""

from typing import Any

import httpx
import pytest

from facturo_chassis.testing import auth
from facturo_identity.domain.directory import Department

NOT_ADMINS = ["claire", "marc", "tom", "sophie", "fanny", "alex", "svc"]
REGISTERED = "identity.directory.legal-entity-registered.v1"
CREATED = "identity.directory.department-created.v1"
JOINED = "identity.directory.user-joined-department.v1"
LEFT = "identity.directory.user-left-department.v1"
GRANTED = "identity.directory.role-granted.v1"
REVOKED = "identity.directory.role-revoked.v1"
DISABLED = "identity.directory.user-disabled.v1"


def admin_calls(legal_entity_id: str = "le-1") -> list[tuple[str, str, object]]:
    department = {"code": "LAB", "name": "Lab", "legal_entity_id": legal_entity_id}
    return [
        ("POST", "/api/v1/departments", department),
        ("PUT", "/api/v1/users/sub-tom/departments/TRN", None),
        ("DELETE", "/api/v1/users/sub-tom/departments/SRV", None),
        ("PUT", "/api/v1/users/sub-tom/roles/approver", None),
        ("DELETE", "/api/v1/users/sub-tom/roles/clerk", None),
        ("POST", "/api/v1/users/sub-tom/disable", None),
    ]


async def test_an_admin_creates_a_department_under_a_legal_entity(
    client: httpx.AsyncClient, published: Any, directory: Any, legal_entity_id: str
) -> None:
    entity = legal_entity_id
    body = {"code": "LAB", "name": "Lab", "legal_entity_id": entity, "parent": "SAL"}

    response = await client.post("/api/v1/departments", json=body, headers=auth("ada"))
    listed = await client.get("/api/v1/departments", headers=auth("tom"))

    assert response.status_code == 201, response.text
    assert response.json() == body
    assert directory.departments_list[-1] == Department("LAB", "Lab", entity, "SAL")
    assert {"code": "LAB", "name": "Lab"} in listed.json()  # the cache is dropped
    [registered, created] = await published()
    assert registered[:2] == (REGISTERED, entity)
    assert created == (
        CREATED,
        "LAB",
        {"department": "LAB", "legal_entity_id": entity, "parent": "SAL"},
    )


async def test_a_department_names_things_that_exist(
    client: httpx.AsyncClient, published: Any
) -> None:
    body = {"code": "LAB", "name": "Lab", "legal_entity_id": "nope", "parent": "XYZ"}

    response = await client.post("/api/v1/departments", json=body, headers=auth("ada"))

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "legal_entity_id", "message": "no such legal entity"},
        {"location": "parent", "message": "no such department"},
    ]
    assert await published() == []


async def test_a_department_code_is_taken_once(
    client: httpx.AsyncClient, legal_entity_id: str
) -> None:
    entity = legal_entity_id
    body = {"code": "SAL", "name": "Sales again", "legal_entity_id": entity}

    response = await client.post("/api/v1/departments", json=body, headers=auth("ada"))
    bad_code = await client.post(
        "/api/v1/departments", json=body | {"code": "sal-1"}, headers=auth("ada")
    )

    assert response.status_code == 409
    assert bad_code.status_code == 422


async def test_membership_changes_publish_joined_and_left(
    client: httpx.AsyncClient, published: Any, directory: Any
) -> None:
    path = "/api/v1/users/sub-tom/departments/TRN"

    added = await client.put(path, headers=auth("ada"))
    again = await client.put(path, headers=auth("ada"))
    in_between = directory.users["sub-tom"].departments
    removed = await client.delete(path, headers=auth("ada"))

    assert (added.status_code, again.status_code, removed.status_code) == (
        204,
        204,
        204,
    )
    assert in_between == ("SRV", "TRN")
    assert directory.users["sub-tom"].departments == ("SRV",)
    assert await published() == [
        (JOINED, "sub-tom", {"user_id": "sub-tom", "department": "TRN"}),
        (LEFT, "sub-tom", {"user_id": "sub-tom", "department": "TRN"}),
    ]


async def test_role_changes_publish_granted_and_revoked(
    client: httpx.AsyncClient, published: Any, directory: Any
) -> None:
    granted = await client.put(
        "/api/v1/users/sub-tom/roles/approver", headers=auth("ada")
    )
    revoked = await client.delete(
        "/api/v1/users/sub-tom/roles/clerk", headers=auth("ada")
    )
    not_held = await client.delete(
        "/api/v1/users/sub-tom/roles/finance", headers=auth("ada")
    )

    assert [r.status_code for r in (granted, revoked, not_held)] == [204, 204, 204]
    assert directory.users["sub-tom"].roles == ("approver",)
    assert await published() == [
        (GRANTED, "sub-tom", {"user_id": "sub-tom", "role": "approver"}),
        (REVOKED, "sub-tom", {"user_id": "sub-tom", "role": "clerk"}),
    ]


@pytest.mark.parametrize("role", ["service", "owner", "uma_authorization"])
async def test_only_the_five_business_roles_are_managed(
    client: httpx.AsyncClient, directory: Any, role: str
) -> None:
    response = await client.put(
        f"/api/v1/users/sub-tom/roles/{role}", headers=auth("ada")
    )

    assert response.status_code == 422
    assert response.json()["title"] == "Not a business role"
    assert directory.changes == []


async def test_disabling_a_person_publishes_once(
    client: httpx.AsyncClient, published: Any, directory: Any
) -> None:
    first = await client.post("/api/v1/users/sub-tom/disable", headers=auth("ada"))
    second = await client.post("/api/v1/users/sub-tom/disable", headers=auth("ada"))

    assert (first.status_code, second.status_code) == (204, 204)
    assert directory.users["sub-tom"].enabled is False
    assert await published() == [(DISABLED, "sub-tom", {"user_id": "sub-tom"})]


async def test_an_admin_cannot_lock_themselves_out(
    client: httpx.AsyncClient, directory: Any
) -> None:
    revoke = await client.delete(
        "/api/v1/users/sub-ada/roles/admin", headers=auth("ada")
    )
    disable = await client.post("/api/v1/users/sub-ada/disable", headers=auth("ada"))

    assert (revoke.status_code, disable.status_code) == (409, 409)
    assert directory.changes == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/users/sub-nobody/departments/SAL",
        "/api/v1/users/service-account-facturo-invoicing/departments/SAL",
        "/api/v1/users/sub-tom/departments/XYZ",
    ],
)
async def test_unknown_people_service_accounts_and_departments_are_404(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.put(path, headers=auth("ada"))

    assert response.status_code == 404


@pytest.mark.parametrize("username", NOT_ADMINS)
async def test_only_admins_change_the_directory(
    client: httpx.AsyncClient,
    published: Any,
    directory: Any,
    legal_entity_id: str,
    username: str,
) -> None:
    entity = legal_entity_id
    statuses = [
        (await client.request(m, p, json=b, headers=auth(username))).status_code
        for m, p, b in admin_calls(entity)
    ]

    assert statuses == [403] * 6
    assert directory.changes == []
    assert [t for t, _, _ in await published()] == [REGISTERED]  # ada's entity


async def test_a_refusal_from_keycloak_leaves_no_event(
    client: httpx.AsyncClient, published: Any, directory: Any
) -> None:
    await client.get("/api/v1/departments", headers=auth("ada"))  # warm the cache
    directory.down = True

    response = await client.put(
        "/api/v1/users/sub-tom/departments/TRN", headers=auth("ada")
    )

    assert response.status_code == 503
    assert await published() == []
