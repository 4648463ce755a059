"""Deliver invoice and identity events to the approvals consumer; read what
it published."""

import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_contracts import identity, invoicing, topics
from facturo_contracts.envelope import H_TYPE


def submitted(
    gross: str = "1200.00",
    department: str = "SAL",
    author_id: str = "sub-claire",
    invoice_id: str | None = None,
) -> invoicing.InvoiceSubmitted:
    amount = Decimal(gross)
    return invoicing.InvoiceSubmitted(
        invoice_id=invoice_id or str(uuid.uuid4()),
        department=department,
        customer_id=str(uuid.uuid4()),
        author_id=author_id,
        currency="EUR",
        totals=invoicing.Totals(net=amount, vat=Decimal("0"), gross=amount),
    )


def credit_note_submitted(
    invoice_id: str,
    gross: str = "40.00",
    author_id: str = "sub-claire",
    department: str = "SAL",
) -> invoicing.CreditNoteSubmitted:
    return invoicing.CreditNoteSubmitted(
        invoice_id=invoice_id,
        department=department,
        credit_note_id=str(uuid.uuid4()),
        author_id=author_id,
        currency="EUR",
        gross=Decimal(gross),
        invoice_number=f"{department}-2026-000001",
    )


async def deliver(
    app: FastAPI,
    event: invoicing.InvoiceSubmitted | invoicing.CreditNoteSubmitted,
    event_id: str | None = None,
) -> str:
    """Hand the event to the consumer as Kafka would; returns its ce_id."""
    runtime: Runtime = app.state.runtime
    headers = build_headers(
        event, source="/facturo/invoicing", actor=event.author_id, event_id=event_id
    )
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(runtime.broker, topics.INVOICES, body, headers)
    return headers["ce_id"]


async def outbox(app: FastAPI, event_type: str) -> list[dict[str, Any]]:
    """Bodies of the events of this type written to the outbox, in order."""
    runtime: Runtime = app.state.runtime
    table = runtime.tables.outbox
    async with runtime.sessions() as session:
        rows = (await session.execute(select(table).order_by(table.c.seq))).all()
    return [json.loads(row.body) for row in rows if row.headers[H_TYPE] == event_type]


def delegation(
    starts_on: date,
    ends_on: date,
    delegator_id: str = "sub-marc",
    delegate_id: str = "sub-claire",
    department: str = "SAL",
    delegation_id: str | None = None,
) -> identity.DelegationGranted:
    return identity.DelegationGranted(
        id=delegation_id or str(uuid.uuid4()),
        delegator_id=delegator_id,
        delegate_id=delegate_id,
        department=department,
        starts_on=starts_on,
        ends_on=ends_on,
    )


async def deliver_directory(app: FastAPI, event: identity.DelegationEvent) -> None:
    """Hand an identity event to the consumer as Kafka would."""
    runtime: Runtime = app.state.runtime
    headers = build_headers(event, source="/facturo/identity", actor=event.delegator_id)
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(runtime.broker, topics.DIRECTORY, body, headers)
