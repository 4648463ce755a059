"""Mentions in invoice comments: a note and a mail for each person named."""

from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete

from facturo_chassis.runtime import Runtime
from facturo_contracts import invoicing
from facturo_contracts.envelope import H_ID
from facturo_notifications.adapters.mailer import SmtpMailer
from facturo_notifications.domain.messages import message_id
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.settings import NotificationsSettings

from ..conftest import PEOPLE, FakeDirectory, FakeInvoicing, person
from .events import INVOICE_ID, deliver, deliveries, inbox, outbox

FANNY = person("fanny", {"finance"}, set())
GONE = replace(person("ada", {"admin"}, set()), enabled=False)


def commented(
    *mentioned: str, author: str = "sub-fanny", number: str | None = "SAL-2026-000042"
) -> invoicing.InvoiceCommentAdded:
    return invoicing.InvoiceCommentAdded(
        invoice_id=INVOICE_ID,
        department="SAL",
        comment_id="6b1f0c8e-0d7a-4c55-9a57-3f2f0b1c2d3e",
        author_id=author,
        mentioned_user_ids=list(mentioned),
        created_at=datetime(2026, 12, 3, 10, tzinfo=UTC),
        number=number,
    )


@pytest.fixture
def ports(settings: NotificationsSettings, invoicing: FakeInvoicing) -> Ports:
    return Ports(
        directory=FakeDirectory([*PEOPLE, FANNY, GONE]),
        customers=invoicing,
        mailer=SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            settings.smtp_timeout_seconds,
        ),
        portal_url=settings.portal_url,
    )


async def test_each_mentioned_person_gets_one_note(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, commented("sub-claire", "sub-marc"))

    claire = await inbox(client, "claire")
    marc = await inbox(client, "marc")

    assert (claire["total"], marc["total"]) == (1, 1)
    [note] = claire["items"]
    assert (note["kind"], note["invoice_id"]) == ("invoice_mention", INVOICE_ID)
    assert note["body"] == (
        "Vous avez été mentionné dans un commentaire sur la facture "
        "SAL-2026-000042. / You were mentioned in a comment on invoice "
        "SAL-2026-000042."
    )
    assert "SAL-2026-000042" in note["title"]
    assert (await inbox(client, "fanny"))["total"] == 0


async def test_each_mentioned_person_gets_a_mail_without_the_comment(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime

    headers = await deliver(runtime, commented("sub-claire", "sub-marc"))

    mails = await deliveries(runtime, "email")
    assert [(m.recipient_id, m.status, m.kind) for m in mails] == [
        ("sub-claire", "pending", "invoice_mention"),
        ("sub-marc", "pending", "invoice_mention"),
    ]
    to_claire = mails[0]
    assert (to_claire.to_address, to_claire.to_name) == (
        "claire@demo.facturo.test",
        "Claire",
    )
    assert to_claire.message_id == message_id(
        headers[H_ID], "sub-claire", "demo.facturo.test"
    )
    assert "Fanny mentioned you in a comment on invoice SAL-2026-000042" in (
        to_claire.body or ""
    )
    assert f"/invoices/{INVOICE_ID}" in (to_claire.body or "")


async def test_the_author_is_never_notified(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime

    await deliver(runtime, commented("sub-claire", "sub-marc", author="sub-claire"))

    assert (await inbox(client, "claire"))["total"] == 0
    assert (await inbox(client, "marc"))["total"] == 1
    assert [d.recipient_id for d in await deliveries(runtime)] == [
        "sub-marc",
        "sub-marc",
    ]


async def test_a_comment_without_other_mentions_notifies_nobody(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime

    await deliver(runtime, commented())
    await deliver(runtime, commented("sub-fanny"))

    assert await deliveries(runtime) == []
    assert await outbox(runtime) == []


async def test_a_draft_is_named_as_such(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, commented("sub-marc", number=None))

    [note] = (await inbox(client, "marc"))["items"]
    assert "You were mentioned in a comment on a draft invoice." in note["body"]
    assert "sur un brouillon de facture" in note["body"]


async def test_people_gone_or_disabled_since_are_skipped(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime

    await deliver(runtime, commented("sub-ada", "sub-nobody", "sub-marc"))

    assert [d.recipient_id for d in await deliveries(runtime)] == [
        "sub-marc",
        "sub-marc",
    ]


async def test_an_author_unknown_to_the_directory_is_someone(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver(app.state.runtime, commented("sub-marc", author="sub-left"))

    [mail] = await deliveries(app.state.runtime, "email")
    assert "Someone mentioned you in a comment" in (mail.body or "")


async def test_redelivery_adds_nothing(app: FastAPI, client: httpx.AsyncClient) -> None:
    runtime: Runtime = app.state.runtime
    event = commented("sub-claire", "sub-marc")

    headers = await deliver(runtime, event)
    first = {(r.id, r.status, r.created_at) for r in await deliveries(runtime)}
    await deliver(runtime, event, headers)
    # Even without the consumer's inbox row, the delivery rows stop a resend.
    async with runtime.sessions() as session, session.begin():
        await session.execute(delete(runtime.tables.inbox))
    await deliver(runtime, event, headers)

    assert {(r.id, r.status, r.created_at) for r in await deliveries(runtime)} == first
    assert len(first) == 4
    assert len(await outbox(runtime)) == 2
    assert (await inbox(client, "claire"))["total"] == 1
    assert (await inbox(client, "marc"))["total"] == 1
