"""Delegations of approval authority: pure rules, no I/O.

An approver lets another member of a department decide that department's
approver steps in their place, for a range of days (both ends included).
"""

from dataclasses import dataclass
from datetime import date

from facturo_identity.domain.directory import DirectoryUser
from facturo_identity.domain.errors import FieldProblem, InvalidDelegation

MAX_DAYS = 90


@dataclass(frozen=True)
class DelegationTerms:
    department: str
    delegator_id: str
    delegate_id: str
    starts_on: date
    ends_on: date
    reason: str


def check_terms(
    terms: DelegationTerms, delegate: DirectoryUser | None, today: date
) -> None:
    """Raise InvalidDelegation listing every rule the terms break."""
    problems = [*_party_problems(terms, delegate), *_date_problems(terms, today)]
    if problems:
        raise InvalidDelegation(problems)


def is_active(starts_on: date, ends_on: date, revoked: bool, on: date) -> bool:
    """A delegation expires by itself once `ends_on` is past."""
    return not revoked and starts_on <= on <= ends_on


def _party_problems(
    terms: DelegationTerms, delegate: DirectoryUser | None
) -> list[FieldProblem]:
    if terms.delegate_id == terms.delegator_id:
        return [FieldProblem("delegate_id", "you cannot delegate to yourself")]
    if delegate is None or terms.department not in delegate.departments:
        message = f"not a member of {terms.department}"
        return [FieldProblem("delegate_id", message)]
    if not delegate.enabled:
        return [FieldProblem("delegate_id", "this account is disabled")]
    return []


def _date_problems(terms: DelegationTerms, today: date) -> list[FieldProblem]:
    if terms.ends_on < terms.starts_on:
        return [FieldProblem("ends_on", "must not be before starts_on")]
    problems = []
    if (terms.ends_on - terms.starts_on).days + 1 > MAX_DAYS:
        problems.append(FieldProblem("ends_on", f"at most {MAX_DAYS} days"))
    if terms.ends_on < today:
        problems.append(FieldProblem("ends_on", "must not be in the past"))
    return problems
