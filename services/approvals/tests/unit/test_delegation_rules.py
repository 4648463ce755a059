"""Delegated authority under four-eyes, on plain values and injected days."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from facturo_approvals.domain.delegations import delegated_to, in_force
from facturo_approvals.domain.errors import (
    AlreadyDecidedStep,
    AuthorCannotDecide,
    NotYourStep,
)
from facturo_approvals.domain.four_eyes import Decider, Permit, check_decision
from facturo_approvals.domain.request import Decision

START = date(2026, 12, 1)
END = date(2026, 12, 14)


@dataclass
class Lent:
    department: str = "SAL"
    delegator_id: str = "sub-marc"
    delegate_id: str = "sub-claire"
    starts_on: date = START
    ends_on: date = END
    revoked: bool = False


@dataclass
class Step:
    role: str
    decided_by: str | None = None
    decided_on_behalf_of: str | None = None


@dataclass
class Request:
    department: str = "SAL"
    author_id: str = "sub-fanny"
    status: str = "pending"
    steps: list[Step] = field(default_factory=lambda: [Step("approver")])


def claire_on(day: date, *lent: Lent) -> Decider:
    held = delegated_to(lent or [Lent()], "sub-claire", day)
    return Decider("sub-claire", frozenset({"clerk"}), frozenset({"SAL"}), held)


@pytest.mark.parametrize(
    ("day", "held"),
    [
        (START - timedelta(days=1), False),
        (START, True),
        (END, True),
        (END + timedelta(days=1), False),
    ],
)
def test_a_delegation_is_in_force_on_its_days_only(day: date, held: bool) -> None:
    assert in_force(Lent(), day) is held
    assert bool(delegated_to([Lent()], "sub-claire", day)) is held


def test_only_the_delegate_holds_it_and_not_once_revoked() -> None:
    assert delegated_to([Lent()], "sub-tom", START) == {}
    assert delegated_to([Lent(revoked=True)], "sub-claire", START) == {}


def test_a_delegate_decides_an_approver_step_on_behalf_of_the_delegator() -> None:
    permit = check_decision(Request(), claire_on(START), Decision.APPROVED)

    assert permit == Permit(0, on_behalf_of="sub-marc")


def test_the_day_after_ends_on_the_delegate_is_refused() -> None:
    with pytest.raises(NotYourStep):
        check_decision(Request(), claire_on(END + timedelta(days=1)), Decision.APPROVED)


def test_the_delegate_is_never_the_author() -> None:
    with pytest.raises(AuthorCannotDecide):
        check_decision(
            Request(author_id="sub-claire"), claire_on(START), Decision.REJECTED
        )


def test_a_delegation_never_serves_the_author() -> None:
    with pytest.raises(AuthorCannotDecide):
        check_decision(
            Request(author_id="sub-marc"), claire_on(START), Decision.APPROVED
        )


def test_another_delegators_authority_is_used_when_one_is_the_author() -> None:
    decider = claire_on(START, Lent(), Lent(delegator_id="sub-mia"))

    permit = check_decision(Request(author_id="sub-marc"), decider, Decision.APPROVED)

    assert permit.on_behalf_of == "sub-mia"


def test_a_delegation_does_not_reach_a_finance_step() -> None:
    request = Request(steps=[Step("approver", "sub-marc"), Step("finance")])

    with pytest.raises(NotYourStep):
        check_decision(request, claire_on(START), Decision.APPROVED)


def test_a_used_authority_cannot_decide_a_second_step() -> None:
    request = Request(
        steps=[Step("approver", "sub-paul", "sub-marc"), Step("approver")]
    )
    marc = Decider("sub-marc", frozenset({"approver"}), frozenset({"SAL"}))

    with pytest.raises(AlreadyDecidedStep):
        check_decision(request, marc, Decision.APPROVED)
    with pytest.raises(AlreadyDecidedStep):
        check_decision(request, claire_on(START), Decision.APPROVED)


def test_a_delegate_decides_one_step_only() -> None:
    request = Request(
        steps=[Step("approver", "sub-claire", "sub-marc"), Step("approver")]
    )

    with pytest.raises(AlreadyDecidedStep):
        check_decision(request, claire_on(START), Decision.APPROVED)
