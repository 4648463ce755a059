"""Recurrence arithmetic and the schedule life cycle, without a database."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.schedule_status import (
    InvalidScheduleTransition,
    ScheduleAction,
    ScheduleStatus,
    transition,
)
from facturo_invoicing.domain.schedules import (
    MONTHS,
    Frequency,
    InvalidSchedule,
    Recurrence,
    due,
    first_on_or_after,
    nominal,
    occurrence,
    period,
)

MONTHLY, QUARTERLY, YEARLY = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY


def dates(recurrence: Recurrence, n: int) -> list[date | None]:
    return [occurrence(recurrence, i) for i in range(n)]


def test_anchor_on_the_31st_falls_on_month_ends_then_comes_back() -> None:
    monthly = Recurrence(MONTHLY, date(2027, 1, 31))

    assert dates(monthly, 6) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
    ]


def test_leap_february_and_yearly_on_the_29th() -> None:
    assert occurrence(Recurrence(MONTHLY, date(2028, 1, 31)), 1) == date(2028, 2, 29)
    yearly = Recurrence(YEARLY, date(2028, 2, 29))
    assert dates(yearly, 5) == [
        date(2028, 2, 29),
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
    ]


def test_quarterly_across_the_year_end() -> None:
    quarterly = Recurrence(QUARTERLY, date(2026, 11, 30))

    assert dates(quarterly, 4) == [
        date(2026, 11, 30),
        date(2027, 2, 28),
        date(2027, 5, 30),
        date(2027, 8, 30),
    ]


def test_end_date_is_inclusive() -> None:
    monthly = Recurrence(MONTHLY, date(2026, 11, 1), end=date(2027, 1, 1))

    assert dates(monthly, 5) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        None,
        None,
    ]


def test_count_limits_the_occurrences() -> None:
    quarterly = Recurrence(QUARTERLY, date(2026, 1, 15), count=2)

    assert dates(quarterly, 3) == [date(2026, 1, 15), date(2026, 4, 15), None]


def test_period_runs_to_the_day_before_the_next_occurrence() -> None:
    monthly = Recurrence(MONTHLY, date(2026, 11, 1))

    assert period(monthly, 0) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period(monthly, 1) == (date(2026, 12, 1), date(2026, 12, 31))
    month_end = Recurrence(MONTHLY, date(2027, 1, 31))
    assert period(month_end, 1) == (date(2027, 2, 28), date(2027, 3, 30))
    yearly = Recurrence(YEARLY, date(2026, 7, 1))
    assert period(yearly, 0) == (date(2026, 7, 1), date(2027, 6, 30))


def test_due_lists_what_has_come_from_the_first_not_generated() -> None:
    monthly = Recurrence(MONTHLY, date(2026, 9, 15), count=5)

    assert due(monthly, 0, date(2026, 9, 14)) == []
    assert due(monthly, 0, date(2026, 11, 15)) == [
        (0, date(2026, 9, 15)),
        (1, date(2026, 10, 15)),
        (2, date(2026, 11, 15)),
    ]
    assert due(monthly, 2, date(2027, 6, 1)) == [
        (2, date(2026, 11, 15)),
        (3, date(2026, 12, 15)),
        (4, date(2027, 1, 15)),
    ]
    assert due(monthly, 0, date(2027, 6, 1), limit=2) == [
        (0, date(2026, 9, 15)),
        (1, date(2026, 10, 15)),
    ]


def test_resume_skips_what_fell_due_while_paused() -> None:
    monthly = Recurrence(MONTHLY, date(2026, 1, 31))

    assert first_on_or_after(monthly, 1, date(2026, 6, 15)) == 5  # 2026-06-30
    assert first_on_or_after(monthly, 1, date(2026, 6, 30)) == 5
    assert first_on_or_after(monthly, 1, date(2026, 7, 1)) == 6
    assert first_on_or_after(monthly, 3, date(2026, 1, 1)) == 3


def test_bad_bounds_are_refused_with_every_problem() -> None:
    with pytest.raises(InvalidSchedule) as refused:
        Recurrence(MONTHLY, date(2026, 5, 1), end=date(2026, 4, 30), count=0)

    assert [p.location for p in refused.value.problems] == ["end_date", "count"]


def test_life_cycle() -> None:
    S, A = ScheduleStatus, ScheduleAction
    assert transition(S.ACTIVE, A.PAUSE) is S.PAUSED
    assert transition(S.PAUSED, A.RESUME) is S.ACTIVE
    assert transition(S.PAUSED, A.END) is S.ENDED
    for current, action in [(S.ACTIVE, A.RESUME), (S.ENDED, A.RESUME)]:
        with pytest.raises(InvalidScheduleTransition):
            transition(current, action)
    with pytest.raises(InvalidScheduleTransition, match="cannot edit"):
        transition(S.ENDED, A.EDIT)


anchors = st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31))
frequencies = st.sampled_from(list(Frequency))


@settings(max_examples=300, deadline=None)
@given(
    anchor=anchors,
    frequency=frequencies,
    end_after=st.none() | st.integers(0, 2000),
    count=st.none() | st.integers(1, 40),
)
def test_occurrences_increase_one_per_period_never_after_the_end(
    anchor: date, frequency: Frequency, end_after: int | None, count: int | None
) -> None:
    end = None if end_after is None else anchor + timedelta(days=end_after)
    recurrence = Recurrence(frequency, anchor, end=end, count=count)
    found = [d for d in dates(recurrence, 50) if d is not None]

    assert found[0] == anchor
    assert found == sorted(set(found))
    assert all(end is None or d <= end for d in found)
    assert count is None or len(found) <= count
    for index, day in enumerate(found):
        first, last = period(recurrence, index)
        assert first == day == nominal(recurrence, index)
        assert last == nominal(recurrence, index + 1) - timedelta(days=1)
        month_end = (day + timedelta(days=1)).day == 1
        assert day.day == anchor.day or (day.day < anchor.day and month_end)
    months = [d.year * 12 + d.month for d in found]
    assert all(b - a == MONTHS[frequency] for a, b in itertools.pairwise(months))


@settings(max_examples=300, deadline=None)
@given(anchor=anchors, frequency=frequencies, first=st.integers(0, 30))
def test_due_is_the_prefix_up_to_today(
    anchor: date, frequency: Frequency, first: int
) -> None:
    recurrence = Recurrence(frequency, anchor)
    today = nominal(recurrence, first + 3)

    assert [i for i, _ in due(recurrence, first, today)] == [
        first,
        first + 1,
        first + 2,
        first + 3,
    ]
    assert first_on_or_after(recurrence, first, today) == first + 3
    after = today + timedelta(days=1)
    assert first_on_or_after(recurrence, first, after) == first + 4
