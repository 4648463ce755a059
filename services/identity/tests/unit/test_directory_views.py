"""Who sees whom in the directory, and which fields of them."""

from dataclasses import replace
from typing import Any

import httpx
import pytest

from facturo_chassis.testing import auth

EVERY_FIELD = {"id", "username", "name", "email", "departments", "roles", "enabled"}
WITHOUT_EMAIL = EVERY_FIELD - {"email"}
FOR_PEOPLE = {"id", "username", "name", "departments", "roles"}
EVERYONE = ["ada", "alex", "claire", "fanny", "marc", "paul", "sophie", "tom"]


async def marc(client: httpx.AsyncClient, user: str) -> dict[str, Any]:
    response = await client.get("/api/v1/users/sub-marc", headers=auth(user))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def usernames(client: httpx.AsyncClient, user: str, **params: str) -> list[str]:
    response = await client.get("/api/v1/users", params=params, headers=auth(user))
    assert response.status_code == 200, response.text
    return [u["username"] for u in response.json()]


def problem(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    return (response.status_code, body["title"], body["detail"])


@pytest.mark.parametrize(
    ("user", "fields"),
    [
        ("ada", EVERY_FIELD),
        ("svc", EVERY_FIELD),
        ("svc-invoicing", WITHOUT_EMAIL),
        ("claire", FOR_PEOPLE),
        ("marc", FOR_PEOPLE),
        ("fanny", FOR_PEOPLE),
        ("alex", FOR_PEOPLE),
    ],
    ids=["admin", "contact-service", "service", "clerk", "self", "finance", "auditor"],
)
async def test_each_caller_gets_the_fields_it_needs(
    client: httpx.AsyncClient, user: str, fields: set[str]
) -> None:
    one = await marc(client, user)
    listing = await client.get(
        "/api/v1/users", params={"department": "SAL"}, headers=auth(user)
    )

    assert set(one) == fields
    assert {frozenset(u) for u in listing.json()} == {frozenset(fields)}
    assert one["departments"] == ["SAL"]
    assert one.get("email", "marc@demo.facturo.test") == "marc@demo.facturo.test"


async def test_a_service_without_contact_never_sees_an_address(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/users", headers=auth("svc-invoicing"))

    assert all("email" not in user for user in response.json())
    assert "@" not in response.text
    assert {u["username"]: u["enabled"] for u in response.json()}["paul"] is False


async def test_an_address_the_person_lacks_is_null_for_who_may_see_it(
    client: httpx.AsyncClient, directory: Any
) -> None:
    directory.users["sub-marc"] = replace(directory.users["sub-marc"], email=None)

    assert (await marc(client, "svc"))["email"] is None
    assert "email" not in await marc(client, "svc-invoicing")


@pytest.mark.parametrize(
    ("user", "colleagues"),
    [
        ("claire", ["claire", "marc"]),
        ("sophie", ["sophie", "tom"]),
        ("fanny", EVERYONE),
        ("alex", EVERYONE),
    ],
)
async def test_people_see_the_colleagues_of_their_departments(
    client: httpx.AsyncClient, user: str, colleagues: list[str]
) -> None:
    assert await usernames(client, user) == colleagues


async def test_filters_cannot_reach_past_a_member_s_departments(
    client: httpx.AsyncClient,
) -> None:
    assert await usernames(client, "claire", department="SRV") == []
    assert await usernames(client, "claire", role="approver") == ["marc"]
    assert await usernames(client, "tom", role="finance") == []


async def test_someone_outside_a_member_s_departments_looks_unknown(
    client: httpx.AsyncClient,
) -> None:
    other = await client.get("/api/v1/users/sub-tom", headers=auth("claire"))
    finance = await client.get("/api/v1/users/sub-fanny", headers=auth("claire"))
    nobody = await client.get("/api/v1/users/sub-nobody", headers=auth("claire"))

    assert problem(other) == problem(finance) == problem(nobody)
    assert problem(nobody) == (404, "Not found", "no such user")


async def test_the_schema_documents_the_omitted_fields(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    schema = document["components"]["schemas"]["UserRead"]

    assert set(schema["required"]) == FOR_PEOPLE
    assert schema["properties"]["enabled"]["type"] == "boolean"
    assert "default" not in schema["properties"]["enabled"]
    assert "directory.contact" in schema["properties"]["email"]["description"]
