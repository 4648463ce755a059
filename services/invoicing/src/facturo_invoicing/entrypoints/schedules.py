"""Recurring schedule routes. Read like the department's invoices, written
like its drafts; writes need If-Match with the schedule's ETag."""

from fastapi import APIRouter, Query, Response, status

from facturo_chassis.auth.policy import Action, require, scope_filter
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_invoicing.adapters import schedule_repository
from facturo_invoicing.domain.schedule_status import ScheduleAction
from facturo_invoicing.entrypoints.preconditions import (
    IfMatch,
    Settings,
    Today,
    current_on_stale,
    etag,
)
from facturo_invoicing.entrypoints.schedule_mapping import (
    schedule_create_command,
    schedule_read,
    schedule_update_command,
)
from facturo_invoicing.entrypoints.schedule_schemas import (
    ScheduleCreate,
    SchedulePage,
    ScheduleRead,
    ScheduleUpdate,
)
from facturo_invoicing.service_layer.commands import ChangeScheduleStatus
from facturo_invoicing.service_layer.recurring import (
    change_status,
    create_schedule,
    update_schedule,
    visible_schedule,
)

router = APIRouter(prefix="/recurring-schedules", tags=["recurring schedules"])

WRITE_RESPONSES: dict[int | str, dict[str, str]] = {
    409: {"description": "not allowed in the schedule's status"},
    412: {"description": "stale If-Match; the body's `current` is the schedule now"},
    428: {"description": "If-Match missing"},
}


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_schedule(
    body: ScheduleCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    response: Response,
) -> ScheduleRead:
    """Its template is checked as a new draft would be (422, or 404 for a
    customer not shared with the department)."""
    async with uow:
        schedule = await create_schedule(
            schedule_create_command(body),
            uow,
            principal,
            settings.accounting_currency,
        )
        response.headers["ETag"] = etag(schedule.version)
        response.headers["Location"] = f"/api/v1/recurring-schedules/{schedule.id}"
        return schedule_read(schedule)


@router.get("")
async def get_schedules(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    department: list[str] | None = Query(default=None),
    schedule_status: str | None = Query(default=None, alias="status"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> SchedulePage:
    require(principal, Action.INVOICE_READ)
    async with uow:
        items, total = await schedule_repository.list_schedules(
            uow.session,
            scope_filter(principal, department),
            schedule_status,
            limit,
            offset,
        )
        return SchedulePage(
            items=[schedule_read(s) for s in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/{schedule_id}")
async def get_schedule(
    schedule_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> ScheduleRead:
    async with uow:
        schedule = await visible_schedule(
            uow, principal, schedule_id, Action.INVOICE_READ
        )
        response.headers["ETag"] = etag(schedule.version)
        return schedule_read(schedule)


@router.patch("/{schedule_id}", responses=WRITE_RESPONSES)
async def patch_schedule(
    schedule_id: str,
    body: ScheduleUpdate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    response: Response,
    expected_version: IfMatch,
) -> ScheduleRead:
    cmd = schedule_update_command(schedule_id, expected_version, body)
    async with uow:
        with current_on_stale(schedule_read):
            schedule = await update_schedule(
                cmd, uow, principal, settings.accounting_currency
            )
        response.headers["ETag"] = etag(schedule.version)
        return schedule_read(schedule)


ACTIONS = {
    ScheduleAction.PAUSE: "No draft is made while paused.",
    ScheduleAction.RESUME: (
        "Go on from today: occurrences that fell due while paused are skipped."
    ),
    ScheduleAction.END: "End for good; the drafts already made stay.",
}


def _action_route(action: ScheduleAction, description: str) -> None:
    @router.post(
        f"/{{schedule_id}}/{action.value}",
        responses=WRITE_RESPONSES,
        description=description,
        name=f"{action.value}_schedule",
    )
    async def post_action(
        schedule_id: str,
        uow: NewUnitOfWork,
        principal: CurrentPrincipal,
        response: Response,
        expected_version: IfMatch,
        today: Today,
    ) -> ScheduleRead:
        cmd = ChangeScheduleStatus(schedule_id, expected_version, action.value)
        async with uow:
            with current_on_stale(schedule_read):
                schedule = await change_status(cmd, uow, principal, today)
            response.headers["ETag"] = etag(schedule.version)
            return schedule_read(schedule)


for _action, _description in ACTIONS.items():
    _action_route(_action, _description)
