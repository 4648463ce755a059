"""Customers over HTTP: identifiers, contacts, shared departments, If-Match."""

from datetime import date, timedelta

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth

from .test_invoice_api import LINES, grant, submit

FULL = {
    "departments": ["SAL", "SRV"],
    "name": "Boulangerie Martin SARL",
    "siren": "443 061 841",
    "siret": "443 061 841 00047",
    "vat_id": "FR 64 443061841",
    "address": {
        "lines": ["3 place du Marché", "Bâtiment B"],
        "postcode": "69002",
        "city": "Lyon",
    },
    "country": "FR",
    "contacts": [
        {"name": "Anne Martin", "email": "anne@martin.example.com", "role": "billing"},
        {"name": "Luc Martin", "phone": "+33 4 78 00 00 00", "role": "sales"},
    ],
    "payment_terms_days": 45,
    "preferred_language": "en",
}


async def create(
    client: httpx.AsyncClient, body: dict, user: str = "fanny"
) -> httpx.Response:
    return await client.post("/api/v1/customers", json=body, headers=auth(user))


async def test_full_customer_is_stored_compact_and_read_back(
    client: httpx.AsyncClient,
) -> None:
    response = await create(client, FULL)

    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == 'W/"1"'
    customer = response.json()
    assert customer["siren"] == "443061841"
    assert customer["siret"] == "44306184100047"
    assert customer["vat_id"] == "FR64443061841"
    assert customer["departments"] == ["SAL", "SRV"]
    assert customer["address"] == {
        "lines": ["3 place du Marché", "Bâtiment B"],
        "postcode": "69002",
        "city": "Lyon",
        "subdivision": None,
        "country": "FR",
    }
    assert customer["email"] == "anne@martin.example.com"  # the billing contact
    assert customer["preferred_language"] == "en"
    assert [c["role"] for c in customer["contacts"]] == ["billing", "sales"]


async def test_bad_identifiers_are_refused_with_every_problem(
    client: httpx.AsyncClient,
) -> None:
    body = {
        **FULL,
        "siret": "73282932000074",  # valid, but another company's
        "vat_id": "FR00443061841",
        "payment_terms_days": 61,
        "contacts": [{"name": "X", "phone": "call me"}],
    }

    response = await create(client, body)

    assert response.status_code == 422
    assert {e["location"] for e in response.json()["errors"]} == {
        "siret",
        "vat_id",
        "payment_terms_days",
        "contacts/0/phone",
    }


async def test_bad_siren_and_country_are_refused(client: httpx.AsyncClient) -> None:
    response = await create(client, {**FULL, "siren": "443061842", "siret": None})
    assert [e["location"] for e in response.json()["errors"]] == ["siren"]

    response = await create(client, {**FULL, "country": "XX"})
    assert [e["location"] for e in response.json()["errors"]] == ["country"]


async def test_a_german_customer_needs_no_siren(client: httpx.AsyncClient) -> None:
    body = {
        "department": "SAL",
        "name": "Bäckerei Müller GmbH",
        "vat_id": "DE136695976",
        "country": "DE",
        "email": "buchhaltung@mueller.example.de",
    }

    response = await create(client, body, user="claire")

    assert response.status_code == 201, response.text
    assert response.json()["siren"] is None
    assert response.json()["departments"] == ["SAL"]


async def test_shared_customer_is_seen_and_invoiced_by_each_department(
    client: httpx.AsyncClient,
) -> None:
    customer_id = (await create(client, FULL)).json()["id"]

    for user, department in (("claire", "SAL"), ("tom", "SRV")):
        seen = await client.get(f"/api/v1/customers/{customer_id}", headers=auth(user))
        listed = await client.get("/api/v1/customers", headers=auth(user))
        body = {"department": department, "customer_id": customer_id, "lines": LINES}
        made = await client.post("/api/v1/invoices", json=body, headers=auth(user))
        assert seen.status_code == 200
        assert customer_id in [c["id"] for c in listed.json()]
        assert made.status_code == 201, made.text


async def test_clerk_cannot_share_into_a_department_not_theirs(
    client: httpx.AsyncClient,
) -> None:
    response = await create(client, FULL, user="claire")

    assert response.status_code == 404
    listed = await client.get("/api/v1/customers", headers=auth("fanny"))
    assert listed.json() == []


async def test_patch_needs_if_match_and_refuses_stale_versions(
    client: httpx.AsyncClient,
) -> None:
    customer_id = (await create(client, {**FULL, "departments": ["SAL"]})).json()["id"]
    url = f"/api/v1/customers/{customer_id}"

    missing = await client.patch(
        url, json={"payment_terms_days": 30}, headers=auth("claire")
    )
    changed = await client.patch(
        url,
        json={"payment_terms_days": 30},
        headers={**auth("claire"), "If-Match": 'W/"1"'},
    )
    stale = await client.patch(
        url,
        json={"payment_terms_days": 10},
        headers={**auth("claire"), "If-Match": 'W/"1"'},
    )

    assert missing.status_code == 428
    assert changed.status_code == 200
    assert changed.headers["ETag"] == 'W/"2"'
    assert changed.json()["payment_terms_days"] == 30
    assert len(changed.json()["contacts"]) == 2  # what the PATCH left out stays
    assert stale.status_code == 412
    assert stale.json()["current"]["payment_terms_days"] == 30
    assert stale.json()["current"]["version"] == 2


async def test_sharing_needs_write_access_to_the_added_department(
    client: httpx.AsyncClient,
) -> None:
    customer_id = (await create(client, {**FULL, "departments": ["SAL"]})).json()["id"]
    url = f"/api/v1/customers/{customer_id}"
    share = {"departments": ["SAL", "SRV"]}

    by_claire = await client.patch(
        url, json=share, headers={**auth("claire"), "If-Match": 'W/"1"'}
    )
    by_fanny = await client.patch(
        url, json=share, headers={**auth("fanny"), "If-Match": 'W/"1"'}
    )
    seen_by_tom = await client.get(url, headers=auth("tom"))

    assert by_claire.status_code == 404
    assert by_fanny.status_code == 200
    assert seen_by_tom.status_code == 200


async def test_invoice_is_due_after_the_customer_payment_terms(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    customer_id = (await create(client, FULL)).json()["id"]
    body = {"department": "SAL", "customer_id": customer_id, "lines": LINES}
    invoice = (
        await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    ).json()
    await submit(client, invoice)

    await grant(app.state.runtime, invoice["id"])

    issued = (
        await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("claire"))
    ).json()
    issue_date = date.fromisoformat(issued["issue_date"])
    assert date.fromisoformat(issued["due_date"]) == issue_date + timedelta(days=45)
