"""Four-eyes: who may decide which step of an approval request."""

from dataclasses import dataclass, field

import pytest

from facturo_approvals.domain.errors import (
    AlreadyDecidedStep,
    AuthorCannotDecide,
    NotYourStep,
    RequestClosed,
)
from facturo_approvals.domain.four_eyes import (
    Decider,
    check_may_decide,
    may_decide_now,
)
from facturo_approvals.domain.request import (
    Decision,
    RequestStatus,
    current_step_index,
    status_after,
)


@dataclass
class Step:
    role: str
    decided_by: str | None = None
    decided_on_behalf_of: str | None = None


@dataclass
class Request:
    department: str = "SAL"
    author_id: str = "sub-claire"
    status: str = "pending"
    steps: list[Step] = field(default_factory=lambda: [Step("approver")])


def two_steps(first_by: str | None = None) -> Request:
    return Request(steps=[Step("approver", first_by), Step("finance")])


MARC = Decider("sub-marc", frozenset({"approver"}), frozenset({"SAL"}))
SOPHIE = Decider("sub-sophie", frozenset({"approver"}), frozenset({"SRV"}))
FANNY = Decider("sub-fanny", frozenset({"finance"}), frozenset())
ADA = Decider("sub-ada", frozenset({"admin"}), frozenset({"SAL"}))
CLAIRE_APPROVER = Decider("sub-claire", frozenset({"approver"}), frozenset({"SAL"}))
BOTH = Decider("sub-boss", frozenset({"approver", "finance"}), frozenset({"SAL"}))
FINANCE_ADMIN = Decider(
    "sub-fa", frozenset({"approver", "finance", "admin"}), frozenset()
)


def test_approver_of_the_department_decides_the_first_step() -> None:
    assert check_may_decide(Request(), MARC, Decision.APPROVED) == 0


def test_author_can_never_decide_even_holding_the_role() -> None:
    with pytest.raises(AuthorCannotDecide, match="cannot approve it"):
        check_may_decide(Request(), CLAIRE_APPROVER, Decision.APPROVED)
    with pytest.raises(AuthorCannotDecide, match="cannot reject it"):
        check_may_decide(Request(), CLAIRE_APPROVER, Decision.REJECTED)


def test_approver_of_another_department_cannot_decide() -> None:
    with pytest.raises(NotYourStep):
        check_may_decide(Request(), SOPHIE, Decision.APPROVED)


def test_approver_step_needs_membership_even_with_all_department_roles() -> None:
    with pytest.raises(NotYourStep):
        check_may_decide(Request(), FINANCE_ADMIN, Decision.APPROVED)


def test_finance_does_not_decide_an_approver_step() -> None:
    with pytest.raises(NotYourStep, match="approver"):
        check_may_decide(two_steps(), FANNY, Decision.APPROVED)


def test_finance_decides_the_finance_step_of_any_department() -> None:
    request = two_steps(first_by="sub-marc")
    request.department = "SRV"

    assert check_may_decide(request, FANNY, Decision.APPROVED) == 1


def test_approver_does_not_decide_a_finance_step() -> None:
    with pytest.raises(NotYourStep, match="finance"):
        check_may_decide(two_steps(first_by="sub-other"), MARC, Decision.APPROVED)


def test_a_person_decides_at_most_one_step() -> None:
    with pytest.raises(AlreadyDecidedStep):
        check_may_decide(two_steps(first_by="sub-boss"), BOTH, Decision.APPROVED)


def test_admin_without_the_step_role_cannot_decide() -> None:
    with pytest.raises(NotYourStep):
        check_may_decide(Request(), ADA, Decision.APPROVED)


@pytest.mark.parametrize("status", ["granted", "rejected"])
def test_a_closed_request_takes_no_decision(status: str) -> None:
    with pytest.raises(RequestClosed):
        check_may_decide(Request(status=status), MARC, Decision.REJECTED)


def test_may_decide_now_answers_without_raising() -> None:
    assert may_decide_now(Request(), MARC)
    assert not may_decide_now(Request(), CLAIRE_APPROVER)
    assert not may_decide_now(Request(), SOPHIE)
    assert not may_decide_now(two_steps(), FANNY)
    assert may_decide_now(two_steps(first_by="sub-marc"), FANNY)
    assert not may_decide_now(two_steps(first_by="sub-marc"), MARC)


def test_current_step_is_the_first_undecided() -> None:
    assert current_step_index([Step("approver"), Step("finance")]) == 0
    assert current_step_index([Step("approver", "x"), Step("finance")]) == 1
    assert current_step_index([Step("approver", "x"), Step("finance", "y")]) is None


@pytest.mark.parametrize(
    ("decision", "index", "count", "expected"),
    [
        (Decision.APPROVED, 0, 1, RequestStatus.GRANTED),
        (Decision.APPROVED, 0, 2, RequestStatus.PENDING),
        (Decision.APPROVED, 1, 2, RequestStatus.GRANTED),
        (Decision.REJECTED, 0, 2, RequestStatus.REJECTED),
        (Decision.REJECTED, 1, 2, RequestStatus.REJECTED),
    ],
)
def test_status_after_a_decision(
    decision: Decision, index: int, count: int, expected: RequestStatus
) -> None:
    assert status_after(decision, index, count) is expected
