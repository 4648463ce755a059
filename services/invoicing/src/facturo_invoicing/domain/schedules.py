"""Recurrence of scheduled drafts: the dates of the occurrences and periods.

Every occurrence is computed from the anchor (the start date), never from the
previous occurrence: a schedule anchored on the 31st falls on the last day of
shorter months and comes back to the 31st after them.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from facturo_invoicing.domain.errors import DomainError, FieldProblem


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


class InvalidSchedule(DomainError):
    """Schedule input breaks one or more rules; all of them are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid schedule: {summary}")


@dataclass(frozen=True)
class Recurrence:
    """Every `frequency` from `start`, until `end` (inclusive) or `count`
    occurrences, whichever comes first; neither: for ever."""

    frequency: Frequency
    start: date
    end: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        problems = []
        if self.end is not None and self.end < self.start:
            problems.append(FieldProblem("end_date", "is before the start date"))
        if self.count is not None and self.count < 1:
            problems.append(FieldProblem("count", "must be at least 1"))
        if problems:
            raise InvalidSchedule(problems)


def add_months(anchor: date, months: int) -> date:
    """`anchor` moved by whole months; its day, or the month's last if shorter."""
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(anchor.day, last))


def nominal(recurrence: Recurrence, index: int) -> date:
    """The date of occurrence `index` (0: the start), ignoring the end."""
    return add_months(recurrence.start, index * MONTHS[recurrence.frequency])


def occurrence(recurrence: Recurrence, index: int) -> date | None:
    """The date of occurrence `index`; None once past the end or the count."""
    if recurrence.count is not None and index >= recurrence.count:
        return None
    day = nominal(recurrence, index)
    if recurrence.end is not None and day > recurrence.end:
        return None
    return day


def period(recurrence: Recurrence, index: int) -> tuple[date, date]:
    """The first and last day that occurrence `index` bills."""
    following = nominal(recurrence, index + 1)
    return nominal(recurrence, index), following - timedelta(days=1)


def due(
    recurrence: Recurrence, first: int, today: date, limit: int | None = None
) -> list[tuple[int, date]]:
    """The occurrences from index `first` on that are due on `today` (at most
    `limit`), as (index, date)."""
    found: list[tuple[int, date]] = []
    index = first
    while limit is None or len(found) < limit:
        day = occurrence(recurrence, index)
        if day is None or day > today:
            break
        found.append((index, day))
        index += 1
    return found


def first_on_or_after(recurrence: Recurrence, first: int, day: date) -> int:
    """The first index from `first` on whose date is not before `day`.

    A resumed schedule starts there: what fell due while paused is skipped.
    """
    step = MONTHS[recurrence.frequency]
    months = (day.year - recurrence.start.year) * 12 + day.month
    index = max(first, (months - recurrence.start.month) // step)
    while nominal(recurrence, index) < day:
        index += 1
    return index
