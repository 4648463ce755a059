"""Events in: in-app notifications, and e-mails queued for the sender."""

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals
from facturo_contracts.envelope import H_ID
from facturo_contracts.notifications import NotificationDelivered
from facturo_notifications.domain.messages import message_id

from ..conftest import CUSTOMER_EMAIL, MailSink
from .events import (
    INVOICE_ID,
    ISSUED,
    DeadLetters,
    deliver,
    deliveries,
    inbox,
    outbox,
    returned,
)


async def test_issued_invoice_queues_mails_and_sends_nothing(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime

    headers = await deliver(runtime, ISSUED)

    queued = await deliveries(runtime, "email")
    assert sink.attempts == 0 and sink.received == []
    assert [(r.recipient_kind, r.recipient_id, r.status) for r in queued] == [
        ("customer_contact", "cust-1", "pending"),
        ("user", "sub-claire", "pending"),
    ]
    to_customer, to_author = queued
    assert (to_customer.to_address, to_customer.to_name) == (
        CUSTOMER_EMAIL,
        "Boulangerie Martin SARL",
    )
    assert (to_author.to_address, to_author.to_name) == (
        "claire@demo.facturo.test",
        "Claire",
    )
    assert to_author.message_id == message_id(
        headers[H_ID], "sub-claire", "demo.facturo.test"
    )
    assert "SAL-2026-000042" in (to_customer.subject or "")
    assert "1\u202f210,54 EUR" in (to_customer.body or "")
    assert f"/invoices/{INVOICE_ID}" in (to_author.body or "")
    assert {(r.attempts, r.kind, r.error) for r in queued} == {
        (0, "invoice_issued", None)
    }
    assert all(r.next_attempt_at is not None for r in queued)


async def test_only_the_in_app_delivery_is_published_while_mails_wait(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime

    await deliver(runtime, ISSUED)

    [in_app] = await deliveries(runtime, "in_app")
    events = await outbox(runtime)
    assert in_app.status == "sent"
    assert events == [
        (
            NotificationDelivered.TYPE,
            {
                "delivery_id": in_app.id,
                "channel": "in_app",
                "recipient_kind": "user",
                "recipient_id": "sub-claire",
                "invoice_id": INVOICE_ID,
                "department": "SAL",
                "reason": "invoice_issued",
            },
        )
    ]


async def test_consuming_never_waits_on_the_mail_server(
    app: FastAPI, client: httpx.AsyncClient, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    sink.refuse_data = "451 4.3.0 Try again later"
    dead = DeadLetters()

    await deliver(runtime, ISSUED, broker=dead)

    assert dead.records == []
    assert sink.attempts == 0
    assert {r.status for r in await deliveries(runtime, "email")} == {"pending"}
    assert (await inbox(client, "claire"))["total"] == 1


async def test_author_inbox_has_the_notification_and_nobody_else(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, ISSUED)

    claire = await inbox(client, "claire")
    marc = await inbox(client, "marc")
    fanny = await inbox(client, "fanny")

    assert claire["total"] == 1
    assert claire["items"][0]["invoice_id"] == INVOICE_ID
    assert claire["items"][0]["kind"] == "invoice_issued"
    assert "SAL-2026-000042" in claire["items"][0]["title"]
    assert claire["items"][0]["read_at"] is None
    assert marc == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert fanny["total"] == 0


async def test_replayed_event_records_nothing_new(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    headers = await deliver(runtime, ISSUED)
    first = {(r.id, r.status, r.created_at) for r in await deliveries(runtime)}

    await deliver(runtime, ISSUED, headers)
    # Even without the consumer's inbox row, the delivery rows stop a resend.
    async with runtime.sessions() as session, session.begin():
        await session.execute(delete(runtime.tables.inbox))
    await deliver(runtime, ISSUED, headers)

    assert {(r.id, r.status, r.created_at) for r in await deliveries(runtime)} == first
    assert len(first) == 3
    assert len(await outbox(runtime)) == 1
    assert (await inbox(client, "claire"))["total"] == 1


async def test_customer_without_email_gets_no_mail(app: FastAPI) -> None:
    event = ISSUED.model_copy(update={"customer_id": "cust-2"})

    await deliver(app.state.runtime, event)

    queued = await deliveries(app.state.runtime, "email")
    assert [r.recipient_id for r in queued] == ["sub-claire"]


async def test_approval_request_reaches_approvers_but_not_the_author(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    requested = approvals.ApprovalRequested(
        request_id="req-1",
        invoice_id=INVOICE_ID,
        department="SAL",
        author_id="sub-claire",
        steps=1,
    )

    await deliver(app.state.runtime, requested)

    marc = await inbox(client, "marc")
    assert marc["total"] == 1
    assert marc["items"][0]["kind"] == "approval_requested"
    assert marc["items"][0]["department"] == "SAL"
    assert (await inbox(client, "claire"))["total"] == 0
    assert (await inbox(client, "sophie"))["total"] == 0
    assert await deliveries(app.state.runtime, "email") == []


async def test_returned_invoice_tells_the_author_why(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, returned("Le SIRET du client est faux"))

    claire = await inbox(client, "claire")
    assert claire["items"][0]["kind"] == "invoice_returned_to_draft"
    assert "Le SIRET du client est faux" in claire["items"][0]["body"]
    [mail] = await deliveries(app.state.runtime, "email")
    assert (mail.recipient_id, mail.kind) == ("sub-claire", "invoice_returned_to_draft")
    assert "Le SIRET du client est faux" in (mail.body or "")


async def test_mark_read_only_own_notifications(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, ISSUED)
    [item] = (await inbox(client, "claire"))["items"]
    url = f"/api/v1/notifications/{item['id']}/read"

    by_marc = await client.post(url, headers=auth("marc"))
    missing = await client.post(
        "/api/v1/notifications/no-such-id/read", headers=auth("marc")
    )
    by_claire = await client.post(url, headers=auth("claire"))
    again = await client.post(url, headers=auth("claire"))

    assert by_marc.status_code == 404
    assert by_marc.json()["detail"] == missing.json()["detail"]
    assert by_claire.status_code == 200
    assert by_claire.json()["read_at"] is not None
    assert again.json()["read_at"] == by_claire.json()["read_at"]
    assert (await inbox(client, "claire", "?unread=true"))["total"] == 0
    assert (await inbox(client, "claire"))["total"] == 1


@pytest.mark.parametrize(
    ("user", "status"), [("svc", 403), ("nobody", 401)], ids=["service", "anonymous"]
)
async def test_inbox_refuses_services_and_strangers(
    client: httpx.AsyncClient, user: str, status: int
) -> None:
    response = await client.get("/api/v1/notifications", headers=auth(user))

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


async def test_bad_paging_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/notifications?limit=0&offset=-1", headers=auth("claire")
    )

    assert response.status_code == 422
    locations = {e["location"] for e in response.json()["errors"]}
    assert locations == {"query/limit", "query/offset"}
