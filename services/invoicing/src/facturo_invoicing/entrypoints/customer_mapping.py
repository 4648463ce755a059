"""Customers: from stored rows to HTTP schemas and from schemas to commands."""

from typing import Any

from facturo_invoicing.adapters.orm import Customer
from facturo_invoicing.domain.customers import Contact, invoicing_email
from facturo_invoicing.entrypoints.schemas import (
    AddressRead,
    ContactCreate,
    ContactRead,
    CustomerCreate,
    CustomerRead,
    CustomerUpdate,
)
from facturo_invoicing.service_layer.commands import CreateCustomer, UpdateCustomer


def customer_read(customer: Customer) -> CustomerRead:
    contacts = [Contact(**row) for row in customer.contacts]  # type: ignore[arg-type]
    return CustomerRead(
        id=customer.id,
        department=customer.department,
        departments=customer.departments,
        name=customer.name,
        siren=customer.siren or None,
        siret=customer.siret,
        vat_id=customer.vat_id,
        email=invoicing_email(customer.email, contacts),
        address=AddressRead(
            lines=list(customer.address_lines),
            postcode=customer.postcode,
            city=customer.city,
            subdivision=customer.subdivision,
            country=customer.country,
        ),
        address_lines=list(customer.address_lines),
        country=customer.country,
        contacts=[ContactRead(**row) for row in customer.contacts],
        payment_terms_days=customer.payment_terms_days,
        preferred_language=customer.preferred_language,
        version=customer.version,
    )


def create_customer_command(body: CustomerCreate) -> CreateCustomer:
    departments = list(body.departments)
    if body.department and body.department not in departments:
        departments.insert(0, body.department)
    address = body.address
    return CreateCustomer(
        departments=tuple(departments),
        name=body.name,
        siren=body.siren,
        siret=body.siret,
        vat_id=body.vat_id,
        email=str(body.email) if body.email else None,
        address_lines=tuple(address.lines if address else body.address_lines),
        postcode=address.postcode if address else None,
        city=address.city if address else None,
        subdivision=address.subdivision if address else None,
        country=body.country,
        contacts=tuple(_contact(c) for c in body.contacts),
        payment_terms_days=body.payment_terms_days,
        preferred_language=body.preferred_language,
    )


def update_customer_command(
    customer_id: str, expected_version: int | None, body: CustomerUpdate
) -> UpdateCustomer:
    changes: dict[str, Any] = {}
    for name in body.model_fields_set:
        value = getattr(body, name)
        if name == "address":
            changes["address_lines"] = tuple(value.lines)
            changes.update(
                postcode=value.postcode, city=value.city, subdivision=value.subdivision
            )
        elif name == "contacts":
            changes[name] = tuple(_contact(c) for c in value)
        elif name == "departments":
            changes[name] = tuple(value)
        elif name == "email":
            changes[name] = str(value) if value else None
        else:
            changes[name] = value
    return UpdateCustomer(customer_id, expected_version, changes)


def _contact(contact: ContactCreate) -> Contact:
    return Contact(
        name=contact.name,
        email=str(contact.email) if contact.email else None,
        phone=contact.phone,
        role=contact.role,
    )
