"""Customer use cases: create and edit, within the caller's departments."""

import dataclasses
import uuid
from datetime import UTC, datetime

from facturo_chassis.auth.policy import (
    Action,
    authorize,
    require,
    sees_department,
)
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.orm import Customer, CustomerDepartment
from facturo_invoicing.domain.customers import (
    Contact,
    CustomerIdentity,
    compact_siren,
    compact_siret,
    compact_vat_id,
    customer_problems,
)
from facturo_invoicing.domain.errors import InvalidInvoice
from facturo_invoicing.service_layer.commands import CreateCustomer, UpdateCustomer
from facturo_invoicing.service_layer.versions import check_version


class InvalidCustomer(InvalidInvoice):
    """Customer data breaks one or more rules; all of them are listed."""


def check_customer(cmd: CreateCustomer) -> None:
    identity = CustomerIdentity(
        name=cmd.name,
        country=cmd.country,
        siren=cmd.siren,
        siret=cmd.siret,
        vat_id=cmd.vat_id,
        payment_terms_days=cmd.payment_terms_days,
        preferred_language=cmd.preferred_language,
        departments=cmd.departments,
        contacts=cmd.contacts,
    )
    problems = list(customer_problems(identity))
    if problems:
        raise InvalidCustomer(problems)


async def create_customer(
    cmd: CreateCustomer, uow: UnitOfWork, principal: Principal
) -> Customer:
    for department in cmd.departments:
        authorize(principal, Action.CUSTOMER_WRITE, department)
    check_customer(cmd)
    customer = Customer(
        id=str(uuid.uuid4()),
        department=cmd.departments[0],
        version=1,
        created_at=datetime.now(UTC),
    )
    _apply(customer, cmd)
    uow.session.add(customer)
    await uow.session.flush()
    return customer


async def update_customer(
    cmd: UpdateCustomer, uow: UnitOfWork, principal: Principal
) -> Customer:
    """Edit a customer the caller may write in one of its departments.

    Adding or removing a department needs write access to that department.
    """
    customer = await visible_customer(
        uow, principal, cmd.customer_id, Action.CUSTOMER_WRITE, lock=True
    )
    check_version(customer, cmd.expected_version)
    changed = dataclasses.replace(command_of(customer), **cmd.changes)
    for department in set(changed.departments) ^ set(customer.departments):
        authorize(principal, Action.CUSTOMER_WRITE, department)
    check_customer(changed)
    _apply(customer, changed)
    customer.version += 1
    await uow.session.flush()
    return customer


async def visible_customer(
    uow: UnitOfWork,
    principal: Principal,
    customer_id: str,
    action: Action = Action.CUSTOMER_READ,
    *,
    lock: bool = False,
) -> Customer:
    """The customer, if one of its departments is visible to the caller."""
    require(principal, action)
    customer = await repository.get_customer(uow.session, customer_id, lock=lock)
    departments = customer.departments if customer else []
    visible = [d for d in departments if sees_department(principal, d)]
    authorize(principal, action, visible[0] if visible else "")
    if customer is None:
        raise NotFound("not found")
    return customer


def command_of(customer: Customer) -> CreateCustomer:
    return CreateCustomer(
        departments=tuple(customer.departments),
        name=customer.name,
        siren=customer.siren or None,
        vat_id=customer.vat_id,
        email=customer.email,
        address_lines=tuple(customer.address_lines),
        country=customer.country,
        payment_terms_days=customer.payment_terms_days,
        siret=customer.siret,
        postcode=customer.postcode,
        city=customer.city,
        subdivision=customer.subdivision,
        contacts=tuple(Contact(**row) for row in customer.contacts),  # type: ignore[arg-type]
        preferred_language=customer.preferred_language,
    )


def _apply(customer: Customer, cmd: CreateCustomer) -> None:
    customer.name = cmd.name.strip()
    customer.siren = compact_siren(cmd.siren) or ""
    customer.siret = compact_siret(cmd.siret)
    customer.vat_id = compact_vat_id(cmd.vat_id)
    customer.email = cmd.email
    customer.address_lines = list(cmd.address_lines)
    customer.postcode, customer.city = cmd.postcode, cmd.city
    customer.subdivision = cmd.subdivision
    customer.country = cmd.country
    customer.contacts = [dataclasses.asdict(c) for c in cmd.contacts]
    customer.payment_terms_days = cmd.payment_terms_days
    customer.preferred_language = cmd.preferred_language
    customer.shares = [
        CustomerDepartment(department=department, position=position)
        for position, department in enumerate(cmd.departments, start=1)
    ]
