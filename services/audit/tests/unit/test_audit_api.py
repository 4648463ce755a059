"""The audit service end to end on SQLite and the in-memory broker."""

import asyncio
import itertools
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import pytest
from fastapi import FastAPI
from faststream.kafka import KafkaMessage
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from facturo_audit.adapters.orm import AuditEntry
from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth, running_app
from facturo_contracts import approvals, invoicing, notifications, topics
from facturo_contracts.envelope import H_DLQ_ERROR, Event

INVOICE = "6d0f8a52-1111-4c1e-9d55-000000000001"
OTHER_INVOICE = "6d0f8a52-2222-4c1e-9d55-000000000002"
REQUEST = "a1b2c3d4-0000-4000-8000-00000000000a"
TOTALS = invoicing.Totals(
    net=Decimal("100.00"), vat=Decimal("20.00"), gross=Decimal("120.00")
)


class MemberAdded(Event):
    """A directory event type the audit service has never heard of."""

    TYPE: ClassVar[str] = "identity.directory.member-added.v1"
    TOPIC: ClassVar[str] = topics.DIRECTORY

    member_id: str
    department: str

    def subject(self) -> str:
        return self.member_id


def created(invoice_id: str = INVOICE) -> invoicing.InvoiceCreated:
    return invoicing.InvoiceCreated(
        invoice_id=invoice_id,
        department="SAL",
        customer_id="cust-1",
        author_id="sub-claire",
        currency="EUR",
        totals=TOTALS,
    )


def story() -> list[Event]:
    """One invoice's path through the services, with another invoice beside."""
    return [
        created(),
        created(OTHER_INVOICE),
        invoicing.InvoiceSubmitted(
            invoice_id=INVOICE,
            department="SAL",
            customer_id="cust-1",
            author_id="sub-claire",
            currency="EUR",
            totals=TOTALS,
        ),
        approvals.ApprovalRequested(
            request_id=REQUEST,
            invoice_id=INVOICE,
            department="SAL",
            author_id="sub-claire",
            steps=1,
        ),
        MemberAdded(member_id="sub-tom", department="SRV"),
        notifications.NotificationDelivered(
            delivery_id="dlv-1",
            channel="in_app",
            recipient_kind="user",
            recipient_id="sub-claire",
            invoice_id=INVOICE,
            department="SAL",
            reason="invoice submitted",
        ),
    ]


async def deliver(
    runtime: Runtime, event: Event, actor: str | None = "sub-claire"
) -> tuple[bytes, dict[str, str]]:
    headers = build_headers(event, source="/facturo/test", actor=actor)
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(runtime.broker, event.TOPIC, body, headers)
    return body, headers


async def deliver_story(app: FastAPI) -> None:
    for event in story():
        await deliver(app.state.runtime, event)


async def undecoded(message: KafkaMessage) -> bytes:
    """Dead letters may hold anything: hand the test their raw bytes."""
    return message.body


