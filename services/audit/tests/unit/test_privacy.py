"""Audit's part of privacy: the entries about a person, and no erasure."""

import hashlib
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals, identity, invoicing
from facturo_contracts.envelope import Event

JEANNE = "jeanne.martin@example.com"
JEANNE_SHA256 = hashlib.sha256(JEANNE.encode()).hexdigest()
INVOICE = "6d0f8a52-1111-4c1e-9d55-000000000001"
TOTALS = invoicing.Totals(
    net=Decimal("100.00"), vat=Decimal("20.00"), gross=Decimal("120.00")
)


async def deliver(app: FastAPI, event: Event, actor: str) -> None:
    runtime: Runtime = app.state.runtime
    headers = build_headers(event, source="/facturo/test", actor=actor)
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(runtime.broker, event.TOPIC, body, headers)


async def collect(client: httpx.AsyncClient, body: dict[str, Any]) -> Any:
    response = await client.post(
        "/api/v1/privacy/exports", json=body, headers=auth("svc-identity")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_entries_caused_by_about_or_naming_the_person(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    created = invoicing.InvoiceCreated(
        invoice_id=INVOICE,
        department="SAL",
        customer_id="cust-1",
        author_id="sub-claire",
        currency="EUR",
        totals=TOTALS,
    )
    granted = approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=INVOICE,
        department="SAL",
        decided_by="sub-marc",
    )
    disabled = identity.UserDisabled(user_id="sub-marc")
    erased = identity.PersonErased(
        erasure_id=str(uuid.uuid4()),
        email_sha256=JEANNE_SHA256,
        pseudonym="erased-1a2b3c4d",
    )
    await deliver(app, created, actor="sub-claire")
    await deliver(app, granted, actor="sub-marc")
    await deliver(app, disabled, actor="sub-ada")
    await deliver(app, erased, actor="sub-ada")

    marc = await collect(client, {"user_id": "sub-marc"})
    claire = await collect(client, {"user_id": "sub-claire"})
    jeanne = await collect(client, {"email": "Jeanne.Martin@example.com"})
    ada = await collect(client, {"user_id": "sub-ada"})

    assert [e["event_type"] for e in marc["entries"]] == [
        approvals.ApprovalGranted.TYPE,
        identity.UserDisabled.TYPE,
    ]
    assert [e["payload"] for e in claire["entries"]] == [
        created.model_dump(mode="json")
    ]
    assert [e["event_type"] for e in jeanne["entries"]] == [identity.PersonErased.TYPE]
    assert [e["seq"] for e in ada["entries"]] == [3, 4]


@pytest.mark.parametrize("username", ["alex", "ada", "claire", "svc", "svc-invoicing"])
async def test_only_identity_collects(client: httpx.AsyncClient, username: str) -> None:
    response = await client.post(
        "/api/v1/privacy/exports",
        json={"user_id": "sub-marc"},
        headers=auth(username),
    )

    assert response.status_code == 403
