"""CloudEvents headers for Facturo events (Kafka binary mode)."""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from facturo_contracts import envelope as ce
from facturo_contracts.envelope import Event, EventMeta


def build_headers(
    event: Event, *, source: str, actor: str | None, event_id: str | None = None
) -> dict[str, str]:
    headers = {
        ce.H_SPECVERSION: ce.SPEC_VERSION,
        ce.H_ID: event_id or str(uuid.uuid4()),
        ce.H_TYPE: event.TYPE,
        ce.H_SOURCE: source,
        ce.H_TIME: datetime.now(UTC).isoformat(),
        ce.H_SUBJECT: event.subject(),
        ce.H_CONTENT_TYPE: ce.CONTENT_TYPE,
    }
    department = getattr(event, "department", None)
    if department:
        headers[ce.H_DEPARTMENT] = str(department)
    if actor:
        headers[ce.H_ACTOR] = actor
    return headers


class MalformedEnvelope(ValueError):
    """A record whose headers are not a Facturo CloudEvent."""


def read_meta(headers: Mapping[str, str]) -> EventMeta:
    try:
        return EventMeta(
            id=headers[ce.H_ID],
            type=headers[ce.H_TYPE],
            source=headers[ce.H_SOURCE],
            time=datetime.fromisoformat(headers[ce.H_TIME]),
            subject=headers[ce.H_SUBJECT],
            department=headers.get(ce.H_DEPARTMENT),
            actor=headers.get(ce.H_ACTOR),
        )
    except (KeyError, ValueError) as error:
        raise MalformedEnvelope(
            f"missing or invalid CloudEvents header: {error}"
        ) from None
