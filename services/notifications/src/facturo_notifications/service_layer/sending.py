"""Sending the queued e-mails: the other half of the mail outbox.

A pass claims a small batch of due `pending` deliveries in one short
transaction, sends each outside any transaction, then records each outcome in
its own transaction with its delivery event (`uow.publish`):

- accepted: `sent`, and `NotificationDelivered`;
- refused for good (`MailRejected`): `failed`, and `NotificationFailed`;
- not now (`MailUnavailable`, a timeout, any other error): still `pending`,
  due again after a growing delay (5 s, 30 s, 2 min, 10 min, then hourly);
  after `max_attempts` it is `failed`, and `NotificationFailed`.

Claiming counts the attempt and pushes `next_attempt_at` past the time the
whole batch may take to send (the lease), so no other pass or instance picks
the row meanwhile; on PostgreSQL the claim also skips rows another instance
has locked. An outcome is recorded only if the row still carries the claim's
attempt number. Holding the row lock through the SMTP exchange instead would
hold SQLite's single write lock too, stalling the consumer on a slow server.

At-least-once, not exactly-once: if the process dies (or the database is lost)
after the mail server accepted a message but before `sent` is committed, the
row stays pending and is sent again once its lease has run out. The copy has
the same Message-ID (derived from the event and the recipient), so mail
clients can recognise it. Nothing else sends a message twice.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from opentelemetry import trace

from facturo_chassis import attributes
from facturo_chassis.telemetry import context_from_headers, tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_notifications.adapters import repository
from facturo_notifications.adapters.mailer import Mailer, MailRejected, MailUnavailable
from facturo_notifications.adapters.orm import Delivery
from facturo_notifications.domain.messages import Mail
from facturo_notifications.service_layer.deliveries import delivery_event

logger = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

NewUnitOfWork = Callable[[], UnitOfWork]

BACKOFF = (
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
)


@dataclass(frozen=True)
class SendPlan:
    """How much a pass takes on, and how long the sender insists."""

    batch_size: int = 10
    max_attempts: int = 8
    send_timeout: timedelta = timedelta(seconds=30)
    backoff: tuple[timedelta, ...] = BACKOFF

    @property
    def lease(self) -> timedelta:
        """Twice the longest a batch can take to send."""
        return 2 * self.batch_size * self.send_timeout

    def retry_at(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` failed tries; None: give up."""
        if attempts >= self.max_attempts:
            return None
        return now + self.backoff[min(attempts, len(self.backoff)) - 1]


@dataclass(frozen=True)
class Claim:
    """A delivery this pass took on, as it was when claimed."""

    delivery_id: str
    attempt: int
    mail: Mail
    event_id: str
    invoice_id: str | None
    department: str | None
    trace_context: dict[str, str]


async def send_due(
    new_uow: NewUnitOfWork, mailer: Mailer, plan: SendPlan, now: datetime
) -> int:
    """One pass: claim a batch, send each, record each; how many were due."""
    claims = await claim_due(new_uow, plan, now)
    for claim in claims:
        context = context_from_headers(claim.trace_context)
        with tracer.start_as_current_span("send e-mail", context=context):
            tag_current_span(
                invoice_id=claim.invoice_id,
                department=claim.department,
                **{attributes.EVENT_ID: claim.event_id},
            )
            failure = await _send(mailer, claim, plan)
            await _record(new_uow, plan, claim, failure, now)
    return len(claims)


async def claim_due(
    new_uow: NewUnitOfWork, plan: SendPlan, now: datetime
) -> list[Claim]:
    async with new_uow() as uow:
        rows = await repository.due_emails(uow.session, now, plan.batch_size)
        claims = []
        for row in rows:
            if row.attempts >= plan.max_attempts:
                # Claimed that often without an outcome: the process died.
                error = f"gave up after {row.attempts} attempts without an outcome"
                await _finish(uow, row, "failed", error)
                continue
            row.attempts += 1
            row.next_attempt_at = now + plan.lease
            claims.append(_claim(row))
    return claims


async def _send(mailer: Mailer, claim: Claim, plan: SendPlan) -> Exception | None:
    """None once the server accepted the mail, else why it did not."""
    try:
        async with asyncio.timeout(plan.send_timeout.total_seconds()):
            await mailer.send(claim.mail)
    except (MailRejected, MailUnavailable) as error:
        return error
    except TimeoutError:
        return MailUnavailable("the mail server did not finish in time")
    except Exception as error:
        # Only its type: the text of an unknown error may quote the address.
        name = type(error).__name__
        logger.error("e-mail delivery %s: unexpected %s", claim.delivery_id, name)
        return MailUnavailable(f"unexpected {name}")
    return None


async def _record(
    new_uow: NewUnitOfWork,
    plan: SendPlan,
    claim: Claim,
    failure: Exception | None,
    now: datetime,
) -> None:
    async with new_uow() as uow:
        row = await repository.claimed_email(
            uow.session, claim.delivery_id, claim.attempt
        )
        if row is None:
            logger.warning("delivery %s was claimed again meanwhile", claim.delivery_id)
            return
        if failure is None:
            await _finish(uow, row, "sent", None)
        elif isinstance(failure, MailRejected):
            await _finish(uow, row, "failed", str(failure))
        else:
            await _retry_or_give_up(uow, plan, row, failure, now)


async def _retry_or_give_up(
    uow: UnitOfWork, plan: SendPlan, row: Delivery, failure: Exception, now: datetime
) -> None:
    retry_at = plan.retry_at(row.attempts, now)
    if retry_at is None:
        error = f"gave up after {row.attempts} attempts: {failure}"
        await _finish(uow, row, "failed", error)
        return
    row.next_attempt_at = retry_at
    row.error = str(failure)[:500]
    logger.warning(
        "e-mail delivery %s deferred after attempt %d: %s",
        row.id,
        row.attempts,
        failure,
    )


async def _finish(
    uow: UnitOfWork, row: Delivery, status: str, error: str | None
) -> None:
    row.status = status
    row.error = error[:500] if error else None
    row.next_attempt_at = None
    row.forget_recipient()
    await uow.publish(delivery_event(row))
    if error:
        logger.warning("e-mail delivery %s failed: %s", row.id, error)
    else:
        logger.info("e-mail delivery %s sent (attempt %d)", row.id, row.attempts)


def _claim(row: Delivery) -> Claim:
    mail = Mail(
        to_address=row.to_address or "",
        to_name=row.to_name or "",
        subject=row.subject or "",
        body=row.body or "",
        message_id=row.message_id or "",
    )
    return Claim(
        delivery_id=row.id,
        attempt=row.attempts,
        mail=mail,
        event_id=row.event_id,
        invoice_id=row.invoice_id,
        department=row.department,
        trace_context=dict(row.trace_context or {}),
    )
