"""Invoice numbers: one gapless series per department and year."""

import re

from facturo_invoicing.domain.errors import InvalidNumber, SequenceExhausted

SEQUENCE_DIGITS = 6
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1
_DEPARTMENT = re.compile(r"[A-Z][A-Z0-9]{1,9}")


def format_number(department: str, year: int, sequence: int) -> str:
    """Build a number such as ``SAL-2026-000042``."""
    if not _DEPARTMENT.fullmatch(department):
        raise InvalidNumber(f"department code must match {_DEPARTMENT.pattern}")
    if not 1000 <= year <= 9999:
        raise InvalidNumber(f"year must have four digits, got {year}")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise InvalidNumber(f"sequence must be 1..{MAX_SEQUENCE}, got {sequence}")
    return f"{department}-{year}-{sequence:0{SEQUENCE_DIGITS}d}"


def next_sequence(last: int | None) -> int:
    """The sequence after ``last``; ``None`` starts a new series at 1."""
    if last is None:
        return 1
    if not 1 <= last <= MAX_SEQUENCE:
        raise InvalidNumber(f"last sequence must be 1..{MAX_SEQUENCE}, got {last}")
    if last == MAX_SEQUENCE:
        raise SequenceExhausted(f"sequence {MAX_SEQUENCE} was the last one")
    return last + 1
