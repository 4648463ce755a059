"""A person's data in invoicing: handed to identity, erased on `PersonErased`.

Kept: ids of who did what, issued documents and their legal content (the
customer's name and address, numbers, amounts, PDFs). Erased: a customer
e-mail that is the person's, the customer contacts with their address (name,
e-mail and phone), and the username kept next to what they wrote, which
becomes the erasure's pseudonym (versions are bumped, so ETags change).
"""

import logging
from dataclasses import dataclass, field
from typing import Any

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.privacy import PersonalDataQuery, email_sha256, same_email
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity
from facturo_invoicing.adapters import personal_data, repository
from facturo_invoicing.adapters.orm import Customer, InvoiceComment
from facturo_invoicing.domain.privacy import Contact, contacts_of, contacts_without

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InvoicingPart:
    """What invoicing holds about one person."""

    customers: list[Customer] = field(default_factory=list)
    contacts: list[tuple[Customer, Contact]] = field(default_factory=list)
    records: dict[str, list[Any]] = field(default_factory=dict)
    mentioned_in: list[InvoiceComment] = field(default_factory=list)


async def collect_personal_data(
    query: PersonalDataQuery, uow: UnitOfWork, principal: Principal
) -> InvoicingPart:
    """For identity's export: customers and contacts with the person's
    address, and every row naming the user."""
    require(principal, Action.PRIVACY_COLLECT)
    digest = email_sha256(query.email) if query.email else None
    customers = await personal_data.all_customers(uow.session) if digest else []
    part = InvoicingPart(
        customers=[c for c in customers if same_email(c.email, digest)],
        contacts=[(c, k) for c in customers for k in contacts_of(c.contacts, digest)],
    )
    if query.user_id is None:
        return part
    session = uow.session
    return InvoicingPart(
        customers=part.customers,
        contacts=part.contacts,
        records=await personal_data.records_of(session, query.user_id),
        mentioned_in=await personal_data.comments_mentioning(session, query.user_id),
    )


async def erase_person(event: identity.PersonErased, uow: UnitOfWork) -> None:
    """Idempotent: a second pass finds nothing left to change."""
    customers = 0
    if event.email_sha256 is not None:
        customers = await _erase_address(uow, event.email_sha256)
    renamed = 0
    if event.user_id is not None:
        renamed = await personal_data.rename_author(
            uow.session, event.user_id, event.pseudonym
        )
    logger.info(
        "erasure %s: %d customers changed, %d rows renamed",
        event.erasure_id,
        customers,
        renamed,
    )


async def _erase_address(uow: UnitOfWork, digest: str) -> int:
    changed = 0
    for found in await personal_data.all_customers(uow.session):
        if not _holds(found, digest):
            continue
        customer = await repository.get_customer(uow.session, found.id, lock=True)
        if customer is None or not _holds(customer, digest):
            continue
        if same_email(customer.email, digest):
            customer.email = None
        customer.contacts = contacts_without(customer.contacts, digest)
        customer.version += 1
        changed += 1
    await uow.session.flush()
    return changed


def _holds(customer: Customer, digest: str) -> bool:
    return same_email(customer.email, digest) or bool(
        contacts_of(customer.contacts, digest)
    )
