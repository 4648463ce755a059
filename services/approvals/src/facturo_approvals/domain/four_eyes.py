"""Four-eyes: the author never decides, a person decides at most one step,
and a step is decided only by its own role. There is no admin bypass.

A delegate decides an approver step of a department in the place of the
approver who delegated to them ("on behalf of"); the delegator's authority
then counts as used on that request, and never serves its author.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from facturo_approvals.domain.errors import (
    AlreadyDecidedStep,
    AuthorCannotDecide,
    FourEyesViolation,
    NotYourStep,
    RequestClosed,
)
from facturo_approvals.domain.policy import StepRole
from facturo_approvals.domain.request import (
    Decision,
    RequestStatus,
    RequestView,
    StepView,
    current_step_index,
)


@dataclass(frozen=True)
class Decider:
    """Who is deciding: their subject id, realm roles and departments.

    `delegated` maps a department to the approvers whose authority the
    decider holds there on the day of the decision.
    """

    subject: str
    roles: frozenset[str]
    departments: frozenset[str]
    delegated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Permit:
    """The step the decider may decide, and whose authority they use."""

    index: int
    on_behalf_of: str | None = None


def holds_step_role(decider: Decider, role: str, department: str) -> bool:
    """Approvers decide for their own departments; finance for all."""
    if role not in decider.roles:
        return False
    return role != StepRole.APPROVER or department in decider.departments


def check_may_decide(request: RequestView, decider: Decider, decision: Decision) -> int:
    """The index of the step `decider` may decide now; raises otherwise."""
    return check_decision(request, decider, decision).index


def check_decision(
    request: RequestView, decider: Decider, decision: Decision
) -> Permit:
    """The step `decider` may decide now and on whose behalf; raises otherwise."""
    index = current_step_index(request.steps)
    if request.status != RequestStatus.PENDING or index is None:
        raise RequestClosed(request.status)
    if decider.subject == request.author_id:
        raise AuthorCannotDecide(decision.verb)
    deciders = people_who_decided(request.steps)
    if decider.subject in deciders:
        raise AlreadyDecidedStep()
    role = request.steps[index].role
    if holds_step_role(decider, role, request.department):
        return Permit(index)
    return Permit(index, _delegator(request, decider, role, deciders, decision))


def people_who_decided(steps: Sequence[StepView]) -> frozenset[str]:
    """Whoever decided a step, and whoever a delegate decided it for."""
    people = {step.decided_by for step in steps}
    people |= {step.decided_on_behalf_of for step in steps}
    return frozenset(person for person in people if person is not None)


def _delegator(
    request: RequestView,
    decider: Decider,
    role: str,
    deciders: frozenset[str],
    decision: Decision,
) -> str:
    """The approver whose delegation lets `decider` decide this step."""
    held = decider.delegated.get(request.department, ())
    if role != StepRole.APPROVER or not held:
        raise NotYourStep(role, request.department)
    usable = [d for d in held if d != request.author_id and d not in deciders]
    if usable:
        return usable[0]
    if request.author_id in held:
        raise AuthorCannotDecide(decision.verb)
    raise AlreadyDecidedStep()


def may_decide_now(request: RequestView, decider: Decider) -> bool:
    try:
        check_may_decide(request, decider, Decision.APPROVED)
    except (FourEyesViolation, RequestClosed):
        return False
    return True
