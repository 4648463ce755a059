"""Customer use cases."""

import uuid
from datetime import UTC, datetime

from stdnum.fr import siren as siren_number
from stdnum.fr import tva

from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters.orm import Customer
from facturo_invoicing.domain.errors import FieldProblem, InvalidInvoice
from facturo_invoicing.service_layer.commands import CreateCustomer


class InvalidCustomer(InvalidInvoice):
    """Customer data breaks one or more rules; all of them are listed."""


def check_customer(cmd: CreateCustomer) -> None:
    problems = []
    if not cmd.name.strip():
        problems.append(FieldProblem("name", "must not be empty"))
    if cmd.country == "FR" and not siren_number.is_valid(cmd.siren):
        problems.append(FieldProblem("siren", "not a valid SIREN"))
    if cmd.vat_id and cmd.vat_id.startswith("FR") and not tva.is_valid(cmd.vat_id):
        problems.append(FieldProblem("vat_id", "not a valid French VAT number"))
    if cmd.payment_terms_days < 0 or cmd.payment_terms_days > 60:
        problems.append(
            FieldProblem("payment_terms_days", "must be 0 to 60 days (French law)")
        )
    if problems:
        raise InvalidCustomer(problems)


async def create_customer(
    cmd: CreateCustomer, uow: UnitOfWork, principal: Principal
) -> Customer:
    authorize(principal, Action.CUSTOMER_WRITE, cmd.department)
    check_customer(cmd)
    customer = Customer(
        id=str(uuid.uuid4()),
        department=cmd.department,
        name=cmd.name.strip(),
        siren=siren_number.compact(cmd.siren),
        vat_id=tva.compact(cmd.vat_id) if cmd.vat_id else None,
        email=cmd.email,
        address_lines=list(cmd.address_lines),
        country=cmd.country,
        payment_terms_days=cmd.payment_terms_days,
        version=1,
        created_at=datetime.now(UTC),
    )
    uow.session.add(customer)
    await uow.session.flush()
    return customer
