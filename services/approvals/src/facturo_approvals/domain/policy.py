"""Approval policies: the ordered steps an invoice needs before issue.

A policy is data: each step names the role that decides it and the gross
amount from which it applies. Amounts are compared in the invoice's own
currency; there is no conversion, so a department billing in several
currencies needs an override per its own thresholds.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from facturo_approvals.domain.errors import InvalidPolicy

FINANCE_THRESHOLD = Decimal("10000")


class StepRole(StrEnum):
    """The role whose holders decide a step (names match the realm roles)."""

    APPROVER = "approver"
    FINANCE = "finance"


@dataclass(frozen=True)
class PolicyStep:
    """A step decided by `role`, needed when gross >= `threshold`."""

    role: StepRole
    threshold: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, Decimal) or not self.threshold.is_finite():
            raise InvalidPolicy("a step threshold must be a finite Decimal")
        if self.threshold < 0:
            raise InvalidPolicy("a step threshold cannot be negative")


@dataclass(frozen=True)
class ApprovalPolicy:
    """Steps in decision order; the first applies to every invoice."""

    steps: tuple[PolicyStep, ...]

    def __post_init__(self) -> None:
        if not self.steps:
            raise InvalidPolicy("a policy needs at least one step")
        if self.steps[0].threshold != 0:
            raise InvalidPolicy("the first step must apply from 0")
        thresholds = [step.threshold for step in self.steps]
        if thresholds != sorted(thresholds):
            raise InvalidPolicy("step thresholds must not decrease")

    def steps_for(self, gross: Decimal) -> tuple[StepRole, ...]:
        """The roles deciding, in order, an invoice of this gross amount."""
        first, *rest = self.steps
        return (first.role, *(s.role for s in rest if gross >= s.threshold))


DEFAULT_POLICY = ApprovalPolicy(
    (
        PolicyStep(StepRole.APPROVER, Decimal("0")),
        PolicyStep(StepRole.FINANCE, FINANCE_THRESHOLD),
    )
)


@dataclass(frozen=True)
class PolicyBook:
    """Every department's policy: a default and per-department overrides."""

    default: ApprovalPolicy = DEFAULT_POLICY
    overrides: Mapping[str, ApprovalPolicy] = field(default_factory=dict)

    def for_department(self, department: str) -> ApprovalPolicy:
        return self.overrides.get(department, self.default)

    def steps_for(self, department: str, gross: Decimal) -> tuple[StepRole, ...]:
        return self.for_department(department).steps_for(gross)
