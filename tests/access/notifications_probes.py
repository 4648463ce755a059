"""Notifications: the app on fakes, in-app notes through its consumer."""

import uuid

from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_contracts import approvals, topics
from facturo_notifications.bootstrap import create_app
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.settings import NotificationsSettings

from .fakes import NoCustomers, PeopleDirectory, SentMail
from .harness import Call, Probe, Route, World, deliver, ok

PORTAL = "https://portal.demo.facturo.test"
AUTHORS = {"SAL": "sub-claire", "SRV": "sub-tom"}
APPROVERS = {"SAL": "marc", "SRV": "sophie"}


def build(database_url: str) -> FastAPI:
    settings = NotificationsSettings(database_url=database_url, portal_url=PORTAL)
    ports = Ports(
        directory=PeopleDirectory(),
        customers=NoCustomers(),
        mailer=SentMail(),
        portal_url=PORTAL,
    )
    return create_app(settings, ports)


async def note_of(world: World, department: str) -> str:
    """The note asking the department's approver to decide; made once."""
    key = f"note-{department}"
    if key in world.kept:
        return str(world.kept[key])
    event = approvals.ApprovalRequested(
        request_id=str(uuid.uuid4()),
        invoice_id=str(uuid.uuid4()),
        department=department,
        author_id=AUTHORS[department],
        steps=1,
    )
    await deliver(world, topics.APPROVAL_REQUESTS, event)
    inbox = ok(
        await world.client.get(
            "/api/v1/notifications", headers=auth(APPROVERS[department])
        )
    )
    [note] = [n for n in inbox["items"] if n["invoice_id"] == event.invoice_id]
    world.kept[key] = str(note["id"])
    return str(world.kept[key])


async def list_notes(world: World, department: str, user: str) -> Call:
    note = await note_of(world, department)
    return Call(listed=note, owner=APPROVERS[department])


async def mark_read(world: World, department: str, user: str) -> Call:
    note = await note_of(world, department)
    return Call(ids={"notification_id": note}, owner=APPROVERS[department])


async def collect(world: World, department: str, user: str) -> Call:
    """Identity asks for what is held about the department's approver."""
    await note_of(world, department)
    return Call(json={"user_id": f"sub-{APPROVERS[department]}"})


PROBES: dict[Route, Probe] = {
    ("GET", "/api/v1/notifications"): list_notes,
    ("POST", "/api/v1/notifications/{notification_id}/read"): mark_read,
    ("POST", "/api/v1/privacy/exports"): collect,
}
