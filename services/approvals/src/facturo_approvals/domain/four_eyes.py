"""Four-eyes: the author never decides, a person decides at most one step,
and a step is decided only by its own role. There is no admin bypass.
"""

from dataclasses import dataclass

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
    current_step_index,
)


@dataclass(frozen=True)
class Decider:
    """Who is deciding: their subject id, realm roles and departments."""

    subject: str
    roles: frozenset[str]
    departments: frozenset[str]


def holds_step_role(decider: Decider, role: str, department: str) -> bool:
    """Approvers decide for their own departments; finance for all."""
    if role not in decider.roles:
        return False
    return role != StepRole.APPROVER or department in decider.departments


def check_may_decide(request: RequestView, decider: Decider, decision: Decision) -> int:
    """The index of the step `decider` may decide now; raises otherwise."""
    index = current_step_index(request.steps)
    if request.status != RequestStatus.PENDING or index is None:
        raise RequestClosed(request.status)
    if decider.subject == request.author_id:
        raise AuthorCannotDecide(decision.verb)
    if any(step.decided_by == decider.subject for step in request.steps):
        raise AlreadyDecidedStep()
    role = request.steps[index].role
    if not holds_step_role(decider, role, request.department):
        raise NotYourStep(role, request.department)
    return index


def may_decide_now(request: RequestView, decider: Decider) -> bool:
    try:
        check_may_decide(request, decider, Decision.APPROVED)
    except (FourEyesViolation, RequestClosed):
        return False
    return True
