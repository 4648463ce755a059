"""Optimistic concurrency: every write names the version it was based on."""

from typing import Protocol

from facturo_chassis.problems import PreconditionRequired


class Versioned(Protocol):
    id: str
    version: int


class StaleVersion(Exception):
    """The caller edited an older version; ``resource`` is the current one."""

    def __init__(self, resource: Versioned, expected: int) -> None:
        self.resource = resource
        self.expected = expected
        super().__init__(
            f"{resource.id} is at version {resource.version}, not {expected}"
        )


def check_version(resource: Versioned, expected: int | None) -> None:
    """Refuse a write without If-Match (428) or based on a stale version."""
    if expected is None:
        raise PreconditionRequired(
            "send If-Match with the ETag of the version you read"
        )
    if expected != resource.version:
        raise StaleVersion(resource, expected)
