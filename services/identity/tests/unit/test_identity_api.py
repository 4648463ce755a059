"""The identity API over the in-memory directory, SQLite and broker."""

from dataclasses import replace
from typing import Any

import httpx
import pytest

from facturo_chassis.testing import auth


async def usernames(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [user["username"] for user in response.json()]


async def test_me_describes_the_caller_from_their_token(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/me", headers=auth("claire"))

    assert response.status_code == 200
    assert response.json() == {
        "id": "sub-claire",
        "username": "claire",
        "name": "Claire",
        "email": "claire@demo.facturo.test",
        "departments": ["SAL"],
        "roles": ["clerk"],
    }


async def test_me_without_a_token_is_401_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_departments_are_sorted_by_code(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/departments", headers=auth("tom"))

    assert response.status_code == 200
    assert response.json() == [
        {"code": "SAL", "name": "Sales"},
        {"code": "SRV", "name": "Services"},
        {"code": "TRN", "name": "Training"},
    ]


async def test_departments_are_cached(client: httpx.AsyncClient, directory) -> None:
    first = await client.get("/api/v1/departments", headers=auth("claire"))
    directory.departments_list = []
    second = await client.get("/api/v1/departments", headers=auth("marc"))

    assert second.json() == first.json()
    assert directory.department_calls == 1


async def test_the_directory_is_refused_to_a_service_without_the_grant(
    client: httpx.AsyncClient,
) -> None:
    listing = await client.get("/api/v1/users", headers=auth("svc-identity"))
    one = await client.get("/api/v1/users/sub-marc", headers=auth("svc-identity"))

    assert (listing.status_code, one.status_code) == (403, 403)
    assert listing.json()["detail"] == "your roles do not allow directory.read"


@pytest.mark.parametrize("username", ["svc", "svc-invoicing", "ada", "fanny"])
async def test_admins_and_services_read_the_directory(
    client: httpx.AsyncClient, username: str
) -> None:
    response = await client.get("/api/v1/users", headers=auth(username))

    assert await usernames(response) == [
        "ada",
        "alex",
        "claire",
        "fanny",
        "marc",
        "paul",
        "sophie",
        "tom",
    ]


async def test_users_filtered_by_department_and_role(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/api/v1/users",
        params={"department": "SAL", "role": "approver"},
        headers=auth("svc"),
    )

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": "sub-marc",
            "username": "marc",
            "name": "Marc",
            "email": "marc@demo.facturo.test",
            "departments": ["SAL"],
            "roles": ["approver"],
            "enabled": True,
        }
    ]


async def test_users_filtered_by_department_only(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/users", params={"department": "SAL"}, headers=auth("ada")
    )

    assert await usernames(response) == ["claire", "marc"]


async def test_users_filtered_by_role_only(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/users", params={"role": "clerk"}, headers=auth("ada")
    )

    assert await usernames(response) == ["claire", "paul", "tom"]


async def test_service_accounts_never_appear(client: httpx.AsyncClient) -> None:
    by_role = await client.get(
        "/api/v1/users", params={"role": "service"}, headers=auth("svc")
    )
    by_id = await client.get(
        "/api/v1/users/sub-service-account-facturo-invoicing", headers=auth("svc")
    )

    assert await usernames(by_role) == []
    assert by_id.status_code == 404


async def test_a_person_named_like_a_service_account_stays_a_person(
    client: httpx.AsyncClient, directory: Any
) -> None:
    claire = directory.users["sub-claire"]
    renamed = replace(claire, id="sub-renamed", username="service-account-claire")
    directory.users[renamed.id] = renamed

    found = await client.get(f"/api/v1/users/{renamed.id}", headers=auth("ada"))
    disabled = await client.post(
        f"/api/v1/users/{renamed.id}/disable", headers=auth("ada")
    )

    assert found.status_code == 200
    assert found.json()["username"] == "service-account-claire"
    assert disabled.status_code == 204


async def test_unknown_department_matches_nobody(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/users", params={"department": "XYZ"}, headers=auth("ada")
    )

    assert await usernames(response) == []


async def test_one_user_with_departments_roles_and_status(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/users/sub-paul", headers=auth("ada"))

    assert response.status_code == 200
    assert response.json() == {
        "id": "sub-paul",
        "username": "paul",
        "name": "Paul",
        "email": "paul@demo.facturo.test",
        "departments": ["TRN"],
        "roles": ["clerk"],
        "enabled": False,
    }


async def test_unknown_user_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/users/sub-nobody", headers=auth("svc"))

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no such user"


async def test_bad_filters_are_refused_with_every_problem(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/api/v1/users",
        params={"department": "sal", "role": "boss"},
        headers=auth("ada"),
    )

    assert response.status_code == 422
    locations = {e["location"] for e in response.json()["errors"]}
    assert locations == {"query/department", "query/role"}


async def test_a_malformed_user_id_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/users/no%20such.id", headers=auth("ada"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "path/user_id"


async def test_directory_down_is_503_problem(
    client: httpx.AsyncClient, directory
) -> None:
    directory.down = True

    response = await client.get("/api/v1/users/sub-marc", headers=auth("ada"))

    assert response.status_code == 503
    assert response.json()["title"] == "Directory unavailable"
