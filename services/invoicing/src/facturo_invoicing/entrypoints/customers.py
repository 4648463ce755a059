"""Customer routes. Edits need If-Match with the ETag of the version read."""

from fastapi import APIRouter, Query, Response, status

from facturo_chassis.auth.policy import Action, require, scope_filter
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.customer_mapping import (
    create_customer_command,
    customer_read,
    update_customer_command,
)
from facturo_invoicing.entrypoints.preconditions import IfMatch, current_on_stale, etag
from facturo_invoicing.entrypoints.schemas import (
    CustomerCreate,
    CustomerRead,
    CustomerUpdate,
)
from facturo_invoicing.service_layer.customers import (
    create_customer,
    update_customer,
    visible_customer,
)

router = APIRouter(prefix="/customers", tags=["customers"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_customer(
    body: CustomerCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> CustomerRead:
    async with uow:
        customer = await create_customer(create_customer_command(body), uow, principal)
        response.headers["ETag"] = etag(customer.version)
        response.headers["Location"] = f"/api/v1/customers/{customer.id}"
        return customer_read(customer)


@router.get("")
async def get_customers(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    department: list[str] | None = Query(default=None),
) -> list[CustomerRead]:
    require(principal, Action.CUSTOMER_READ)
    async with uow:
        customers = await repository.list_customers(
            uow.session, scope_filter(principal, department)
        )
        return [customer_read(c) for c in customers]


@router.get("/{customer_id}")
async def get_customer(
    customer_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> CustomerRead:
    async with uow:
        customer = await visible_customer(uow, principal, customer_id)
        response.headers["ETag"] = etag(customer.version)
        return customer_read(customer)


@router.patch(
    "/{customer_id}",
    responses={
        412: {"description": "stale If-Match; `current` is the customer now"},
        428: {"description": "If-Match missing"},
    },
)
async def patch_customer(
    customer_id: str,
    body: CustomerUpdate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
) -> CustomerRead:
    cmd = update_customer_command(customer_id, expected_version, body)
    async with uow:
        with current_on_stale(customer_read):
            customer = await update_customer(cmd, uow, principal)
        response.headers["ETag"] = etag(customer.version)
        return customer_read(customer)
