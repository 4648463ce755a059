"""Drafts from recurring schedules: each due occurrence, exactly once.

A pass claims the active schedule whose next occurrence is the oldest due,
creates that occurrence's draft through `create_invoice` (so its
InvoiceCreated goes through the outbox) and records the run in the same
transaction. The run's key (schedule, occurrence) refuses a second draft of
one occurrence, whichever scheduler instance tries it, before or after a
restart; the claim's row lock makes the loser skip instead of fail on
PostgreSQL.

A schedule whose template no longer makes a valid draft (customer no longer
shared, currency unknown...) keeps the reason in ``last_error``, is logged
and is tried again at the next pass.
"""

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from opentelemetry import trace
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.problems import Problem
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters import schedule_repository
from facturo_invoicing.adapters.orm import RecurringSchedule, ScheduleRun
from facturo_invoicing.domain.errors import DomainError
from facturo_invoicing.domain.schedules import occurrence, period
from facturo_invoicing.service_layer.invoices import create_invoice
from facturo_invoicing.service_layer.recurring import (
    bump_version,
    plan_next,
    recurrence_of,
)
from facturo_invoicing.service_layer.schedule_templates import template_of

logger = logging.getLogger(__name__)
_tracer = trace.get_tracer(__name__)

NewUnitOfWork = Callable[[], UnitOfWork]
# What a template can no longer pass: recorded, not raised.
TEMPLATE_ERRORS = (DomainError, Problem, ValidationError)
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class GenerationPlan:
    """One pass: the day it runs on and how many drafts it may make."""

    today: date
    limit: int
    accounting_currency: str = "EUR"


@dataclass(frozen=True)
class Attempt:
    schedule_id: str
    index: int


async def generate_due(new_uow: NewUnitOfWork, plan: GenerationPlan) -> int:
    """Make up to `plan.limit` due drafts, one transaction each; how many."""
    made = 0
    passed: set[str] = set()
    while made < plan.limit:
        outcome = await _generate_next(new_uow, plan, passed)
        if outcome is None:
            break
        made += outcome
    return made


async def _generate_next(
    new_uow: NewUnitOfWork, plan: GenerationPlan, passed: set[str]
) -> int | None:
    """1 for a draft made, 0 for a failed attempt, None when nothing is due."""
    attempt: Attempt | None = None
    try:
        # A trace of its own: the draft's InvoiceCreated carries it on.
        with _tracer.start_as_current_span("recurring draft"):
            async with new_uow() as uow:
                schedule = await schedule_repository.claim_due(
                    uow.session, plan.today, passed
                )
                if schedule is None:
                    return None
                attempt = Attempt(schedule.id, schedule.next_index)
                await make_occurrence(uow, schedule, plan.accounting_currency)
        return 1
    except SQLAlchemyError as error:
        # The database itself fails: the pass is tried again later. A unique
        # violation is a run of this occurrence made meanwhile (or a bug).
        if attempt is None or not isinstance(error, IntegrityError):
            raise
        # Not the statement: its parameters are the draft's content.
        logger.error(
            "schedule %s occurrence %d refused by the database: %s",
            attempt.schedule_id,
            attempt.index,
            type(error.orig).__name__,
        )
        failure: Exception = error
    except Exception as error:
        if attempt is None:
            raise
        if not isinstance(error, TEMPLATE_ERRORS):
            logger.exception("schedule %s failed unexpectedly", attempt.schedule_id)
        failure = error
    passed.add(attempt.schedule_id)
    await _record_failure(new_uow, attempt, failure)
    return 0


async def make_occurrence(
    uow: UnitOfWork, schedule: RecurringSchedule, accounting_currency: str
) -> None:
    """The draft of the schedule's next occurrence, its run, and the next.

    The draft's invoicing period (BT-73, BT-74) is the occurrence's, also
    written as its first note.
    """
    recurrence = recurrence_of(schedule)
    day = occurrence(recurrence, schedule.next_index)
    assert day is not None, "an active schedule has a next occurrence"
    first, last = period(recurrence, schedule.next_index)
    template = template_of(schedule)
    draft = dataclasses.replace(
        template,
        notes=(period_note(first, last), *template.notes),
        invoicing_period_start=first,
        invoicing_period_end=last,
    )
    uow.actor = schedule.author_id
    invoice = await create_invoice(draft, uow, author_of(schedule), accounting_currency)
    uow.session.add(
        ScheduleRun(
            schedule_id=schedule.id,
            occurrence=day,
            invoice_id=invoice.id,
            created_at=datetime.now(UTC),
        )
    )
    schedule.next_index += 1
    schedule.last_error = None
    plan_next(schedule)
    bump_version(schedule)
    await uow.session.flush()
    logger.info("schedule %s made draft %s for %s", schedule.id, invoice.id, day)


def period_note(first: date, last: date) -> str:
    return f"Period: {first.isoformat()} to {last.isoformat()}"


def author_of(schedule: RecurringSchedule) -> Principal:
    """Who the drafts are created as: the schedule's author, with a clerk's
    rights in the schedule's department only.

    TODO: the author's current roles and memberships are not asked of the
    identity service; a schedule keeps drafting after its author has left
    the department, until someone pauses or ends it.
    """
    return Principal(
        subject=schedule.author_id,
        username=schedule.author_username,
        roles=frozenset({Role.CLERK}),
        departments=frozenset({schedule.department}),
    )


async def _record_failure(
    new_uow: NewUnitOfWork, attempt: Attempt, error: Exception
) -> None:
    """Keep the reason on the schedule, unless another instance has made the
    occurrence meanwhile (then the failure was only a lost race)."""
    reason = describe(error)[:MAX_ERROR_LENGTH]
    async with new_uow() as uow:
        schedule = await schedule_repository.get_schedule(
            uow.session, attempt.schedule_id, lock=True
        )
        if schedule is None or schedule.next_index != attempt.index:
            logger.info("schedule %s was made elsewhere", attempt.schedule_id)
            return
        if schedule.last_error == reason:
            logger.info("schedule %s still fails", schedule.id)
            return
        schedule.last_error = reason
        bump_version(schedule)
    logger.warning("schedule %s cannot make its draft: %s", schedule.id, reason)


def describe(error: Exception) -> str:
    """What went wrong, without the template's values (they may name people)."""
    if isinstance(error, ValidationError):
        places = (
            "/".join(str(part) for part in e["loc"]) + f": {e['msg']}"
            for e in error.errors()
        )
        return "template no longer valid: " + "; ".join(places)
    if isinstance(error, TEMPLATE_ERRORS):
        return str(error)
    return f"internal error ({type(error).__name__}); see the service log"
