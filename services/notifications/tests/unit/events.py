"""Deliver events to the notifications consumer, run the mail sender, and
read what they recorded and published."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import invoicing
from facturo_contracts.envelope import H_TYPE, Event
from facturo_notifications.adapters.orm import Delivery
from facturo_notifications.entrypoints.mail_sender import MailSender

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


def returned(reason: str) -> invoicing.InvoiceReturnedToDraft:
    return invoicing.InvoiceReturnedToDraft(
        invoice_id=INVOICE_ID,
        department="SAL",
        approval_request_id="req-1",
        author_id="sub-claire",
        reason=reason,
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


async def send_queued(app: FastAPI, now: datetime | None = None) -> int:
    """One pass of the mail sender, as of `now`; how many mails were due."""
    sender: MailSender = app.state.mail_sender
    return await sender.send_due(now)


async def deliveries(runtime: Runtime, channel: str | None = None) -> list[Delivery]:
    query = select(Delivery).order_by(Delivery.recipient_id)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    async with runtime.sessions() as session:
        return list(await session.scalars(query))


async def outbox(runtime: Runtime) -> list[tuple[str, dict[str, Any]]]:
    table = runtime.tables.outbox
    async with runtime.sessions() as session:
        rows = (await session.execute(select(table).order_by(table.c.seq))).all()
    return [(row.headers[H_TYPE], json.loads(row.body)) for row in rows]


async def inbox(client: httpx.AsyncClient, user: str, query: str = "") -> Any:
    response = await client.get(f"/api/v1/notifications{query}", headers=auth(user))
    assert response.status_code == 200, response.text
    return response.json()
