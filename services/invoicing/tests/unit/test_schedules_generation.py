"""Drafts made by the scheduler: once per occurrence, across restarts and
across instances running at the same time."""

import asyncio
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from faststream.kafka import TestKafkaBroker
from sqlalchemy import select, update

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import DEMO_PRINCIPALS, StaticVerifier, auth, running_app
from facturo_invoicing.adapters.orm import RecurringSchedule, ScheduleRun
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.entrypoints.scheduler import RecurringScheduler
from facturo_invoicing.settings import InvoicingSettings

from .flows import if_match, new_customer, outbox, read_invoice
from .schedule_flows import act, new_schedule, read_schedule

AppClient = tuple[FastAPI, httpx.AsyncClient]
# Occurrences on the 1st from November: three are due on January 20th.
JAN_20 = date(2027, 1, 20)
DUE_ON_JAN_20 = (date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1))


def scheduler(app: FastAPI) -> RecurringScheduler:
    found: RecurringScheduler = app.state.scheduler
    return found


async def runs(app: FastAPI) -> list[tuple[str, date, str]]:
    runtime: Runtime = app.state.runtime
    async with runtime.sessions() as session:
        rows = await session.scalars(
            select(ScheduleRun).order_by(
                ScheduleRun.schedule_id, ScheduleRun.occurrence
            )
        )
        return [(r.schedule_id, r.occurrence, r.invoice_id) for r in rows]


async def drafts(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    response = await client.get(
        "/api/v1/invoices", params={"limit": 500}, headers=auth("fanny")
    )
    return list(response.json()["items"])


async def test_each_due_occurrence_makes_one_draft(app_and_client: AppClient) -> None:
    app, client = app_and_client
    schedule = await new_schedule(client)

    made = await scheduler(app).run_once(JAN_20)

    assert made == 3
    done = await runs(app)
    assert [(s, day) for s, day, _ in done] == [
        (schedule["id"], day) for day in DUE_ON_JAN_20
    ]
    invoices = [await read_invoice(client, invoice_id) for _, _, invoice_id in done]
    assert [i["notes"][0] for i in invoices] == [
        "Period: 2026-11-01 to 2026-11-30",
        "Period: 2026-12-01 to 2026-12-31",
        "Period: 2027-01-01 to 2027-01-31",
    ]
    assert [
        (i["invoicing_period_start"], i["invoicing_period_end"]) for i in invoices
    ] == [
        ("2026-11-01", "2026-11-30"),
        ("2026-12-01", "2026-12-31"),
        ("2027-01-01", "2027-01-31"),
    ]
    for invoice in invoices:
        assert (invoice["status"], invoice["department"]) == ("draft", "SAL")
        assert invoice["customer_id"] == schedule["customer_id"]
        assert (invoice["author_id"], invoice["author_username"]) == (
            "sub-claire",
            "claire",
        )
        assert invoice["notes"][1:] == ["Merci de votre confiance"]
        assert invoice["purchase_order_reference"] == "PO-2026-17"
        assert [(x["description"], x["net"]) for x in invoice["lines"]] == [
            ("Abonnement", "100.00"),
            ("Livre", "9.00"),
        ]
        totals = invoice["totals"]
        assert (totals["net"], totals["vat"], totals["gross"]) == (
            "109.00",
            "20.50",
            "129.50",
        )
    created = await outbox(app, "invoicing.invoice.created.v1")
    assert sorted(e["invoice_id"] for e in created) == sorted(i["id"] for i in invoices)
    after = await read_schedule(client, schedule["id"])
    assert (after["next_occurrence"], after["version"]) == ("2027-02-01", 4)


async def test_nothing_more_after_a_restart(
    app_and_client: AppClient, settings: InvoicingSettings
) -> None:
    app, client = app_and_client
    await new_schedule(client)
    assert await scheduler(app).run_once(JAN_20) == 3

    again = await scheduler(app).run_once(JAN_20)
    restarted = create_app(settings)  # a new process: its own engine
    try:
        after_restart = await scheduler(restarted).run_once(JAN_20)
    finally:
        await restarted.state.runtime.engine.dispose()

    assert (again, after_restart) == (0, 0)
    assert len(await runs(app)) == len(await drafts(client)) == 3
    assert await scheduler(app).run_once(date(2027, 2, 1)) == 1


async def test_a_counted_schedule_ends_with_its_last_draft(
    app_and_client: AppClient,
) -> None:
    app, client = app_and_client
    schedule = await new_schedule(client, frequency="quarterly", count=2)

    made = await scheduler(app).run_once(date(2030, 1, 1))

    assert made == 2
    after = await read_schedule(client, schedule["id"])
    assert (after["status"], after["next_occurrence"]) == ("ended", None)
    assert [day for _, day, _ in await runs(app)] == [
        date(2026, 11, 1),
        date(2027, 2, 1),
    ]


async def test_catch_up_is_bounded_per_pass(database_url: str) -> None:
    settings = InvoicingSettings(database_url=database_url, scheduler_batch_size=2)
    app = create_app(settings)

    async with running_app(app) as client:
        await new_schedule(client, end_date="2027-03-31")

        passes = [await scheduler(app).run_once(date(2027, 6, 1)) for _ in range(4)]

        assert passes == [2, 2, 1, 0]
        assert len(await drafts(client)) == 5


async def test_paused_schedules_make_nothing(app_and_client: AppClient) -> None:
    app, client = app_and_client
    schedule = await new_schedule(client)
    assert (await act(client, schedule, "pause")).status_code == 200

    assert await scheduler(app).run_once(JAN_20) == 0
    assert await runs(app) == []


async def test_a_schedule_that_no_longer_validates_records_why(
    app_and_client: AppClient,
) -> None:
    app, client = app_and_client
    shared = await new_customer(client, departments=["SAL", "SRV"])
    broken = await new_schedule(client, customer_id=shared)
    healthy = await new_schedule(client)
    customer_url = f"/api/v1/customers/{shared}"
    customer = (await client.get(customer_url, headers=auth("fanny"))).json()
    unshared = await client.patch(
        customer_url,
        json={"departments": ["SRV"]},
        headers=auth("fanny") | if_match(customer),
    )
    assert unshared.status_code == 200, unshared.text

    made = await scheduler(app).run_once(JAN_20)

    assert made == 3
    assert {s for s, _, _ in await runs(app)} == {healthy["id"]}
    failed = await read_schedule(client, broken["id"])
    assert failed["last_error"] == "no such customer in this department"
    assert (failed["status"], failed["next_occurrence"]) == ("active", "2026-11-01")
    assert await scheduler(app).run_once(JAN_20) == 0
    assert (await read_schedule(client, broken["id"]))["version"] == failed["version"]

    reshared = await client.patch(
        customer_url,
        json={"departments": ["SAL", "SRV"]},
        headers=auth("fanny") | if_match(unshared.json()),
    )
    assert reshared.status_code == 200, reshared.text
    assert await scheduler(app).run_once(JAN_20) == 3
    assert (await read_schedule(client, broken["id"]))["last_error"] is None


async def test_instances_running_together_make_each_draft_once(
    app_and_client: AppClient, settings: InvoicingSettings
) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client)
    schedules = [await new_schedule(client, customer_id) for _ in range(10)]
    instances = [create_app(settings) for _ in range(4)]  # four engines

    async def drain(instance: FastAPI) -> int:
        made = 0
        while passed := await scheduler(instance).run_once(JAN_20):
            made += passed
        return made

    try:
        made = await asyncio.gather(*(drain(i) for i in instances))
    finally:
        for instance in instances:
            await instance.state.runtime.engine.dispose()

    done = await runs(app)
    assert sum(made) == 30
    assert len(done) == 30
    expected = {(s["id"], day) for s in schedules for day in DUE_ON_JAN_20}
    assert Counter((s, day) for s, day, _ in done) == dict.fromkeys(expected, 1)
    assert len({invoice_id for _, _, invoice_id in done}) == 30
    assert len(await drafts(client)) == 30
    assert len(await outbox(app, "invoicing.invoice.created.v1")) == 30
    for schedule in schedules:
        after = await read_schedule(client, schedule["id"])
        assert (after["next_occurrence"], after["version"]) == ("2027-02-01", 4)


