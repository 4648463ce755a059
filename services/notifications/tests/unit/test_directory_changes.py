"""Identity's changes stop what is sent: a disabled account gets nothing more,
and a person who left a department no e-mail about it."""

import httpx
from fastapi import FastAPI

from facturo_chassis.runtime import Runtime
from facturo_contracts import identity
from facturo_contracts.notifications import NotificationCancelled
from facturo_notifications.adapters.orm import Delivery

from ..conftest import MailSink
from .events import ISSUED, deliver, deliveries, inbox, outbox, returned, send_queued

DISABLED = identity.UserDisabled(user_id="sub-claire")
LEFT_SAL = identity.UserLeftDepartment(user_id="sub-claire", department="SAL")
CANCELLED = NotificationCancelled.TYPE


def to_claire(rows: list[Delivery]) -> list[Delivery]:
    return [r for r in rows if r.recipient_id == "sub-claire"]


async def test_disabling_cancels_the_e_mails_waiting_for_the_person(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await deliver(runtime, DISABLED)
    await send_queued(app)

    [cancelled] = to_claire(await deliveries(runtime, "email"))
    assert cancelled.status == "cancelled"
    assert (cancelled.to_address, cancelled.to_name, cancelled.body) == (None,) * 3
    assert cancelled.next_attempt_at is None
    assert cancelled.error == "the recipient's account is disabled"
    assert [rcpt for rcpt, _ in sink.received] == [
        ["compta@boulangerie-martin.example.com"]
    ]
    [(_, event)] = [e for e in await outbox(runtime) if e[0] == CANCELLED]
    assert event == {
        "delivery_id": cancelled.id,
        "channel": "email",
        "recipient_kind": "user",
        "recipient_id": "sub-claire",
        "invoice_id": ISSUED.invoice_id,
        "department": "SAL",
        "reason": "the recipient's account is disabled",
    }


async def test_nothing_new_is_recorded_for_a_disabled_person(app: FastAPI) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, DISABLED)

    await deliver(runtime, ISSUED)
    await deliver(runtime, returned("le taux de TVA est faux"))

    assert to_claire(await deliveries(runtime)) == []
    assert [r.recipient_id for r in await deliveries(runtime)] == ["cust-1"]


async def test_a_redelivered_disabling_changes_nothing_more(app: FastAPI) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)
    headers = await deliver(runtime, DISABLED)

    await deliver(runtime, DISABLED, headers)
    await deliver(runtime, identity.UserDisabled(user_id="sub-claire"))

    assert [e for e, _ in await outbox(runtime)].count(CANCELLED) == 1


async def test_other_people_keep_their_e_mails(app: FastAPI) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await deliver(runtime, identity.UserDisabled(user_id="sub-marc"))

    assert {r.status for r in await deliveries(runtime, "email")} == {"pending"}


async def test_leaving_a_department_cancels_the_e_mails_about_it(
    app: FastAPI,
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await deliver(
        runtime, identity.UserLeftDepartment(user_id="sub-claire", department="SRV")
    )
    assert {r.status for r in await deliveries(runtime, "email")} == {"pending"}
    await deliver(runtime, LEFT_SAL)

    [cancelled] = to_claire(await deliveries(runtime, "email"))
    assert (cancelled.status, cancelled.to_address) == ("cancelled", None)
    assert cancelled.error == "the recipient left the department"


async def test_a_sent_e_mail_is_not_cancelled_afterwards(
    app: FastAPI, sink: MailSink
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)
    await send_queued(app)

    await deliver(runtime, DISABLED)

    assert {r.status for r in await deliveries(runtime, "email")} == {"sent"}
    assert CANCELLED not in [e for e, _ in await outbox(runtime)]


async def test_the_in_app_inbox_of_a_disabled_person_keeps_what_it_had(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    await deliver(runtime, ISSUED)

    await deliver(runtime, DISABLED)

    [note] = to_claire(await deliveries(runtime, "in_app"))
    assert note.status == "sent"
    assert (await inbox(client, "claire"))["total"] == 1
