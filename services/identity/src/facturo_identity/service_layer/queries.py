"""What callers ask of the directory."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FindUsers:
    """People in `department` holding `role`; None leaves that filter out."""

    department: str | None = None
    role: str | None = None