async def test_the_run_key_refuses_a_second_draft_of_one_occurrence(
    app_and_client: AppClient,
) -> None:
    """An instance acting on a stale schedule (here: its next occurrence put
    back by hand) rolls its draft back on the unique (schedule, occurrence)."""
    app, client = app_and_client
    schedule = await new_schedule(client)
    assert await scheduler(app).run_once(JAN_20) == 3
    runtime: Runtime = app.state.runtime
    async with runtime.sessions() as session, session.begin():
        await session.execute(
            update(RecurringSchedule)
            .where(RecurringSchedule.id == schedule["id"])
            .values(next_index=1, next_occurrence=date(2026, 12, 1))
        )

    made = await scheduler(app).run_once(JAN_20)

    assert made == 0
    assert len(await runs(app)) == len(await drafts(client)) == 3
    assert len(await outbox(app, "invoicing.invoice.created.v1")) == 3
    after = await read_schedule(client, schedule["id"])
    assert after["last_error"] == "internal error (IntegrityError); see the service log"


async def test_the_running_service_makes_due_drafts_on_its_own(
    database_url: str,
) -> None:
    """The app's lifespan runs the scheduler every interval."""
    settings = InvoicingSettings(
        database_url=database_url, scheduler_interval_seconds=0.05
    )
    app = create_app(settings)
    app.state.verifier = StaticVerifier(DEMO_PRINCIPALS)
    runtime: Runtime = app.state.runtime
    transport = httpx.ASGITransport(app=app)
    async with (
        TestKafkaBroker(runtime.broker),
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        start = datetime.now(UTC).date().isoformat()
        schedule = await new_schedule(client, start_date=start)
        for _ in range(200):
            if await runs(app):
                break
            await asyncio.sleep(0.05)

        assert [(s, day.isoformat()) for s, day, _ in await runs(app)] == [
            (schedule["id"], start)
        ]
