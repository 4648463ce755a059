"""The pure rules of a delegation's terms and of its days in force."""

from datetime import date, timedelta

import pytest

from facturo_identity.domain.delegations import (
    DelegationTerms,
    check_terms,
    is_active,
)
from facturo_identity.domain.directory import DirectoryUser
from facturo_identity.domain.errors import InvalidDelegation

TODAY = date(2026, 12, 3)
CLAIRE = DirectoryUser(
    id="sub-claire",
    username="claire",
    name="Claire",
    email=None,
    departments=("SAL",),
    roles=("clerk",),
    enabled=True,
)


def terms(**changes: object) -> DelegationTerms:
    base: dict[str, object] = {
        "department": "SAL",
        "delegator_id": "sub-marc",
        "delegate_id": "sub-claire",
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=13),
        "reason": "holidays",
    }
    return DelegationTerms(**(base | changes))  # type: ignore[arg-type]


def problems(error: pytest.ExceptionInfo[InvalidDelegation]) -> list[str]:
    return [f"{p.location}: {p.message}" for p in error.value.problems]


def test_good_terms_pass() -> None:
    check_terms(terms(), CLAIRE, TODAY)


def test_a_disabled_delegate_is_refused() -> None:
    disabled = DirectoryUser(**{**vars(CLAIRE), "enabled": False})

    with pytest.raises(InvalidDelegation) as error:
        check_terms(terms(), disabled, TODAY)

    assert problems(error) == ["delegate_id: this account is disabled"]


def test_every_problem_is_listed() -> None:
    long_and_past = terms(
        starts_on=TODAY - timedelta(days=200), ends_on=TODAY - timedelta(days=1)
    )

    with pytest.raises(InvalidDelegation) as error:
        check_terms(long_and_past, None, TODAY)

    assert problems(error) == [
        "delegate_id: not a member of SAL",
        "ends_on: at most 90 days",
        "ends_on: must not be in the past",
    ]


@pytest.mark.parametrize(
    ("day", "revoked", "active"),
    [
        (TODAY - timedelta(days=1), False, False),
        (TODAY, False, True),
        (TODAY + timedelta(days=13), False, True),
        (TODAY + timedelta(days=14), False, False),
        (TODAY, True, False),
    ],
)
def test_in_force_from_the_first_to_the_last_day_unless_revoked(
    day: date, revoked: bool, active: bool
) -> None:
    assert is_active(TODAY, TODAY + timedelta(days=13), revoked, day) is active
