"""Notifications' part of privacy: the inbox and the waiting e-mails of a
person, handed over, then erased."""

import hashlib
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import identity
from facturo_contracts.notifications import NotificationCancelled

from ..conftest import CUSTOMER_EMAIL, MailSink
from .events import ISSUED, deliver, deliveries, inbox, outbox, send_queued

ERASED = "the recipient's personal data was erased"


def erased(
    user_id: str | None = None, email: str | None = None
) -> identity.PersonErased:
    digest = hashlib.sha256(email.lower().encode()).hexdigest() if email else None
    return identity.PersonErased(
        erasure_id=str(uuid.uuid4()),
        user_id=user_id,
        email_sha256=digest,
        pseudonym="erased-1a2b3c4d",
    )


async def collect(client: httpx.AsyncClient, body: dict[str, Any]) -> Any:
    response = await client.post(
        "/api/v1/privacy/exports", json=body, headers=auth("svc-identity")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def cancelled_events(runtime: Runtime) -> list[dict[str, Any]]:
    return [e for t, e in await outbox(runtime) if t == NotificationCancelled.TYPE]


async def test_the_inbox_and_waiting_e_mails_are_handed_over(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, ISSUED)

    claire = await collect(client, {"user_id": "sub-claire"})
    contact = await collect(client, {"email": CUSTOMER_EMAIL.upper()})

    assert [n["title"] for n in claire["inbox"]] == [
        "Facture SAL-2026-000042 émise / Invoice SAL-2026-000042 issued"
    ]
    assert sorted(
        (d["channel"], d["status"], d["to_address"]) for d in claire["deliveries"]
    ) == [
        ("email", "pending", "claire@demo.facturo.test"),
        ("in_app", "sent", None),
    ]
    assert claire["disabled_at"] is None
    assert contact["inbox"] == []
    assert [(d["recipient_kind"], d["to_address"]) for d in contact["deliveries"]] == [
        ("customer_contact", CUSTOMER_EMAIL)
    ]


async def test_erasure_deletes_the_inbox_and_cancels_what_waits(
    app: FastAPI, client: httpx.AsyncClient, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)
    claire, contact = erased(user_id="sub-claire"), erased(email=CUSTOMER_EMAIL)

    await deliver(runtime, claire)
    await deliver(runtime, contact)
    await deliver(runtime, claire)  # redelivered
    await deliver(runtime, erased(email=CUSTOMER_EMAIL))  # asked again
    sent = await send_queued(app)

    assert (sent, sink.received) == (0, [])
    emails = await deliveries(runtime, "email")
    assert [(d.status, d.error, d.to_address, d.body) for d in emails] == [
        ("cancelled", ERASED, None, None)
    ] * 2
    assert len(await cancelled_events(runtime)) == 2
    assert (await inbox(client, "claire"))["items"] == []
    after = await collect(client, {"user_id": "sub-claire"})
    by_address = await collect(client, {"email": CUSTOMER_EMAIL})
    assert after["inbox"] == [] and by_address["deliveries"] == []
    assert all(d["to_address"] is None for d in after["deliveries"])


async def test_an_erased_address_leaves_others_waiting(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await deliver(runtime, erased(email="someone.else@example.com"))

    emails = await deliveries(runtime, "email")
    assert [d.status for d in emails] == ["pending", "pending"]
    assert await cancelled_events(runtime) == []


@pytest.mark.parametrize("username", ["claire", "ada", "alex", "svc", "svc-invoicing"])
async def test_only_identity_collects(client: httpx.AsyncClient, username: str) -> None:
    response = await client.post(
        "/api/v1/privacy/exports",
        json={"user_id": "sub-claire"},
        headers=auth(username),
    )

    assert response.status_code == 403
