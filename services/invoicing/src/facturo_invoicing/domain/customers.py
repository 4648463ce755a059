"""Customer rules: French and EU identifiers, address, terms and contacts."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as siren_number
from stdnum.fr import siret as siret_number

from facturo_invoicing.domain.errors import FieldProblem

LANGUAGES = frozenset({"fr", "en"})
MAX_TERMS_DAYS = 60  # Code de commerce, art. L. 441-10
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,24}")
_DEPARTMENT = re.compile(r"[A-Z]{2,10}")


@dataclass(frozen=True)
class Contact:
    """A person at the customer; role ``billing`` receives the invoices."""

    name: str
    email: str | None = None
    phone: str | None = None
    role: str = "billing"


@dataclass(frozen=True)
class CustomerIdentity:
    """What the rules look at; identifiers as typed (spaces allowed)."""

    name: str
    country: str
    siren: str | None
    siret: str | None
    vat_id: str | None
    payment_terms_days: int
    preferred_language: str
    departments: Sequence[str]
    contacts: Sequence[Contact] = ()


@cache
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, as Babel's CLDR territories list them."""
    codes = Locale("en").territories
    alpha2 = {c for c in codes if isinstance(c, str) and len(c) == 2 and c.isalpha()}
    return frozenset(alpha2) - _NOT_COUNTRIES


def customer_problems(customer: CustomerIdentity) -> Iterator[FieldProblem]:
    if not customer.name.strip():
        yield FieldProblem("name", "must not be empty")
    if customer.country not in countries():
        yield FieldProblem("country", "not an ISO 3166-1 alpha-2 country code")
    if customer.country == "FR":
        yield from _french_problems(customer)
    if customer.vat_id and not eu_vat.is_valid(customer.vat_id):
        yield FieldProblem("vat_id", "not a valid EU VAT number")
    if not 0 <= customer.payment_terms_days <= MAX_TERMS_DAYS:
        yield FieldProblem(
            "payment_terms_days", f"must be 0 to {MAX_TERMS_DAYS} days (French law)"
        )
    if customer.preferred_language not in LANGUAGES:
        yield FieldProblem("preferred_language", "must be fr or en")
    yield from _department_problems(customer.departments)
    for index, contact in enumerate(customer.contacts):
        yield from _contact_problems(f"contacts/{index}", contact)


def _french_problems(customer: CustomerIdentity) -> Iterator[FieldProblem]:
    siren = siren_number.compact(customer.siren or "")
    if not siren_number.is_valid(siren):
        yield FieldProblem("siren", "not a valid SIREN")
        return
    if customer.siret:
        siret = siret_number.compact(customer.siret)
        if not siret_number.is_valid(siret):
            yield FieldProblem("siret", "not a valid SIRET")
        elif siret[:9] != siren:
            yield FieldProblem("siret", "does not belong to this SIREN")
    if customer.vat_id and eu_vat.is_valid(customer.vat_id):
        vat_id = eu_vat.compact(customer.vat_id)
        if vat_id.startswith("FR") and vat_id[4:] != siren:
            yield FieldProblem("vat_id", "does not belong to this SIREN")


def _department_problems(departments: Sequence[str]) -> Iterator[FieldProblem]:
    if not departments:
        yield FieldProblem("departments", "at least one department is required")
    for index, code in enumerate(departments):
        if not _DEPARTMENT.fullmatch(code):
            yield FieldProblem(f"departments/{index}", "not a department code")
    if len(set(departments)) != len(departments):
        yield FieldProblem("departments", "must not repeat a department")


def _contact_problems(at: str, contact: Contact) -> Iterator[FieldProblem]:
    if not contact.name.strip():
        yield FieldProblem(f"{at}/name", "must not be empty")
    if contact.phone and not _PHONE.fullmatch(contact.phone):
        yield FieldProblem(f"{at}/phone", "not a telephone number")


def compact_siren(value: str | None) -> str | None:
    return siren_number.compact(value) if value else None


def compact_siret(value: str | None) -> str | None:
    return siret_number.compact(value) if value else None


def compact_vat_id(value: str | None) -> str | None:
    return eu_vat.compact(value) if value else None


def invoicing_email(email: str | None, contacts: Sequence[Contact]) -> str | None:
    """Where invoices go: the customer's address, else a billing contact's."""
    if email:
        return email
    billing = [c for c in contacts if c.email and c.role == "billing"]
    anyone = [c for c in contacts if c.email]
    chosen = billing or anyone
    return chosen[0].email if chosen else None
