"""The mail sender's passes against a real SMTP server (aiosmtpd)."""

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from faststream.kafka import TestKafkaBroker
from sqlalchemy import update

from facturo_chassis.runtime import Runtime
from facturo_contracts.envelope import H_ID
from facturo_contracts.notifications import NotificationDelivered, NotificationFailed
from facturo_notifications.adapters.orm import Delivery
from facturo_notifications.bootstrap import create_app
from facturo_notifications.domain.messages import message_id
from facturo_notifications.service_layer import sending
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.settings import NotificationsSettings

from ..conftest import (
    BAD_EMAIL,
    CUSTOMER_EMAIL,
    IDN_EMAIL_ASCII,
    MailSink,
)
from .events import INVOICE_ID, ISSUED, deliver, deliveries, outbox, send_queued

AUTHOR_EMAIL = "claire@demo.facturo.test"


def utc(moment: datetime | None) -> datetime:
    """SQLite gives the stored UTC times back without their zone."""
    assert moment is not None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def until(condition: Callable[[], bool], within: float) -> None:
    """Wait for what the SMTP server's thread records."""
    for _ in range(int(within / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not true within {within} s")


def recipients(sink: MailSink) -> list[list[str]]:
    return sorted(rcpt for rcpt, _ in sink.received)


async def email_events(runtime: Runtime) -> list[tuple[str, dict[str, Any]]]:
    return [
        (t, body) for t, body in await outbox(runtime) if body["channel"] == "email"
    ]


async def by_recipient(runtime: Runtime) -> dict[str, Delivery]:
    return {r.recipient_id: r for r in await deliveries(runtime, "email")}


async def test_a_pass_sends_the_queued_mails(app: FastAPI, sink: MailSink) -> None:
    headers = await deliver(app.state.runtime, ISSUED)

    due = await send_queued(app)

    assert due == 2
    by_rcpt = {tuple(rcpt): message for rcpt, message in sink.received}
    assert set(by_rcpt) == {(AUTHOR_EMAIL,), (CUSTOMER_EMAIL,)}
    to_author, to_customer = by_rcpt[(AUTHOR_EMAIL,)], by_rcpt[(CUSTOMER_EMAIL,)]
    for message in (to_author, to_customer):
        body = message.get_content()
        assert "SAL-2026-000042" in message["Subject"]
        assert "1\u202f210,54 EUR" in body and "EUR 1,210.54" in body
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


async def test_sent_mails_are_marked_published_and_forget_the_address(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await send_queued(app)

    rows = await deliveries(runtime, "email")
    events = await email_events(runtime)
    assert [(r.recipient_id, r.status, r.attempts) for r in rows] == [
        ("cust-1", "sent", 1),
        ("sub-claire", "sent", 1),
    ]
    assert all(r.to_address is None and r.to_name is None for r in rows)
    assert all(r.body is None and r.next_attempt_at is None for r in rows)
    assert all(r.subject and r.message_id for r in rows)
    assert sorted((t, b["delivery_id"], b["reason"]) for t, b in events) == sorted(
        (NotificationDelivered.TYPE, r.id, "invoice_issued") for r in rows
    )
    assert {b["recipient_kind"] for _, b in events} == {"user", "customer_contact"}
    assert all(b["invoice_id"] == INVOICE_ID for _, b in events)
    assert not any("@" in json.dumps(body) for _, body in await outbox(runtime))


async def test_nothing_is_sent_twice(app: FastAPI, sink: MailSink) -> None:
    runtime: Runtime = app.state.runtime
    headers = await deliver(runtime, ISSUED)
    await send_queued(app)

    again = await send_queued(app, datetime.now(UTC) + timedelta(days=1))
    async with runtime.sessions() as session, session.begin():
        await session.execute(runtime.tables.inbox.delete())
    await deliver(runtime, ISSUED, headers)
    after_replay = await send_queued(app, datetime.now(UTC) + timedelta(days=1))

    assert (again, after_replay) == (0, 0)
    assert len(sink.received) == 2
    assert len(await email_events(runtime)) == 2


async def test_a_temporary_refusal_is_tried_again_later(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)
    sink.refuse_data = "451 4.3.0 Try again later"
    before = datetime.now(UTC)

    await send_queued(app)

    rows = await deliveries(runtime, "email")
    assert [(r.status, r.attempts) for r in rows] == [("pending", 1), ("pending", 1)]
    assert all(utc(r.next_attempt_at) >= before + timedelta(seconds=5) for r in rows)
    assert all("451" in (r.error or "") for r in rows)
    assert all(CUSTOMER_EMAIL not in (r.error or "") for r in rows)
    assert rows[0].to_address == CUSTOMER_EMAIL
    assert await email_events(runtime) == []

    sink.refuse_data = None
    too_soon = await send_queued(app, before + timedelta(seconds=1))
    later = await send_queued(app, before + timedelta(seconds=6))

    assert (too_soon, later) == (0, 2)
    assert recipients(sink) == [[AUTHOR_EMAIL], [CUSTOMER_EMAIL]]
    rows = await deliveries(runtime, "email")
    assert [(r.status, r.attempts) for r in rows] == [("sent", 2), ("sent", 2)]
    assert {t for t, _ in await email_events(runtime)} == {NotificationDelivered.TYPE}


async def test_the_delay_grows_with_each_attempt(app: FastAPI, sink: MailSink) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-2"}))
    sink.refuse_data = "421 4.3.2 Shutting down"
    now = datetime.now(UTC)
    delays = []

    for _ in range(3):
        await send_queued(app, now)
        [row] = await deliveries(runtime, "email")
        delays.append(utc(row.next_attempt_at) - now)
        now = utc(row.next_attempt_at)

    assert delays == [timedelta(seconds=5), timedelta(seconds=30), timedelta(minutes=2)]


@pytest.mark.parametrize("mail_max_attempts", [2])
async def test_a_mail_that_never_gets_through_fails_after_the_last_attempt(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-2"}))
    sink.refuse_data = "451 4.3.0 Try again later"
    now = datetime.now(UTC)

    await send_queued(app, now)
    await send_queued(app, now + timedelta(hours=1))
    last = await send_queued(app, now + timedelta(days=1))

    [row] = await deliveries(runtime, "email")
    [(kind, event)] = await email_events(runtime)
    assert (row.status, row.attempts, last) == ("failed", 2, 0)
    assert row.to_address is None
    assert kind == NotificationFailed.TYPE
    assert event["error"].startswith("gave up after 2 attempts")
    assert "451" in event["error"]
    assert sink.attempts == 2


async def test_a_permanent_refusal_fails_that_delivery_only(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    sink.refuse_rcpt[CUSTOMER_EMAIL] = "550 5.1.1 No such mailbox"
    await deliver(runtime, ISSUED)

    await send_queued(app)

    rows = await by_recipient(runtime)
    failed = [b for t, b in await email_events(runtime) if t == NotificationFailed.TYPE]
    assert (rows["cust-1"].status, rows["sub-claire"].status) == ("failed", "sent")
    assert rows["cust-1"].to_address is None
    assert [f["recipient_id"] for f in failed] == ["cust-1"]
    assert "550" in failed[0]["error"]
    assert CUSTOMER_EMAIL not in failed[0]["error"]
    assert recipients(sink) == [[AUTHOR_EMAIL]]


async def test_an_international_domain_travels_in_its_idna_form(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-idn"}))

    await send_queued(app)

    assert recipients(sink) == [[AUTHOR_EMAIL], [IDN_EMAIL_ASCII]]
    [message] = [m for rcpt, m in sink.received if rcpt == [IDN_EMAIL_ASCII]]
    assert IDN_EMAIL_ASCII in message["To"]
    assert "Atelier Vélo Rapide SAS" in str(message["To"])
    assert (await by_recipient(runtime))["cust-idn"].status == "sent"


async def test_a_non_ascii_mailbox_fails_without_smtputf8_and_spares_the_author(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    headers = await deliver(
        runtime, ISSUED.model_copy(update={"customer_id": "cust-utf8"})
    )

    await send_queued(app)
    await send_queued(app, datetime.now(UTC) + timedelta(days=1))
    await deliver(runtime, ISSUED, headers)

    rows = await by_recipient(runtime)
    [failed] = [
        b for t, b in await email_events(runtime) if t == NotificationFailed.TYPE
    ]
    assert recipients(sink) == [[AUTHOR_EMAIL]]
    assert (rows["cust-utf8"].status, rows["sub-claire"].status) == ("failed", "sent")
    assert "SMTPUTF8" in failed["error"]
    assert "josé" not in failed["error"] and "exämple" not in failed["error"]
    assert "xn--" not in failed["error"]


@pytest.mark.parametrize("smtputf8", [True])
async def test_a_non_ascii_mailbox_goes_through_smtputf8(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-utf8"}))

    await send_queued(app)

    assert recipients(sink) == [[AUTHOR_EMAIL], ["josé@xn--exmple-cua.com"]]
    assert (await by_recipient(runtime))["cust-utf8"].status == "sent"


async def test_an_address_that_cannot_be_encoded_fails_for_good(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-bad"}))

    await send_queued(app)

    rows = await by_recipient(runtime)
    [failed] = [
        b for t, b in await email_events(runtime) if t == NotificationFailed.TYPE
    ]
    assert (rows["cust-bad"].status, rows["cust-bad"].attempts) == ("failed", 1)
    assert rows["sub-claire"].status == "sent"
    assert failed["error"].startswith("unsendable address")
    assert "bäd" not in failed["error"] and BAD_EMAIL not in failed["error"]
    assert recipients(sink) == [[AUTHOR_EMAIL]]


async def test_claimed_mails_are_left_alone_by_other_passes(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)
    now = datetime.now(UTC)

    claims = await sending.claim_due(
        lambda: runtime.unit_of_work(None), sending.SendPlan(), now
    )
    meanwhile = await send_queued(app, now + timedelta(minutes=1))

    assert [c.attempt for c in claims] == [1, 1]
    assert meanwhile == 0
    assert sink.received == []


async def test_a_mail_claimed_every_time_without_outcome_fails(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED.model_copy(update={"customer_id": "cust-2"}))
    async with runtime.sessions() as session, session.begin():
        await session.execute(update(Delivery).values(attempts=8))

    await send_queued(app)

    [row] = await deliveries(runtime, "email")
    assert (row.status, row.attempts) == ("failed", 8)
    assert [t for t, _ in await email_events(runtime)] == [NotificationFailed.TYPE]
    assert sink.attempts == 0


async def test_the_service_sends_as_soon_as_the_consumer_commits(
    settings: NotificationsSettings, ports: Ports, sink: MailSink
) -> None:
    # A poll far longer than the wait: only the wake-up can send in time.
    app = create_app(settings.model_copy(update={"mail_poll_seconds": 60}), ports)
    runtime: Runtime = app.state.runtime

    async with TestKafkaBroker(runtime.broker), app.router.lifespan_context(app):
        await asyncio.sleep(0.2)  # the sender's first (empty) pass
        await deliver(runtime, ISSUED)
        await until(lambda: len(sink.received) == 2, within=10)

    assert recipients(sink) == [[AUTHOR_EMAIL], [CUSTOMER_EMAIL]]
