"""Events in, e-mails to a real SMTP server and in-app notifications out."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, select

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals, invoicing, topics
from facturo_contracts.envelope import H_DLQ_ERROR, H_ID, H_TYPE, Event
from facturo_contracts.notifications import NotificationDelivered, NotificationFailed
from facturo_notifications.adapters.orm import Delivery
from facturo_notifications.domain.messages import message_id

from ..conftest import CUSTOMER_EMAIL, MailSink

INVOICE_ID = "3f0b6a52-7f1e-4c1e-9b7a-0d6a2c9e1f00"

ISSUED = invoicing.InvoiceIssued(
    invoice_id=INVOICE_ID,
    department="SAL",
    number="SAL-2026-000042",
    issue_date=date(2026, 12, 3),
    due_date=date(2027, 1, 2),
    customer_id="cust-1",
    author_id="sub-claire",
    currency="EUR",
    totals=invoicing.Totals(
        net=Decimal("1009.99"), vat=Decimal("200.55"), gross=Decimal("1210.54")
    ),
)


class DeadLetters:
    """Stands in for the broker the consumer dead-letters through."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    async def publish(self, body: bytes, **kwargs: Any) -> None:
        self.records.append({"body": body, **kwargs})


async def deliver(
    runtime: Runtime,
    event: Event,
    headers: dict[str, str] | None = None,
    broker: Any = None,
) -> dict[str, str]:
    headers = headers or build_headers(event, source="/facturo/test", actor="sub-fanny")
    await runtime.consumers[0].process(
        broker or runtime.broker,
        event.TOPIC,
        event.model_dump_json().encode(),
        headers,
    )
    return headers


async def deliveries(runtime: Runtime) -> list[Delivery]:
    async with runtime.sessions() as session:
        return list(await session.scalars(select(Delivery)))


async def outbox(runtime: Runtime) -> list[tuple[str, dict[str, Any]]]:
    table = runtime.tables.outbox
    async with runtime.sessions() as session:
        rows = (await session.execute(select(table))).all()
    return [(row.headers[H_TYPE], json.loads(row.body)) for row in rows]


async def inbox(client: httpx.AsyncClient, user: str, query: str = "") -> Any:
    response = await client.get(f"/api/v1/notifications{query}", headers=auth(user))
    assert response.status_code == 200, response.text
    return response.json()


async def test_issued_invoice_mails_author_and_customer(
    app: FastAPI, sink: MailSink
) -> None:
    headers = await deliver(app.state.runtime, ISSUED)

    by_recipient = {tuple(rcpt): message for rcpt, message in sink.received}
    assert set(by_recipient) == {
        ("claire@demo.facturo.test",),
        (CUSTOMER_EMAIL,),
    }
    to_author = by_recipient[("claire@demo.facturo.test",)]
    to_customer = by_recipient[(CUSTOMER_EMAIL,)]
    for message in (to_author, to_customer):
        body = message.get_content()
        assert "SAL-2026-000042" in message["Subject"]
        assert "1\u202f210,54 EUR" in body
        assert "EUR 1,210.54" in body
        assert "02/01/2027" in body and "2027-01-02" in body
        assert message["From"] == "Facturo <facturo@demo.facturo.test>"
        assert message["Date"] is not None
        assert message.get_content_type() == "text/plain"
    assert to_author["To"] == "Claire <claire@demo.facturo.test>"
    assert to_author["Message-ID"].strip() == message_id(
        headers[H_ID], "sub-claire", "demo.facturo.test"
    )
    assert to_customer["Message-ID"] != to_author["Message-ID"]
    assert f"https://portal.demo.facturo.test/invoices/{INVOICE_ID}" in (
        to_author.get_content()
    )


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


