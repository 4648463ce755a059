"""Recurring schedule use cases: create, edit, pause, resume and end.

A schedule is read like the invoices of its department and written like its
drafts. Its template is checked as a new draft is (the caller's rights in the
department, a customer shared with it, the amounts) whenever it is written,
and again at each occurrence (`generation`).
"""

import dataclasses
import logging
import uuid
from datetime import UTC, date, datetime

from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters import schedule_repository
from facturo_invoicing.adapters.orm import RecurringSchedule
from facturo_invoicing.domain.schedule_status import (
    ScheduleAction,
    ScheduleStatus,
    transition,
)
from facturo_invoicing.domain.schedules import (
    Frequency,
    Recurrence,
    first_on_or_after,
    occurrence,
)
from facturo_invoicing.service_layer.commands import (
    ChangeScheduleStatus,
    CreateInvoice,
    CreateSchedule,
    UpdateSchedule,
)
from facturo_invoicing.service_layer.drafting import compute_draft
from facturo_invoicing.service_layer.invoices import invoiceable_customer
from facturo_invoicing.service_layer.schedule_templates import (
    apply_template,
    template_of,
)
from facturo_invoicing.service_layer.versions import check_version

logger = logging.getLogger(__name__)


async def create_schedule(
    cmd: CreateSchedule,
    uow: UnitOfWork,
    principal: Principal,
    accounting_currency: str = "EUR",
) -> RecurringSchedule:
    await check_template(uow, principal, cmd.template, accounting_currency)
    Recurrence(Frequency(cmd.frequency), cmd.start_date, cmd.end_date, cmd.count)
    now = datetime.now(UTC)
    schedule = RecurringSchedule(
        id=str(uuid.uuid4()),
        author_id=principal.subject,
        author_username=principal.username,
        frequency=cmd.frequency,
        start_date=cmd.start_date,
        end_date=cmd.end_date,
        count=cmd.count,
        status=ScheduleStatus.ACTIVE.value,
        next_index=0,
        last_error=None,
        version=1,
        created_at=now,
        updated_at=now,
    )
    apply_template(schedule, cmd.template)
    plan_next(schedule)
    uow.session.add(schedule)
    await uow.session.flush()
    tag_current_span(department=schedule.department)
    logger.info(
        "schedule %s created: %s from %s in %s",
        schedule.id,
        schedule.frequency,
        schedule.start_date,
        schedule.department,
    )
    return schedule


async def update_schedule(
    cmd: UpdateSchedule,
    uow: UnitOfWork,
    principal: Principal,
    accounting_currency: str = "EUR",
) -> RecurringSchedule:
    """Change the template or the end; refused, unchanged, once ended."""
    schedule = await visible_schedule(
        uow, principal, cmd.schedule_id, Action.INVOICE_WRITE, lock=True
    )
    check_version(schedule, cmd.expected_version)
    transition(schedule.status, ScheduleAction.EDIT)
    draft = dataclasses.replace(template_of(schedule), **cmd.template_changes)
    await check_template(uow, principal, draft, accounting_currency)
    bounds = {"end_date": schedule.end_date, "count": schedule.count, **cmd.changes}
    recurrence = Recurrence(
        Frequency(schedule.frequency),
        schedule.start_date,
        bounds["end_date"],
        bounds["count"],
    )
    apply_template(schedule, draft)
    schedule.end_date, schedule.count = recurrence.end, recurrence.count
    schedule.last_error = None
    plan_next(schedule)
    bump_version(schedule)
    await uow.session.flush()
    logger.info("schedule %s edited to version %s", schedule.id, schedule.version)
    return schedule


async def change_status(
    cmd: ChangeScheduleStatus, uow: UnitOfWork, principal: Principal, today: date
) -> RecurringSchedule:
    """Pause, resume or end. A resumed schedule goes on from `today`: the
    occurrences that fell due while it was paused are not made."""
    schedule = await visible_schedule(
        uow, principal, cmd.schedule_id, Action.INVOICE_WRITE, lock=True
    )
    check_version(schedule, cmd.expected_version)
    schedule.status = transition(schedule.status, cmd.action).value
    if cmd.action == ScheduleAction.RESUME:
        recurrence = recurrence_of(schedule)
        schedule.next_index = first_on_or_after(recurrence, schedule.next_index, today)
    plan_next(schedule)
    bump_version(schedule)
    logger.info("schedule %s is %s", schedule.id, schedule.status)
    return schedule


async def check_template(
    uow: UnitOfWork, principal: Principal, draft: CreateInvoice, currency: str
) -> None:
    """Refuse a template the caller could not create as a draft today."""
    authorize(principal, Action.INVOICE_WRITE, draft.department)
    await invoiceable_customer(uow, draft.customer_id, draft.department)
    compute_draft(draft, currency)


async def visible_schedule(
    uow: UnitOfWork,
    principal: Principal,
    schedule_id: str,
    action: Action,
    *,
    lock: bool = False,
) -> RecurringSchedule:
    """The schedule, if the caller may act on it; otherwise NotFound/Forbidden."""
    schedule = await schedule_repository.get_schedule(
        uow.session, schedule_id, lock=lock
    )
    if schedule is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, schedule.department)
    tag_current_span(department=schedule.department)
    return schedule


def recurrence_of(schedule: RecurringSchedule) -> Recurrence:
    return Recurrence(
        Frequency(schedule.frequency),
        schedule.start_date,
        schedule.end_date,
        schedule.count,
    )


def plan_next(schedule: RecurringSchedule) -> None:
    """Date the next occurrence; a schedule with none left has ended."""
    if schedule.status == ScheduleStatus.ENDED:
        schedule.next_occurrence = None
        return
    schedule.next_occurrence = occurrence(recurrence_of(schedule), schedule.next_index)
    if schedule.next_occurrence is None:
        schedule.status = ScheduleStatus.ENDED.value
        logger.info("schedule %s has no occurrence left: ended", schedule.id)


def bump_version(schedule: RecurringSchedule) -> None:
    schedule.version += 1
    schedule.updated_at = datetime.now(UTC)
