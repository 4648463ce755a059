"""VAT categories of EN 16931 (UNCL5305 subset) and the rules tied to them."""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from enum import StrEnum

from facturo_invoicing.domain.errors import FieldProblem


class VatCategory(StrEnum):
    """UNCL5305 codes that EN 16931 allows, as French invoices use them."""

    STANDARD = "S"
    ZERO = "Z"
    EXEMPT = "E"
    REVERSE_CHARGE = "AE"
    INTRA_EU = "K"
    EXPORT = "G"
    OUTSIDE_SCOPE = "O"


# Categories whose VAT is never charged on this invoice (EN 16931 BR-x-05).
ZERO_RATED = frozenset(VatCategory) - {VatCategory.STANDARD}

# The VATEX code that goes on the breakdown when the user gives none
# (EN 16931 BR-AE-10, BR-IC-10, BR-G-10, BR-O-10).
DEFAULT_EXEMPTION: dict[VatCategory, tuple[str, str]] = {
    VatCategory.REVERSE_CHARGE: ("VATEX-EU-AE", "Autoliquidation"),
    VatCategory.INTRA_EU: (
        "VATEX-EU-IC",
        "Exonération de TVA, article 262 ter I du CGI",
    ),
    VatCategory.EXPORT: ("VATEX-EU-G", "Exonération de TVA, article 262 I du CGI"),
    VatCategory.OUTSIDE_SCOPE: ("VATEX-EU-O", "Non soumis à la TVA"),
}

# Categories that may, or must, carry an exemption reason on their breakdown.
WITH_REASON = frozenset(DEFAULT_EXEMPTION) | {VatCategory.EXEMPT}


def default_category(rate: Decimal) -> VatCategory:
    """The category implied by a bare rate: S above zero, Z at zero."""
    return VatCategory.STANDARD if rate > 0 else VatCategory.ZERO


def rate_problems(
    at: str, category: VatCategory, rate: Decimal
) -> Iterator[FieldProblem]:
    """S needs a positive rate; every other category has rate 0."""
    if category is VatCategory.STANDARD and rate <= 0:
        yield FieldProblem(at, "standard rated (S) needs a rate above 0")
    elif category in ZERO_RATED and rate != 0:
        yield FieldProblem(at, f"category {category.value} has rate 0")


def reason_problems(
    at: str, category: VatCategory, reason: str | None, code: str | None
) -> Iterator[FieldProblem]:
    """E needs a reason (text or VATEX code); S and Z must not have one."""
    given = bool((reason or "").strip() or (code or "").strip())
    if category is VatCategory.EXEMPT and not given:
        yield FieldProblem(at, "exempt (E) needs an exemption reason or VATEX code")
    elif category not in WITH_REASON and given:
        yield FieldProblem(at, f"category {category.value} takes no exemption reason")
    if code and not code.upper().startswith("VATEX-"):
        yield FieldProblem(
            at, "an exemption code is a VATEX code, e.g. VATEX-FR-FRANCHISE"
        )


def mix_problems(categories: Iterable[VatCategory]) -> Iterator[FieldProblem]:
    """'Not subject to VAT' (O) never shares an invoice (BR-O-11 to BR-O-14)."""
    present = set(categories)
    if VatCategory.OUTSIDE_SCOPE in present and len(present) > 1:
        yield FieldProblem(
            "lines", "category O (not subject to VAT) cannot be mixed with others"
        )


def buyer_problems(
    categories: Iterable[VatCategory],
    buyer_vat_id: str | None,
    buyer_legal_id: str | None,
) -> Iterator[FieldProblem]:
    """What the buyer must be identified by, checked when the invoice is submitted.

    Reverse charge (BR-AE-02) needs the buyer's VAT id or legal registration
    id; an intra-community supply (BR-IC-02) needs the buyer's VAT id.
    """
    present = set(categories)
    if VatCategory.INTRA_EU in present and not buyer_vat_id:
        yield FieldProblem(
            "customer/vat_id", "an intra-EU supply (K) needs the buyer's VAT id"
        )
    if VatCategory.REVERSE_CHARGE in present and not (buyer_vat_id or buyer_legal_id):
        yield FieldProblem(
            "customer/vat_id",
            "reverse charge (AE) needs the buyer's VAT id or legal registration id",
        )
