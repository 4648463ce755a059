"""Versions as weak ETags, and the If-Match header that names one."""

from typing import Annotated

from fastapi import Depends, Header


def etag(version: int) -> str:
    return f'W/"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The version an If-Match names; -1 (never current) if unreadable."""
    if value is None:
        return None
    digits = value.strip().removeprefix("W/").strip('"')
    return int(digits) if digits.isdigit() else -1


def _if_match(
    if_match: Annotated[
        str | None, Header(description='the version from the ETag, e.g. W/"2"')
    ] = None,
) -> int | None:
    return parse_if_match(if_match)


IfMatch = Annotated[int | None, Depends(_if_match)]
