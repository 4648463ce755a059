"""The identity service reads the real realm through its service account."""

import httpx
import pytest

from facturo_devstack import keycloak
from facturo_devstack.api import FacturoApi, service_url

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]


async def test_departments_come_from_the_realm(api: FacturoApi) -> None:
    departments = await api.ok("claire", "GET", "identity", "/departments")

    assert departments == [
        {"code": "SAL", "name": "Sales"},
        {"code": "SRV", "name": "Services"},
        {"code": "TRN", "name": "Training"},
    ]


async def test_approvers_of_a_department(api: FacturoApi) -> None:
    people = await api.ok(
        "ada",
        "GET",
        "identity",
        "/users",
        params={"department": "SAL", "role": "approver"},
    )

    assert [p["username"] for p in people] == ["marc"]
    assert people[0]["departments"] == ["SAL"]
    assert people[0]["email"] == "marc@demo.facturo.test"


async def test_me_is_read_from_the_token(api: FacturoApi) -> None:
    me = await api.ok("tom", "GET", "identity", "/me")

    assert (me["username"], me["departments"], me["roles"]) == (
        "tom",
        ["SRV"],
        ["clerk"],
    )


async def test_people_see_their_colleagues_without_addresses(
    api: FacturoApi,
) -> None:
    people = await api.ok("claire", "GET", "identity", "/users")

    assert [p["username"] for p in people] == ["claire", "marc"]
    assert all("email" not in p and "enabled" not in p for p in people)


async def as_service(service: str, path: str) -> httpx.Response:
    """GET on identity with `facturo-<service>`'s own client-credentials token."""
    async with httpx.AsyncClient(timeout=30.0) as client:
        grant = await client.post(
            f"{keycloak.ISSUER}/protocol/openid-connect/token",
            data={
                "grant_type": "client_credentials",
                "client_id": f"facturo-{service}",
                "client_secret": f"facturo-{service}-dev-secret",
            },
        )
        grant.raise_for_status()
        token = grant.json()["access_token"]
        return await client.get(
            f"{service_url('identity')}{path}",
            headers={"Authorization": f"Bearer {token}"},
        )


@pytest.mark.usefixtures("stack")
async def test_each_service_account_reads_what_its_grants_allow() -> None:
    path = "/users?department=SAL&role=approver"
    mailer = await as_service("notifications", path)
    invoicing = await as_service("invoicing", path)
    audit = await as_service("audit", path)

    assert [p["email"] for p in mailer.json()] == ["marc@demo.facturo.test"]
    assert [sorted(p) for p in invoicing.json()] == [
        ["departments", "enabled", "id", "name", "roles", "username"]
    ]
    assert audit.status_code == 403
