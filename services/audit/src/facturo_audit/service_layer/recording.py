"""Recording every event as the next entry of the chain."""

import logging
from datetime import UTC, datetime
from typing import Any

from facturo_audit.adapters import repository
from facturo_audit.domain.chain import append
from facturo_audit.domain.errors import InvalidEntry
from facturo_chassis.messaging.consumer import Poison
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts.envelope import EventMeta

logger = logging.getLogger(__name__)


def invoice_id_of(payload: dict[str, Any]) -> str | None:
    """The invoice an event is about, when its body names one."""
    value = payload.get("invoice_id")
    return value if isinstance(value, str) and value else None


async def record_event(
    payload: dict[str, Any], meta: EventMeta, topic: str, uow: UnitOfWork
) -> None:
    """Append one event, whatever its type, after the locked chain head."""
    invoice_id = invoice_id_of(payload)
    tag_current_span(invoice_id=invoice_id, department=meta.department)
    head = await repository.lock_head(uow.session)
    try:
        entry = append(
            head,
            event_id=meta.id,
            topic=topic,
            event_type=meta.type,
            subject=meta.subject,
            invoice_id=invoice_id,
            department=meta.department,
            actor=meta.actor,
            occurred_at=meta.time,
            payload=payload,
        )
    except InvalidEntry as error:
        raise Poison(f"cannot record event: {error}") from None
    await repository.append(uow.session, entry, recorded_at=datetime.now(UTC))
    logger.info("recorded event %s as entry %d", meta.id, entry.facts.seq)
