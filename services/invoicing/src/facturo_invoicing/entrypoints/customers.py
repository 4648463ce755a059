"""Customer routes."""

from fastapi import APIRouter, Query, status

from facturo_chassis.auth.policy import Action, authorize, require, scope_filter
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.problems import NotFound
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.schemas import CustomerCreate, CustomerRead
from facturo_invoicing.service_layer.commands import CreateCustomer
from facturo_invoicing.service_layer.customers import create_customer

router = APIRouter(prefix="/customers", tags=["customers"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_customer(
    body: CustomerCreate, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> CustomerRead:
    cmd = CreateCustomer(
        **body.model_dump(exclude={"address_lines"}),
        address_lines=tuple(body.address_lines),
    )
    async with uow:
        customer = await create_customer(cmd, uow, principal)
        return CustomerRead.model_validate(customer)


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
        return [CustomerRead.model_validate(c) for c in customers]


@router.get("/{customer_id}")
async def get_customer(
    customer_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> CustomerRead:
    async with uow:
        customer = await repository.get_customer(uow.session, customer_id)
        authorize(
            principal, Action.CUSTOMER_READ, customer.department if customer else ""
        )
        if customer is None:
            raise NotFound("not found")
        return CustomerRead.model_validate(customer)
