"""A person's data exported from every service, then erased everywhere.

The person is a throwaway account made for this test (never a demo user the
other tests sign in as): an approver of TRN, notified of an invoice and
rejecting it. A customer contact of that invoice is erased by address alone.
The account is deleted from Keycloak at the end.
"""

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from facturo_devstack import keycloak
from facturo_devstack.api import DEMO_PASSWORD, FacturoApi, eventually

pytestmark = [pytest.mark.system, pytest.mark.timeout(300)]

USERS = f"{keycloak.BASE_URL}/admin/realms/{keycloak.REALM}/users"
SERVICES = {"identity", "invoicing", "approvals", "audit", "notifications"}
ERASED = "identity.directory.person-erased.v1"
EXPORTED = "identity.directory.personal-data-exported.v1"
LINES = [
    {"description": "Formation", "quantity": "1", "unit_price": "300", "vat_rate": "20"}
]


@dataclass(frozen=True)
class Throwaway:
    id: str
    username: str
    email: str


def sha256(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


async def keycloak_admin(client: httpx.AsyncClient) -> dict[str, str]:
    """The master realm's demo administrator, for what identity has no API for."""
    username, password = keycloak.DEMO_ADMIN
    response = await client.post(
        f"{keycloak.BASE_URL}/realms/master/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": username,
            "password": password,
        },
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def person(api: FacturoApi) -> AsyncIterator[Throwaway]:
    """A TRN approver made through Keycloak and identity's admin API."""
    tag = uuid.uuid4().hex[:8]
    username = f"privacy-{tag}"
    body = {
        "username": username,
        "email": f"{username}@demo.facturo.test",
        "emailVerified": True,
        "firstName": "Prune",
        "lastName": f"Jetable {tag}",
        "enabled": True,
        "credentials": [
            {"type": "password", "value": DEMO_PASSWORD, "temporary": False}
        ],
    }
    async with httpx.AsyncClient(timeout=30.0) as client:
        created = await client.post(
            USERS, json=body, headers=await keycloak_admin(client)
        )
        created.raise_for_status()
        user_id = created.headers["Location"].rstrip("/").rpartition("/")[2]
        try:
            await api.ok("ada", "PUT", "identity", f"/users/{user_id}/roles/approver")
            await api.ok("ada", "PUT", "identity", f"/users/{user_id}/departments/TRN")
            yield Throwaway(user_id, username, body["email"])
        finally:
            await client.delete(
                f"{USERS}/{user_id}", headers=await keycloak_admin(client)
            )


async def notified_and_rejecting(
    api: FacturoApi, person: Throwaway, contact: dict[str, str]
) -> str:
    """fanny bills a TRN customer; the throwaway approver is notified and
    rejects. The invoice id."""
    customer = await api.ok(
        "fanny",
        "POST",
        "invoicing",
        "/customers",
        json={
            "department": "TRN",
            "name": "Centre de Formation Jetable SARL",
            "siren": "443061841",
            "vat_id": "FR64443061841",
            "address_lines": ["1 rue des Essais", "69002 Lyon"],
            "contacts": [contact],
        },
    )
    draft = await api.ok(
        "fanny",
        "POST",
        "invoicing",
        "/invoices",
        json={"department": "TRN", "customer_id": customer["id"], "lines": LINES},
    )
    read = await api.call("fanny", "GET", "invoicing", f"/invoices/{draft['id']}")
    await api.ok(
        "fanny",
        "POST",
        "invoicing",
        f"/invoices/{draft['id']}/submit",
        headers={"If-Match": read.headers["ETag"]},
    )

    async def note() -> list[Any]:
        page = await api.ok(person.username, "GET", "notifications", "/notifications")
        return [n for n in page["items"] if n["invoice_id"] == draft["id"]]

    await eventually(note, within=60)

    async def pending() -> list[Any]:
        page = await api.ok(
            person.username,
            "GET",
            "approvals",
            "/approvals",
            params={"status": "pending"},
        )
        return [r for r in page["items"] if r["invoice_id"] == draft["id"]]

    [request] = await eventually(pending, within=60)
    await api.ok(
        person.username,
        "POST",
        "approvals",
        f"/approvals/{request['id']}/reject",
        json={"reason": "mauvais taux"},
    )
    return str(draft["id"])


async def export(api: FacturoApi, body: dict[str, str]) -> dict[str, Any]:
    response = await api.call("ada", "POST", "identity", "/privacy/exports", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    document: dict[str, Any] = response.json()
    assert document["format"] == "facturo.personal-data-export"
    assert set(document["sections"]) == SERVICES
    return document


async def erase(api: FacturoApi, body: dict[str, str]) -> dict[str, Any]:
    response = await api.call(
        "ada", "POST", "identity", "/privacy/erasures", json=body | {"reason": "test"}
    )
    assert response.status_code == 202, response.text
    assert response.headers["location"].endswith(response.json()["id"])
    return dict(response.json())


async def audited(api: FacturoApi, event_type: str, subject: str) -> list[Any]:
    page = await api.ok(
        "alex",
        "GET",
        "audit",
        "/audit/entries",
        params={"event_type": event_type, "subject": subject},
    )
    return list(page["items"])


async def test_a_person_is_exported_then_erased_everywhere(
    api: FacturoApi, person: Throwaway
) -> None:
    tag = uuid.uuid4().hex[:8]
    contact = {
        "name": "Jeanne Jetable",
        "email": f"jeanne-{tag}@example.com",
        "phone": "+33 6 00 00 00 01",
    }
    await notified_and_rejecting(api, person, contact)

    before = await export(api, {"user_id": person.id})
    sections = before["sections"]
    assert sections["identity"]["user"]["username"] == person.username
    assert sections["identity"]["user"]["email"] == person.email
    assert sections["notifications"]["inbox"] != []
    [decision] = sections["approvals"]["decisions"]
    assert decision["decided_by_username"] == person.username
    assert any(e["actor"] == person.id for e in sections["audit"]["entries"])
    contact_before = await export(api, {"email": contact["email"]})
    [held] = contact_before["sections"]["invoicing"]["contacts"]
    assert (held["email"], held["phone"]) == (contact["email"], contact["phone"])

    erasure = await erase(api, {"user_id": person.id})
    await erase(api, {"email": contact["email"]})

    async def user_erased() -> dict[str, Any] | None:
        document = await export(api, {"user_id": person.id})
        text = json.dumps(document["sections"])
        inbox = document["sections"]["notifications"]["inbox"]
        gone = person.email not in text and person.username not in text
        return document if gone and not inbox else None

    after = (await eventually(user_erased, within=90))["sections"]
    user = after["identity"]["user"]
    assert (user["username"], user["email"], user["enabled"]) == (
        erasure["pseudonym"],
        None,
        False,
    )
    assert [d["decided_by_username"] for d in after["approvals"]["decisions"]] == [
        erasure["pseudonym"]
    ]
    assert all(d["to_address"] is None for d in after["notifications"]["deliveries"])

    async def contact_erased() -> bool:
        document = await export(api, {"email": contact["email"]})
        text = json.dumps(document["sections"])
        return contact["email"] not in text and contact["phone"] not in text

    assert await eventually(contact_erased, within=90)

    async with httpx.AsyncClient(timeout=30.0) as client:
        response = await client.get(
            f"{USERS}/{person.id}", headers=await keycloak_admin(client)
        )
    account = response.json()
    assert account["username"] == erasure["pseudonym"]
    assert account["enabled"] is False
    assert not account.get("email") and not account.get("firstName")

    async def in_the_log() -> list[Any]:
        found = [
            *await audited(api, ERASED, person.id),
            *await audited(api, ERASED, sha256(contact["email"])),
            *await audited(api, EXPORTED, person.id),
        ]
        return found if len(found) >= 4 else []

    entries = await eventually(in_the_log, within=60)
    ada = await api.ok("ada", "GET", "identity", "/me")
    assert {e["actor"] for e in entries} == {ada["id"]}
    assert all("@" not in json.dumps(e["payload"]) for e in entries)


@pytest.mark.parametrize("user", ["claire", "fanny", "alex"])
async def test_only_admins_export_and_erase(api: FacturoApi, user: str) -> None:
    body = {"email": "nobody@example.com"}
    exported = await api.call(user, "POST", "identity", "/privacy/exports", json=body)
    erased = await api.call(
        user, "POST", "identity", "/privacy/erasures", json=body | {"reason": "r"}
    )

    assert (exported.status_code, erased.status_code) == (403, 403)
