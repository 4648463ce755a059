"""Issuing takes gapless numbers: under 50 concurrent issuers, after a failed
issue, and never with an issue date before the series' last one."""

import asyncio
import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals
from facturo_invoicing.adapters.numbering import (
    IssueDateBeforeSeries,
    take_next_number,
)
from facturo_invoicing.service_layer import issuing
from facturo_invoicing.service_layer.issuing import approve_and_issue
from facturo_invoicing.settings import InvoicingSettings

from .test_invoice_api import LINES, new_customer, submit

CLIENTS = 50


async def submitted_invoices(client: httpx.AsyncClient, count: int) -> list[str]:
    customer_id = await new_customer(client)
    body = {"department": "SAL", "customer_id": customer_id, "lines": LINES}
    ids = []
    for _ in range(count):
        draft = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
        assert (await submit(client, draft.json())).status_code == 200
        ids.append(draft.json()["id"])
    return ids


def granted(invoice_id: str) -> approvals.ApprovalGranted:
    return approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=invoice_id,
        department="SAL",
        decided_by="sub-marc",
    )


async def issue(
    runtime: Runtime,
    settings: InvoicingSettings,
    invoice_id: str,
    today: date | None = None,
) -> str | None:
    """What the consumer does with approval.granted, in its own transaction."""
    async with runtime.unit_of_work("sub-marc") as uow:
        invoice = await approve_and_issue(granted(invoice_id), uow, settings, today)
        return invoice.number


def own_connections(runtime: Runtime, url: str) -> None:
    """On PostgreSQL, give every unit of work a connection of its own."""
    if url.startswith("postgresql"):
        engine = create_async_engine(url, poolclass=NullPool)
        runtime.sessions = async_sessionmaker(engine, expire_on_commit=False)


async def read(client: httpx.AsyncClient, invoice_id: str) -> dict:
    response = await client.get(f"/api/v1/invoices/{invoice_id}", headers=auth("fanny"))
    return dict(response.json())


async def test_fifty_concurrent_issuers_get_numbers_one_to_fifty(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
    settings: InvoicingSettings,
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    ids = await submitted_invoices(client, CLIENTS)
    own_connections(runtime, settings.database_url)

    numbers = await asyncio.gather(*(issue(runtime, settings, i) for i in ids))

    year = datetime.now(UTC).year
    expected = [f"SAL-{year}-{n:06d}" for n in range(1, CLIENTS + 1)]
    assert sorted(n for n in numbers if n) == expected
    invoices = sorted([await read(client, i) for i in ids], key=lambda i: i["number"])
    assert [i["number"] for i in invoices] == expected
    assert all(i["status"] == "issued" for i in invoices)
    dates = [i["issue_date"] for i in invoices]
    assert dates == sorted(dates)


async def test_a_failed_issue_gives_its_number_back(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
    settings: InvoicingSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    first, second = await submitted_invoices(client, 2)

    def broken_renderer(*args: object) -> bytes:
        raise RuntimeError("the PDF renderer crashed")

    with monkeypatch.context() as patch:
        patch.setattr(issuing, "render_invoice_pdf", broken_renderer)
        with pytest.raises(RuntimeError, match="renderer crashed"):
            await issue(runtime, settings, first)

    after_failure = await read(client, first)
    second_number = await issue(runtime, settings, second)
    first_number = await issue(runtime, settings, first)

    year = datetime.now(UTC).year
    assert after_failure["status"] == "submitted"
    assert after_failure["number"] is None
    assert second_number == f"SAL-{year}-000001"
    assert first_number == f"SAL-{year}-000002"


async def test_issue_dates_never_go_backwards_in_a_series(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
    settings: InvoicingSettings,
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    later, earlier = await submitted_invoices(client, 2)
    await issue(runtime, settings, later, today=date(2026, 6, 2))

    with pytest.raises(IssueDateBeforeSeries):
        await issue(runtime, settings, earlier, today=date(2026, 6, 1))

    refused = await read(client, earlier)
    assert (refused["status"], refused["number"]) == ("submitted", None)
    assert await issue(runtime, settings, earlier, today=date(2026, 6, 2)) == (
        "SAL-2026-000002"
    )


async def test_series_are_kept_per_legal_entity_department_and_year(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, _ = app_and_client
    runtime: Runtime = app.state.runtime
    day = date(2027, 1, 4)
    keys = [
        ("812345676", "SAL", day),
        ("812345676", "SAL", day),
        ("732829320", "SAL", day),
        ("812345676", "SRV", day),
        ("812345676", "SAL", date(2028, 1, 3)),
    ]

    async with runtime.unit_of_work(None) as uow:
        numbers = [await take_next_number(uow.session, *key) for key in keys]

    assert numbers == [
        "SAL-2027-000001",
        "SAL-2027-000002",
        "SAL-2027-000001",
        "SRV-2027-000001",
        "SAL-2028-000001",
    ]
