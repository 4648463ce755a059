"""Comments on an invoice: what a comment may say and whom it may mention."""

from collections.abc import Iterable
from dataclasses import dataclass

from facturo_invoicing.domain.errors import DomainError, FieldProblem

MAX_TEXT = 4000
MAX_MENTIONS = 20


@dataclass(frozen=True)
class Colleague:
    """A user of the identity directory, as far as mentions need one."""

    id: str
    departments: frozenset[str]
    roles: frozenset[str]
    enabled: bool


class InvalidComment(DomainError):
    """The comment breaks one or more rules; all of them are listed."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid comment: {summary}")


def comment_text(text: str) -> str:
    """The text without surrounding blanks; 1 to `MAX_TEXT` characters."""
    stripped = text.strip()
    if not 1 <= len(stripped) <= MAX_TEXT:
        message = f"between 1 and {MAX_TEXT} characters, blanks aside"
        raise InvalidComment([FieldProblem("text", message)])
    return stripped


def distinct_mentions(user_ids: Iterable[str]) -> tuple[str, ...]:
    """Each id once, in the order first given; at most `MAX_MENTIONS`."""
    distinct = tuple(dict.fromkeys(user_ids))
    if len(distinct) > MAX_MENTIONS:
        message = f"at most {MAX_MENTIONS} different users"
        raise InvalidComment([FieldProblem("mentions", message)])
    return distinct


def unmentionable(positions: Iterable[tuple[int, str]]) -> InvalidComment:
    """The refusal naming each id that cannot be mentioned.

    One wording for every reason (unknown, disabled, a service, cannot see
    the invoice), so that the answer does not tell who exists where.
    """
    return InvalidComment(
        FieldProblem(
            f"mentions/{index}",
            f"user {user_id} cannot be mentioned on this invoice",
        )
        for index, user_id in positions
    )
