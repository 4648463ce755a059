"""Approval policies: which steps an invoice needs, by department and amount."""

from decimal import Decimal

import pytest

from facturo_approvals.domain.errors import InvalidPolicy
from facturo_approvals.domain.policy import (
    DEFAULT_POLICY,
    FINANCE_THRESHOLD,
    ApprovalPolicy,
    PolicyBook,
    PolicyStep,
    StepRole,
)

APPROVER = StepRole.APPROVER
FINANCE = StepRole.FINANCE


@pytest.mark.parametrize(
    ("gross", "roles"),
    [
        ("0", (APPROVER,)),
        ("999.99", (APPROVER,)),
        ("9999.99", (APPROVER,)),
        ("10000", (APPROVER, FINANCE)),
        ("10000.00", (APPROVER, FINANCE)),
        ("250000", (APPROVER, FINANCE)),
    ],
)
def test_default_policy_adds_finance_from_ten_thousand(
    gross: str, roles: tuple[StepRole, ...]
) -> None:
    assert DEFAULT_POLICY.steps_for(Decimal(gross)) == roles


def test_default_finance_threshold_is_an_exact_decimal() -> None:
    assert Decimal("10000") == FINANCE_THRESHOLD
    assert isinstance(FINANCE_THRESHOLD, Decimal)


def test_first_step_applies_even_to_a_negative_amount() -> None:
    assert DEFAULT_POLICY.steps_for(Decimal("-5")) == (APPROVER,)


def test_book_uses_the_default_for_departments_without_override() -> None:
    book = PolicyBook()

    assert book.for_department("SAL") == DEFAULT_POLICY
    assert book.steps_for("SRV", Decimal("12000")) == (APPROVER, FINANCE)


def test_department_override_replaces_the_default() -> None:
    strict = ApprovalPolicy(
        (
            PolicyStep(APPROVER, Decimal("0")),
            PolicyStep(APPROVER, Decimal("1000")),
            PolicyStep(FINANCE, Decimal("5000")),
        )
    )
    book = PolicyBook(overrides={"SAL": strict})

    assert book.steps_for("SAL", Decimal("999")) == (APPROVER,)
    assert book.steps_for("SAL", Decimal("1000")) == (APPROVER, APPROVER)
    assert book.steps_for("SAL", Decimal("5000")) == (APPROVER, APPROVER, FINANCE)
    assert book.steps_for("SRV", Decimal("5000")) == (APPROVER,)


@pytest.mark.parametrize(
    "steps",
    [
        (),
        (PolicyStep(APPROVER, Decimal("100")),),
        (
            PolicyStep(APPROVER, Decimal("0")),
            PolicyStep(FINANCE, Decimal("500")),
            PolicyStep(FINANCE, Decimal("100")),
        ),
    ],
    ids=["empty", "first-not-zero", "not-ascending"],
)
def test_malformed_policies_are_refused(steps: tuple[PolicyStep, ...]) -> None:
    with pytest.raises(InvalidPolicy):
        ApprovalPolicy(steps)


@pytest.mark.parametrize("threshold", [Decimal("-1"), Decimal("NaN"), 10000.0])
def test_thresholds_are_finite_non_negative_decimals(threshold: Decimal) -> None:
    with pytest.raises(InvalidPolicy):
        PolicyStep(FINANCE, threshold)
