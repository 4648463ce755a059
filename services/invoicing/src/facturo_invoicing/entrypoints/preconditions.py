"""What routes depend on: If-Match (412 with the current state), settings
and today's date."""

__all__ = ["IfMatch", "Settings", "Today", "current_on_stale", "etag", "today"]

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from facturo_chassis.etags import IfMatch, etag
from facturo_chassis.problems import PreconditionFailed
from facturo_invoicing.service_layer.versions import StaleVersion
from facturo_invoicing.settings import InvoicingSettings

T = TypeVar("T")


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
