"""Audit: the app, entries recorded through its consumer, and each route."""

import uuid
from decimal import Decimal

from fastapi import FastAPI

from facturo_audit.bootstrap import create_app
from facturo_audit.settings import AuditSettings
from facturo_chassis.testing import auth
from facturo_contracts import invoicing, topics

from .harness import Call, Probe, Route, World, deliver, ok

TOTALS = invoicing.Totals(net=Decimal("1"), vat=Decimal("0"), gross=Decimal("1"))


def build(database_url: str) -> FastAPI:
    return create_app(AuditSettings(database_url=database_url))


async def entry_of(world: World, department: str) -> str:
    """The seq of one entry about an invoice of `department`; made once."""
    key = f"entry-{department}"
    if key in world.kept:
        return str(world.kept[key])
    event = invoicing.InvoiceCreated(
        invoice_id=str(uuid.uuid4()),
        department=department,
        customer_id=str(uuid.uuid4()),
        author_id="sub-claire",
        currency="EUR",
        totals=TOTALS,
    )
    await deliver(world, topics.INVOICES, event)
    page = ok(
        await world.client.get(
            "/api/v1/audit/entries",
            params={"subject": event.invoice_id},
            headers=auth("alex"),
        )
    )
    world.kept[key] = str(page["items"][0]["seq"])
    return str(world.kept[key])


async def list_entries(world: World, department: str, user: str) -> Call:
    return Call(listed=await entry_of(world, department))


async def get_entry(world: World, department: str, user: str) -> Call:
    return Call(ids={"seq": await entry_of(world, department)})


async def verify(world: World, department: str, user: str) -> Call:
    await entry_of(world, department)
    return Call()


async def collect(world: World, department: str, user: str) -> Call:
    """Identity asks for what the log holds about the entry's author."""
    await entry_of(world, department)
    return Call(json={"user_id": "sub-claire"})


PROBES: dict[Route, Probe] = {
    ("GET", "/api/v1/audit/entries"): list_entries,
    ("GET", "/api/v1/audit/entries/{seq}"): get_entry,
    ("GET", "/api/v1/audit/verify"): verify,
    ("POST", "/api/v1/privacy/exports"): collect,
}