async def test_deliveries_are_recorded_and_published_without_addresses(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    rows = await deliveries(runtime)
    events = await outbox(runtime)

    assert sorted((r.channel, r.recipient_kind, r.recipient_id) for r in rows) == [
        ("email", "customer_contact", "cust-1"),
        ("email", "user", "sub-claire"),
        ("in_app", "user", "sub-claire"),
    ]
    assert {r.status for r in rows} == {"sent"}
    assert {t for t, _ in events} == {NotificationDelivered.TYPE}
    assert {body["delivery_id"] for _, body in events} == {r.id for r in rows}
    assert all(body["invoice_id"] == INVOICE_ID for _, body in events)
    assert not any("@" in json.dumps(body) for _, body in events)


async def test_replayed_event_sends_nothing_more(
    app: FastAPI, client: httpx.AsyncClient, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    headers = await deliver(runtime, ISSUED)

    await deliver(runtime, ISSUED, headers)
    # Even without the consumer's inbox row, the delivery rows stop a resend.
    async with runtime.sessions() as session, session.begin():
        await session.execute(delete(runtime.tables.inbox))
    await deliver(runtime, ISSUED, headers)

    assert len(sink.received) == 2
    assert len(await deliveries(runtime)) == 3
    assert (await inbox(client, "claire"))["total"] == 1


async def test_customer_without_email_gets_no_mail(
    app: FastAPI, sink: MailSink
) -> None:
    event = ISSUED.model_copy(update={"customer_id": "cust-2"})

    await deliver(app.state.runtime, event)

    assert [rcpt for rcpt, _ in sink.received] == [["claire@demo.facturo.test"]]


async def test_approval_request_reaches_approvers_but_not_the_author(
    app: FastAPI, client: httpx.AsyncClient, sink: MailSink
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
    assert sink.received == []


async def test_returned_invoice_tells_the_author_why(
    app: FastAPI,
    client: httpx.AsyncClient,
    sink: MailSink,
) -> None:
    returned = invoicing_returned("Le SIRET du client est faux")

    await deliver(app.state.runtime, returned)

    claire = await inbox(client, "claire")
    assert claire["items"][0]["kind"] == "invoice_returned_to_draft"
    assert "Le SIRET du client est faux" in claire["items"][0]["body"]
    [(rcpt, message)] = sink.received
    assert rcpt == ["claire@demo.facturo.test"]
    assert "Le SIRET du client est faux" in message.get_content()


def invoicing_returned(reason: str) -> invoicing.InvoiceReturnedToDraft:
    return invoicing.InvoiceReturnedToDraft(
        invoice_id=INVOICE_ID,
        department="SAL",
        approval_request_id="req-1",
        author_id="sub-claire",
        reason=reason,
    )


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


@pytest.mark.parametrize("consumer_retries", [1])
async def test_unavailable_mail_server_dead_letters_and_records_nothing_sent(
    app: FastAPI, client: httpx.AsyncClient, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    sink.refuse_data = "451 4.3.0 Try again later"
    dead = DeadLetters()

    await deliver(runtime, ISSUED, broker=dead)

    assert sink.attempts == 2  # the first try and one retry
    [record] = dead.records
    assert record["topic"] == topics.dead_letter(topics.INVOICES)
    assert "451" in record["headers"][H_DLQ_ERROR]
    assert CUSTOMER_EMAIL not in record["headers"][H_DLQ_ERROR]
    assert [d for d in await deliveries(runtime) if d.status == "sent"] == []
    assert (await inbox(client, "claire"))["total"] == 0


async def test_refused_recipient_is_recorded_as_failed(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    sink.refuse_rcpt[CUSTOMER_EMAIL] = "550 5.1.1 No such mailbox"
    dead = DeadLetters()

    await deliver(runtime, ISSUED, broker=dead)

    status = {(d.channel, d.recipient_id): d.status for d in await deliveries(runtime)}
    failed = [b for t, b in await outbox(runtime) if t == NotificationFailed.TYPE]
    assert dead.records == []
    assert status[("email", "cust-1")] == "failed"
    assert status[("email", "sub-claire")] == "sent"
    assert [f["recipient_id"] for f in failed] == ["cust-1"]
    assert "550" in failed[0]["error"]
    assert CUSTOMER_EMAIL not in failed[0]["error"]
