"""Invoicing's part of privacy: handing over a person's data, erasing it."""

import hashlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth, running_app
from facturo_contracts import identity, topics
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.settings import InvoicingSettings

from .colleagues import FakeDirectory
from .flows import HUNDRED_AT_20, new_customer

App = tuple[FastAPI, httpx.AsyncClient]
JEANNE = "Jeanne.Martin@example.com"
CONTACTS = [
    {"name": "Jeanne Martin", "email": JEANNE, "phone": "+33 6 12 34 56 78"},
    {"name": "Paul Durand", "email": "paul@example.com", "role": "sales"},
]


def sha256(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@pytest.fixture
async def app_and_client(settings: InvoicingSettings) -> AsyncIterator[App]:
    app = create_app(settings, FakeDirectory())
    async with running_app(app) as client:
        yield app, client


async def collect(client: httpx.AsyncClient, body: dict[str, Any]) -> Any:
    response = await client.post(
        "/api/v1/privacy/exports", json=body, headers=auth("svc-identity")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def erase(app: FastAPI, event: identity.PersonErased) -> None:
    """Hand the event to the directory consumer, as Kafka would."""
    runtime: Runtime = app.state.runtime
    [consumer] = [c for c in runtime.consumers if c.name == "invoicing-directory"]
    headers = build_headers(event, source="/facturo/identity", actor="sub-ada")
    body = event.model_dump_json().encode()
    await consumer.process(runtime.broker, topics.DIRECTORY, body, headers)


def erased(
    user_id: str | None = None, email: str | None = None
) -> identity.PersonErased:
    return identity.PersonErased(
        erasure_id=str(uuid.uuid4()),
        user_id=user_id,
        email_sha256=sha256(email) if email else None,
        pseudonym="erased-1a2b3c4d",
    )


async def claire_drafts_and_comments(client: httpx.AsyncClient) -> dict[str, Any]:
    customer_id = await new_customer(client, contacts=CONTACTS)
    body = {"department": "SAL", "customer_id": customer_id, "lines": HUNDRED_AT_20}
    draft = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    assert draft.status_code == 201, draft.text
    said = await client.post(
        f"/api/v1/invoices/{draft.json()['id']}/comments",
        json={"text": "Marc, can you check?", "mentions": ["sub-marc"]},
        headers=auth("claire"),
    )
    assert said.status_code == 201, said.text
    return dict(draft.json())


async def test_a_contact_is_found_by_address(app_and_client: App) -> None:
    _, client = app_and_client
    customer_id = await new_customer(client, contacts=CONTACTS)
    billed = await new_customer(client, email="jeanne.martin@example.com")

    part = await collect(client, {"email": " JEANNE.martin@EXAMPLE.com"})

    assert part["contacts"] == [
        {
            "customer_id": customer_id,
            "customer_name": "Boulangerie Martin SARL",
            "name": "Jeanne Martin",
            "email": JEANNE,
            "phone": "+33 6 12 34 56 78",
            "role": "billing",
        }
    ]
    assert [(c["id"], c["email"]) for c in part["customers"]] == [
        (billed, "jeanne.martin@example.com")
    ]
    assert (part["records"], part["mentioned_in"]) == ({}, [])


async def test_a_user_is_found_where_they_acted_or_were_named(
    app_and_client: App,
) -> None:
    _, client = app_and_client
    draft = await claire_drafts_and_comments(client)

    claire = await collect(client, {"user_id": "sub-claire"})
    marc = await collect(client, {"user_id": "sub-marc"})

    [invoice] = claire["records"]["invoices"]
    assert (invoice["id"], invoice["author_username"], invoice["status"]) == (
        draft["id"],
        "claire",
        "draft",
    )
    [written] = claire["records"]["invoice_comments"]
    assert written["text"] == "Marc, can you check?"
    assert [m["text"] for m in marc["mentioned_in"]] == ["Marc, can you check?"]
    assert marc["records"] == {} and claire["mentioned_in"] == []


async def test_erasing_an_address_removes_the_contact_and_is_idempotent(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client, contacts=CONTACTS, email=JEANNE)
    event = erased(email="jeanne.martin@EXAMPLE.com ")

    await erase(app, event)
    after_once = await client.get(
        f"/api/v1/customers/{customer_id}", headers=auth("fanny")
    )
    await erase(app, event)  # redelivered
    await erase(app, erased(email=JEANNE))  # asked again
    after = await client.get(f"/api/v1/customers/{customer_id}", headers=auth("fanny"))

    customer = after.json()
    assert customer == after_once.json()
    assert customer["version"] == 2
    assert customer["contacts"] == [
        {
            "name": "Paul Durand",
            "email": "paul@example.com",
            "phone": None,
            "role": "sales",
        }
    ]
    assert customer["email"] == "paul@example.com"  # the next contact, not Jeanne
    part = await collect(client, {"email": JEANNE})
    assert (part["customers"], part["contacts"]) == ([], [])


async def test_erasing_a_user_pseudonymises_what_they_wrote(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    draft = await claire_drafts_and_comments(client)

    await erase(app, erased(user_id="sub-claire"))
    await erase(app, erased(user_id="sub-claire"))  # asked again

    invoice = await client.get(f"/api/v1/invoices/{draft['id']}", headers=auth("fanny"))
    assert invoice.json()["author_id"] == "sub-claire"
    assert invoice.json()["author_username"] == "erased-1a2b3c4d"
    assert invoice.json()["version"] == draft["version"] + 1
    part = await collect(client, {"user_id": "sub-claire"})
    usernames = {
        row["author_username"]
        for rows in part["records"].values()
        for row in rows
        if "author_username" in row
    }
    assert usernames == {"erased-1a2b3c4d"}


@pytest.mark.parametrize(
    "username", ["claire", "marc", "fanny", "alex", "ada", "svc", "svc-invoicing"]
)
async def test_only_identity_collects(app_and_client: App, username: str) -> None:
    _, client = app_and_client

    response = await client.post(
        "/api/v1/privacy/exports",
        json={"user_id": "sub-claire"},
        headers=auth(username),
    )

    assert response.status_code == 403


async def test_a_query_names_somebody(app_and_client: App) -> None:
    _, client = app_and_client

    response = await client.post(
        "/api/v1/privacy/exports", json={}, headers=auth("svc-identity")
    )

    assert response.status_code == 422
