"""What routes depend on: ETags and If-Match (412 with the current state),
settings and today's date."""

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request

from facturo_chassis.problems import PreconditionFailed
from facturo_invoicing.service_layer.versions import StaleVersion
from facturo_invoicing.settings import InvoicingSettings

T = TypeVar("T")


def etag(version: int) -> str:
    return f'W/"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The version an If-Match names; -1 (never current) if unreadable."""
    if value is None:
        return None
    digits = value.strip().removeprefix("W/").strip('"')
    return int(digits) if digits.isdigit() else -1


def _if_match(if_match: Annotated[str | None, Header()] = None) -> int | None:
    return parse_if_match(if_match)


IfMatch = Annotated[int | None, Depends(_if_match)]


def _settings(request: Request) -> InvoicingSettings:
    settings: InvoicingSettings = request.app.state.runtime.settings
    return settings


Settings = Annotated[InvoicingSettings, Depends(_settings)]


def today() -> date:
    """The UTC date that due dates and payments are judged on (tests set it)."""
    return datetime.now(UTC).date()


Today = Annotated[date, Depends(today)]


@contextlib.contextmanager
def current_on_stale(render: Callable[[Any], Any]) -> Iterator[None]:
    """Turn a stale write into 412 whose body carries the current state.

    Use inside the unit of work: the representation is read before the
    transaction rolls back.
    """
    try:
        yield
    except StaleVersion as stale:
        current = render(stale.resource).model_dump(mode="json")
        raise PreconditionFailed(
            str(stale), current=current, current_etag=etag(stale.resource.version)
        ) from None
