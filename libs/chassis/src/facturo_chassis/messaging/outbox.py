"""The transactional outbox: events are written with the state they describe.

`Outbox.add` inserts the event in the caller's transaction; the relay publishes
it after commit. The current trace context is stored beside the event so the
publish and every consumer continue the trace of the request that caused it.
"""

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from faststream.kafka import KafkaBroker
from opentelemetry import context as otel_context
from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.telemetry import context_from_headers, current_trace_headers
from facturo_contracts.envelope import H_ID, Event

logger = logging.getLogger(__name__)

TRACE_HEADERS = ("traceparent", "tracestate", "baggage")


class Outbox:
    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source

    async def add(
        self, session: AsyncSession, event: Event, *, actor: str | None
    ) -> str:
        headers = build_headers(event, source=self.source, actor=actor)
        headers.update(current_trace_headers())
        await session.execute(
            insert(self.table).values(
                event_id=headers[H_ID],
                topic=event.TOPIC,
                key=event.subject(),
                headers=headers,
                body=event.model_dump_json(),
                created_at=datetime.now(UTC),
            )
        )
        return headers[H_ID]


class OutboxRelay:
    """Publishes committed outbox rows in order, then marks them published.

    A crash between publish and mark publishes the row again on restart:
    delivery is at-least-once and consumers are idempotent.

    Every replica of a service runs a relay, and only one publishes at a
    time: two relays taking separate batches would publish one key's events
    out of order. On PostgreSQL they take turns on an advisory lock named
    after the service; SQLite's BEGIN IMMEDIATE already admits one writer.
    """

    def __init__(
        self,
        table: Table,
        sessions: async_sessionmaker[AsyncSession],
        broker: KafkaBroker,
        poll_seconds: float,
        batch_size: int = 100,
        lock_name: str = "facturo",
    ) -> None:
        self._table = table
        self._lock_name = f"outbox-relay:{lock_name}"
        self._sessions = sessions
        self._broker = broker
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask for a publish pass now (after a commit that added events)."""
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                published = await self.publish_batch()
            except Exception:
                logger.exception("outbox relay pass failed; retrying")
                published = 0
            if published < self._batch_size:
                await self._sleep()

    async def publish_batch(self) -> int:
        async with self._sessions() as session, session.begin():
            await self._take_turn(session)
            rows = (await session.execute(self._pending(session))).all()
            for row in rows:
                await self._publish(row)
            if rows:
                await session.execute(
                    update(self._table)
                    .where(self._table.c.seq.in_([row.seq for row in rows]))
                    .values(published_at=datetime.now(UTC))
                )
        if rows:
            logger.debug("published %d events", len(rows))
        return len(rows)

    async def _take_turn(self, session: AsyncSession) -> None:
        """Wait for the other replicas' relays (held until commit)."""
        if session.bind.dialect.name == "postgresql":
            await session.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                {"name": self._lock_name},
            )

    def _pending(self, session: AsyncSession):  # type: ignore[no-untyped-def]
        return (
            select(self._table)
            .where(self._table.c.published_at.is_(None))
            .order_by(self._table.c.seq)
            .limit(self._batch_size)
        )

    async def _publish(self, row: object) -> None:
        headers: dict[str, str] = dict(row.headers)  # type: ignore[attr-defined]
        trace_headers = {k: headers.pop(k) for k in TRACE_HEADERS if k in headers}
        # The publish span continues the stored trace; the telemetry middleware
        # writes the publish span's own context into the record's headers.
        token = otel_context.attach(context_from_headers(trace_headers))
        try:
            await self._broker.publish(
                row.body.encode(),  # type: ignore[attr-defined]
                topic=row.topic,  # type: ignore[attr-defined]
                key=row.key.encode(),  # type: ignore[attr-defined]
                headers=headers,
            )
        finally:
            otel_context.detach(token)

    async def _sleep(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._poll_seconds)
        self._wake.clear()


async def pending_count(
    sessions: async_sessionmaker[AsyncSession], table: Table
) -> int:
    async with sessions() as session:
        rows = await session.execute(
            select(table.c.seq).where(table.c.published_at.is_(None))
        )
        return len(rows.all())
