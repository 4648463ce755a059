"""Approvals: the app, requests opened through its consumer, and each route."""

import uuid
from decimal import Decimal

from fastapi import FastAPI

from facturo_approvals.bootstrap import create_app
from facturo_approvals.settings import ApprovalsSettings
from facturo_chassis.testing import DEMO_PRINCIPALS, auth
from facturo_contracts import invoicing, topics

from .harness import Call, Probe, Route, World, deliver, ok

AUTHORS = {"SAL": "sub-claire", "SRV": "sub-tom"}
APPROVERS = {"SAL": "marc", "SRV": "sophie"}
BIG = "12000.00"  # above the finance threshold: approver, then finance


def build(database_url: str) -> FastAPI:
    return create_app(ApprovalsSettings(database_url=database_url))


async def open_request(world: World, department: str, gross: str = "500.00") -> str:
    amount = Decimal(gross)
    event = invoicing.InvoiceSubmitted(
        invoice_id=str(uuid.uuid4()),
        department=department,
        customer_id=str(uuid.uuid4()),
        author_id=AUTHORS[department],
        currency="EUR",
        totals=invoicing.Totals(net=amount, vat=Decimal("0"), gross=amount),
    )
    await deliver(world, topics.INVOICES, event, actor=event.author_id)
    listing = ok(
        await world.client.get(
            "/api/v1/approvals",
            params={"department": department, "limit": "500"},
            headers=auth("alex"),
        )
    )
    [request] = [r for r in listing["items"] if r["invoice_id"] == event.invoice_id]
    return str(request["id"])


async def request_of(world: World, department: str) -> str:
    key = f"request-{department}"
    if key not in world.kept:
        world.kept[key] = await open_request(world, department)
    return str(world.kept[key])


async def decidable_by(world: World, department: str, user: str) -> str:
    """A fresh request waiting on a step `user`'s role decides."""
    if "finance" not in {r.value for r in DEMO_PRINCIPALS[user].roles}:
        return await open_request(world, department)
    request_id = await open_request(world, department, BIG)
    ok(
        await world.client.post(
            f"/api/v1/approvals/{request_id}/approve",
            headers=auth(APPROVERS[department]),
        )
    )
    return request_id


async def list_approvals(world: World, department: str, user: str) -> Call:
    listed = await request_of(world, department)
    return Call(listed=listed, params={"department": department})


async def get_approval(world: World, department: str, user: str) -> Call:
    return Call(ids={"request_id": await request_of(world, department)})


async def approve(world: World, department: str, user: str) -> Call:
    request_id = await decidable_by(world, department, user)
    return Call(ids={"request_id": request_id}, json={"comment": "ok"})


async def reject(world: World, department: str, user: str) -> Call:
    request_id = await decidable_by(world, department, user)
    return Call(ids={"request_id": request_id}, json={"reason": "wrong rate"})


async def collect(world: World, department: str, user: str) -> Call:
    """Identity asks for what is held about the request's author."""
    await request_of(world, department)
    return Call(json={"user_id": AUTHORS[department]})


PROBES: dict[Route, Probe] = {
    ("POST", "/api/v1/privacy/exports"): collect,
    ("GET", "/api/v1/approvals"): list_approvals,
    ("GET", "/api/v1/approvals/{request_id}"): get_approval,
    ("POST", "/api/v1/approvals/{request_id}/approve"): approve,
    ("POST", "/api/v1/approvals/{request_id}/reject"): reject,
}
