"""A company's legal entities: the numbers that identify them, checked.

Pure rules, no I/O. The SIREN is France's company number; a French VAT id
is made of it, so the two must agree. The IBAN is shown masked to anyone but
an admin.
"""

from collections.abc import Callable
from dataclasses import dataclass

from stdnum import iban as iban_number
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as siren_number
from stdnum.fr import tva as fr_vat

from facturo_identity.domain.errors import FieldProblem, InvalidLegalEntity

FRANCE = "FR"
IBAN_SHOWN_AT_EACH_END = 4
MASK = "•"


@dataclass(frozen=True)
class LegalEntityTerms:
    """What an admin gives; `clean_terms` returns the numbers compacted."""

    name: str
    siren: str
    vat_id: str
    address: str
    iban: str


def clean_terms(terms: LegalEntityTerms) -> LegalEntityTerms:
    """The terms with every number in its compact form, or every problem."""
    problems: list[FieldProblem] = []
    siren = _checked("siren", terms.siren, siren_number.validate, problems)
    vat_id = _checked("vat_id", terms.vat_id, eu_vat.validate, problems)
    iban = _checked("iban", terms.iban, iban_number.validate, problems)
    if siren and vat_id and not _vat_matches_siren(vat_id, siren):
        problems.append(FieldProblem("vat_id", "does not match the SIREN"))
    if problems:
        raise InvalidLegalEntity(problems)
    return LegalEntityTerms(terms.name, siren, vat_id, terms.address, iban)


def _vat_matches_siren(vat_id: str, siren: str) -> bool:
    """A French VAT id holds the SIREN; another country's says nothing of it."""
    if not vat_id.startswith(FRANCE):
        return True
    return bool(fr_vat.to_siren(vat_id.removeprefix(FRANCE)) == siren)


def _checked(
    field: str,
    value: str,
    validate: Callable[[str], str],
    problems: list[FieldProblem],
) -> str:
    try:
        return str(validate(value))
    except ValidationError as error:
        problems.append(FieldProblem(field, str(error).rstrip(".") or "not valid"))
        return ""


def masked_iban(iban: str) -> str:
    """`FR76•••…0189`: the country, check digits and last four characters."""
    hidden = max(len(iban) - 2 * IBAN_SHOWN_AT_EACH_END, 0)
    return (
        iban[:IBAN_SHOWN_AT_EACH_END]
        + MASK * hidden
        + iban[IBAN_SHOWN_AT_EACH_END + hidden :]
    )
