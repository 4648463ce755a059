"""Invoice numbers: ``DEP-YYYY-NNNNNN`` and the next number in a series."""

import pytest

from facturo_invoicing.domain.errors import InvalidNumber, SequenceExhausted
from facturo_invoicing.domain.numbering import format_number, next_sequence


@pytest.mark.parametrize(
    ("department", "year", "sequence", "expected"),
    [
        ("SAL", 2026, 42, "SAL-2026-000042"),
        ("SAL", 2026, 1, "SAL-2026-000001"),
        ("RD2", 2027, 999_999, "RD2-2027-999999"),
    ],
)
def test_format_number(
    department: str, year: int, sequence: int, expected: str
) -> None:
    assert format_number(department, year, sequence) == expected


@pytest.mark.parametrize("sequence", [0, -1, 1_000_000])
def test_sequence_out_of_range_is_refused(sequence: int) -> None:
    with pytest.raises(InvalidNumber, match="sequence"):
        format_number("SAL", 2026, sequence)


@pytest.mark.parametrize("department", ["", "S", "sal", "SA-L", "1SAL", "ABCDEFGHIJK"])
def test_malformed_department_is_refused(department: str) -> None:
    with pytest.raises(InvalidNumber, match="department"):
        format_number(department, 2026, 1)


@pytest.mark.parametrize("year", [999, 10_000])
def test_year_must_have_four_digits(year: int) -> None:
    with pytest.raises(InvalidNumber, match="year"):
        format_number("SAL", year, 1)


@pytest.mark.parametrize(("last", "expected"), [(None, 1), (1, 2), (41, 42)])
def test_next_sequence(last: int | None, expected: int) -> None:
    assert next_sequence(last) == expected


def test_series_ends_after_its_last_number() -> None:
    with pytest.raises(SequenceExhausted):
        next_sequence(999_999)


@pytest.mark.parametrize("last", [0, -5, 1_000_000])
def test_impossible_last_sequence_is_refused(last: int) -> None:
    with pytest.raises(InvalidNumber):
        next_sequence(last)
