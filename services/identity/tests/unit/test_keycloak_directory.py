"""KeycloakDirectory's requests, answered in process by httpx.MockTransport.

The real Keycloak is exercised by the system tests; these check the paths,
the paging and the error mapping.
"""

from collections.abc import Callable

import httpx
import pytest

from facturo_identity.adapters.keycloak import PAGE_SIZE, KeycloakDirectory
from facturo_identity.domain.directory import Department
from facturo_identity.domain.errors import DirectoryUnavailable

BASE = "http://keycloak.test/admin/realms/facturo"
ROOT_ID = "c3e1b0a2-1f5e-4c8d-9b7a-6e5d4c3b2a10"
SAL_ID = "8d1d8a57-6f7b-4ef0-9d62-2a0e1b6f7c01"

ROUTES: dict[str, object] = {
    "/groups": [
        {"id": ROOT_ID, "name": "departments", "subGroupCount": 1, "subGroups": []}
    ],
    f"/groups/{ROOT_ID}/children": [
        {"id": SAL_ID, "name": "SAL", "attributes": {"name": ["Sales"]}}
    ],
    f"/groups/{SAL_ID}/members": [{"id": "u-marc", "username": "marc"}],
    "/users/u-marc": {"id": "u-marc", "username": "marc", "enabled": True},
    "/users/u-marc/groups": [{"id": SAL_ID, "path": "/departments/SAL"}],
    "/users/u-marc/role-mappings/realm": [{"name": "approver"}],
}


def directory_with(
    handler: Callable[[httpx.Request], httpx.Response],
) -> KeycloakDirectory:
    client = httpx.AsyncClient(base_url=BASE, transport=httpx.MockTransport(handler))
    return KeycloakDirectory(client)


def realm(request: httpx.Request) -> httpx.Response:
    path = request.url.path.removeprefix("/admin/realms/facturo")
    if path not in ROUTES:
        return httpx.Response(404, json={"error": "not found"})
    body = ROUTES[path]
    first = int(request.url.params.get("first", "0"))
    return httpx.Response(200, json=body[first:] if isinstance(body, list) else body)


async def test_departments_come_from_the_children_of_departments() -> None:
    assert await directory_with(realm).departments() == [Department("SAL", "Sales")]


async def test_members_of_a_department_and_their_record() -> None:
    directory = directory_with(realm)

    ids = await directory.members("SAL")
    marc = await directory.user(ids[0])

    assert ids == ["u-marc"]
    assert marc is not None
    assert (marc.username, marc.departments, marc.roles) == (
        "marc",
        ("SAL",),
        ("approver",),
    )


async def test_unknown_user_department_and_role() -> None:
    directory = directory_with(realm)

    assert await directory.user("u-nobody") is None
    assert await directory.members("XYZ") == []
    assert await directory.holders("approver") == []


async def test_long_lists_are_read_page_by_page() -> None:
    everyone = [{"id": f"u-{n}", "username": f"user{n}"} for n in range(250)]
    firsts: list[str] = []

    def users(request: httpx.Request) -> httpx.Response:
        first = int(request.url.params["first"])
        firsts.append(request.url.params["first"])
        assert request.url.params["max"] == str(PAGE_SIZE)
        return httpx.Response(200, json=everyone[first : first + PAGE_SIZE])

    ids = await directory_with(users).everyone()

    assert ids == [f"u-{n}" for n in range(250)]
    assert firsts == ["0", "100", "200"]


async def test_a_user_id_stays_one_path_segment() -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(404)

    await directory_with(record).user("../groups")

    assert seen == ["/admin/realms/facturo/users/..%2Fgroups"]


@pytest.mark.parametrize(
    "failure",
    [
        lambda request: httpx.Response(500),
        lambda request: httpx.Response(403),
        lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused")),
    ],
)
async def test_failures_are_directory_unavailable(failure) -> None:
    with pytest.raises(DirectoryUnavailable):
        await directory_with(failure).departments()