async def entries(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(
        "/api/v1/audit/entries", params=params, headers=auth("alex")
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def verify(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/api/v1/audit/verify", headers=auth("alex"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_an_invoice_story_is_found_by_its_id_in_order(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_story(app)

    page = await entries(client, subject=INVOICE)

    assert page["total"] == 4
    assert [item["event_type"] for item in page["items"]] == [
        "invoicing.invoice.created.v1",
        "invoicing.invoice.submitted.v1",
        "approvals.request.requested.v1",
        "notifications.delivery.delivered.v1",
    ]
    assert [item["seq"] for item in page["items"]] == [1, 3, 4, 6]
    approval = page["items"][2]
    assert approval["subject"] == REQUEST
    assert approval["invoice_id"] == INVOICE
    assert approval["topic"] == topics.APPROVAL_REQUESTS
    assert approval["payload"]["steps"] == 1
    assert approval["actor"] == "sub-claire"
    assert approval["department"] == "SAL"


async def test_every_event_is_chained_and_verifies(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_story(app)

    page = await entries(client)
    report = await verify(client)

    items = page["items"]
    assert [item["seq"] for item in items] == [1, 2, 3, 4, 5, 6]
    assert items[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(items))
    assert items[4]["event_type"] == MemberAdded.TYPE
    assert items[4]["invoice_id"] is None
    assert report == {
        "ok": True,
        "entries": 6,
        "first_broken_seq": None,
        "reason": None,
    }


async def test_one_entry_shows_every_stored_field(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    _, headers = await deliver(app.state.runtime, created())

    response = await client.get("/api/v1/audit/entries/1", headers=auth("alex"))
    missing = await client.get("/api/v1/audit/entries/99", headers=auth("alex"))

    entry = response.json()
    assert response.status_code == 200
    assert set(entry) == {
        "seq",
        "event_id",
        "topic",
        "event_type",
        "subject",
        "invoice_id",
        "department",
        "actor",
        "occurred_at",
        "recorded_at",
        "payload",
        "prev_hash",
        "hash",
    }
    assert entry["event_id"] == headers["ce_id"]
    assert entry["subject"] == INVOICE
    assert entry["payload"]["totals"] == {
        "net": "100.00",
        "vat": "20.00",
        "gross": "120.00",
    }
    assert entry["occurred_at"].endswith("Z") or "+00:00" in entry["occurred_at"]
    assert len(entry["hash"]) == 64
    assert missing.status_code == 404


async def test_filters_and_pages(app: FastAPI, client: httpx.AsyncClient) -> None:
    await deliver_story(app)

    by_type = await entries(client, event_type="invoicing.invoice.created.v1")
    by_department = await entries(client, department="SRV")
    second_page = await entries(client, limit=2, offset=2)

    assert [i["subject"] for i in by_type["items"]] == [INVOICE, OTHER_INVOICE]
    assert [i["event_type"] for i in by_department["items"]] == [MemberAdded.TYPE]
    assert [i["seq"] for i in second_page["items"]] == [3, 4]
    assert (second_page["total"], second_page["limit"]) == (6, 2)


async def test_a_redelivered_event_adds_nothing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    body, headers = await deliver(runtime, created())

    await runtime.consumers[0].process(runtime.broker, topics.INVOICES, body, headers)

    assert (await entries(client))["total"] == 1
    assert (await verify(client))["entries"] == 1


async def test_concurrent_appends_never_fork_the_chain(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime

    await asyncio.gather(*(deliver(runtime, created(f"inv-{n}")) for n in range(8)))

    page = await entries(client)
    assert [item["seq"] for item in page["items"]] == list(range(1, 9))
    assert (await verify(client))["ok"] is True


@pytest.mark.parametrize(
    ("body", "drop_headers", "error"),
    [
        (b"{not json", False, "body is not JSON"),
        (b'{"invoice_id": "x"}', True, "missing or invalid CloudEvents header"),
    ],
)
async def test_a_bad_record_goes_to_the_dead_letters_without_an_entry(
    app: FastAPI, body: bytes, drop_headers: bool, error: str
) -> None:
    runtime: Runtime = app.state.runtime
    dead: list[tuple[bytes, dict[str, Any]]] = []

    @runtime.broker.subscriber(topics.dead_letter(topics.INVOICES), decoder=undecoded)
    async def collect(raw: bytes, message: KafkaMessage) -> None:
        dead.append((raw, dict(message.headers)))

    headers = build_headers(created(), source="/facturo/test", actor=None)
    if drop_headers:
        headers = {"content-type": "application/json"}
    async with running_app(app) as client:
        await runtime.consumers[0].process(
            runtime.broker, topics.INVOICES, body, headers
        )

        assert (await entries(client))["total"] == 0
        assert (await verify(client))["entries"] == 0
    assert [raw for raw, _ in dead] == [body]
    assert error in dead[0][1][H_DLQ_ERROR]


@pytest.mark.parametrize("user", ["fanny", "ada", "claire", "marc", "svc"])
@pytest.mark.parametrize(
    "path", ["/api/v1/audit/entries", "/api/v1/audit/entries/1", "/api/v1/audit/verify"]
)
async def test_only_auditors_read_the_log(
    app: FastAPI, client: httpx.AsyncClient, user: str, path: str
) -> None:
    await deliver(app.state.runtime, created())

    refused = await client.get(path, headers=auth(user))
    allowed = await client.get(path, headers=auth("alex"))
    anonymous = await client.get(path)

    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert allowed.status_code == 200
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEntry).where(AuditEntry.seq == 2).values(actor="someone"),
        delete(AuditEntry).where(AuditEntry.seq == 2),
    ],
    ids=["update", "delete"],
)
async def test_the_database_refuses_to_change_an_entry(
    app: FastAPI, client: httpx.AsyncClient, statement: Executable
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver_story(app)

    with pytest.raises(DBAPIError, match="append-only"):
        async with runtime.sessions() as session, session.begin():
            await session.execute(statement)
    report = await verify(client)

    assert report["ok"] is True
    assert report["entries"] == 6


async def drop_append_only_triggers(session: AsyncSession) -> None:
    """What only the database owner can do, and the chain still detects."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(
            text("DROP TRIGGER audit_entries_append_only ON audit_entries")
        )
        return
    for verb in ("update", "delete"):
        await session.execute(text(f"DROP TRIGGER audit_entries_no_{verb}"))


async def test_a_row_changed_in_the_database_fails_verification(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver_story(app)

    async with runtime.sessions() as session, session.begin():
        await drop_append_only_triggers(session)
        await session.execute(
            update(AuditEntry)
            .where(AuditEntry.seq == 4)
            .values(payload={"invoice_id": INVOICE, "steps": 0})
        )
    report = await verify(client)

    assert report["ok"] is False
    assert report["first_broken_seq"] == 4
    assert report["entries"] == 6
    assert "hash" in report["reason"]
