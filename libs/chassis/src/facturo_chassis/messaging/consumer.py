"""Idempotent consumers with retries and a dead-letter topic.

Ack policy of every Facturo consumer: a record is committed after its handler
and the inbox row that marks it processed have been committed together, so a
redelivered record has no second effect. A handler that keeps failing (or a
record that cannot be parsed) is copied to `<topic>.dlq` with the error, and
the consumer goes on with the next record.
"""

import asyncio
import dataclasses
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError
from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_chassis import attributes
from facturo_chassis.messaging.envelope import MalformedEnvelope, read_meta
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import envelope as ce
from facturo_contracts.envelope import Event, EventMeta
from facturo_contracts.topics import dead_letter

logger = logging.getLogger(__name__)

Handler = Callable[[Any, EventMeta, UnitOfWork], Awaitable[None]]
RawHandler = Callable[[dict[str, Any], EventMeta, str, UnitOfWork], Awaitable[None]]
UnitOfWorkFactory = Callable[[str | None], UnitOfWork]

RETRY_DELAYS_SECONDS = (0.2, 1.0, 3.0)
H_UNREADABLE = "facturo_unreadable"


class Poison(Exception):
    """A record that no retry can fix: it goes straight to the dead letters."""


async def raw_body(message: KafkaMessage) -> bytes:
    """Hand the record's bytes over undecoded, however its headers label it."""
    return message.body


async def tolerant_headers(
    record: ConsumerRecord[Any, Any],
    parse: Callable[[ConsumerRecord[Any, Any]], Awaitable[KafkaMessage]],
) -> KafkaMessage:
    """Parse a record whose headers may not be UTF-8 instead of dropping it.

    Undecodable header bytes are replaced and the record is marked, so that
    `Consumer.process` sends it to the dead letters with the reason.
    """
    try:
        return await parse(record)
    except UnicodeDecodeError:
        headers = [
            (key, value.decode("utf-8", "replace").encode())
            for key, value in record.headers
        ]
        headers.append((H_UNREADABLE, b"a header is not UTF-8"))
        return await parse(dataclasses.replace(record, headers=headers))


@dataclass
class Consumer:
    """One consumer group: which event types it handles, and how."""

    name: str
    topics: tuple[str, ...]
    unit_of_work: UnitOfWorkFactory
    inbox: Table
    handlers: Mapping[type[Event], Handler]
    on_any: RawHandler | None = None
    retries: int = 3

    def register(self, broker: KafkaBroker) -> None:
        async def receive(message: KafkaMessage) -> None:
            # The raw bytes: parsing (and refusing) them is this class's job.
            topic = message.raw_message.topic  # type: ignore[union-attr]
            await self.process(
                broker,
                topic,
                message.body,
                dict(message.headers),
                key=message.raw_message.key,  # type: ignore[union-attr]
            )

        broker.subscriber(
            *self.topics,
            group_id=self.name,
            decoder=raw_body,
            parser=tolerant_headers,
            ack_policy=AckPolicy.ACK,
            auto_offset_reset="earliest",
            title=f"{self.name}:consume",
        )(receive)

    async def process(
        self,
        broker: KafkaBroker,
        topic: str,
        body: bytes,
        headers: dict[str, str],
        key: bytes | None = None,
    ) -> None:
        """Handle one record; `key` is the record's key, kept on a dead letter."""
        dead_letter = DeadLetter(broker, topic, body, headers, key, self.name)
        try:
            if H_UNREADABLE in headers:
                raise Poison(headers[H_UNREADABLE])
            meta, payload = self._parse(body, headers)
        except Poison as error:
            await dead_letter.send(str(error))
            return
        tag_current_span(
            invoice_id=payload.get("invoice_id"),
            department=meta.department,
            **{
                attributes.EVENT_ID: meta.id,
                attributes.EVENT_TYPE: meta.type,
                attributes.CONSUMER: self.name,
            },
        )
        await self._handle_with_retries(dead_letter, meta, payload, topic)

    async def _handle_with_retries(
        self,
        dead_letter: "DeadLetter",
        meta: EventMeta,
        payload: dict[str, Any],
        topic: str,
    ) -> None:
        for attempt in range(self.retries + 1):
            try:
                await self._handle_once(meta, payload, topic)
                return
            except Poison as error:
                await dead_letter.send(str(error))
                return
            except Exception as error:
                if attempt == self.retries:
                    logger.exception("event %s failed for good", meta.id)
                    await dead_letter.send(repr(error))
                    return
                delay = RETRY_DELAYS_SECONDS[
                    min(attempt, len(RETRY_DELAYS_SECONDS) - 1)
                ]
                logger.warning(
                    "event %s failed (attempt %d), retrying in %.1fs: %r",
                    meta.id,
                    attempt + 1,
                    delay,
                    error,
                )
                await asyncio.sleep(delay)

    async def _handle_once(
        self, meta: EventMeta, payload: dict[str, Any], topic: str
    ) -> None:
        async with self.unit_of_work(meta.actor) as uow:
            if await self._seen(uow.session, meta.id):
                logger.info("event %s already processed by %s", meta.id, self.name)
                return
            await self._dispatch(uow, meta, payload, topic)
            await uow.session.execute(
                insert(self.inbox).values(
                    consumer=self.name,
                    event_id=meta.id,
                    event_type=meta.type,
                    processed_at=datetime.now(UTC),
                )
            )

    async def _dispatch(
        self,
        uow: UnitOfWork,
        meta: EventMeta,
        payload: dict[str, Any],
        topic: str,
    ) -> None:
        if self.on_any is not None:
            await self.on_any(payload, meta, topic, uow)
        model = self._model_for(meta.type)
        if model is None:
            return
        try:
            event = model.model_validate(payload)
        except ValidationError as error:
            raise Poison(f"body does not match {meta.type}: {error}") from None
        await self.handlers[model](event, meta, uow)

    def _model_for(self, event_type: str) -> type[Event] | None:
        for model in self.handlers:
            if event_type == model.TYPE:
                return model
        return None

    async def _seen(self, session: AsyncSession, event_id: str) -> bool:
        found = await session.execute(
            select(self.inbox.c.event_id).where(
                self.inbox.c.consumer == self.name, self.inbox.c.event_id == event_id
            )
        )
        return found.first() is not None

    @staticmethod
    def _parse(
        body: bytes, headers: Mapping[str, str]
    ) -> tuple[EventMeta, dict[str, Any]]:
        try:
            meta = read_meta(headers)
        except MalformedEnvelope as error:
            raise Poison(str(error)) from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise Poison("body is not JSON") from None
        if not isinstance(payload, dict):
            raise Poison("body is not a JSON object")
        return meta, payload


@dataclass(frozen=True)
class DeadLetter:
    """Where one record goes when no retry can help: `<topic>.dlq`, unchanged
    but for the error headers, under its original key."""

    broker: KafkaBroker
    topic: str
    body: bytes
    headers: Mapping[str, str]
    key: bytes | None
    consumer: str

    async def send(self, error: str) -> None:
        logger.error(
            "dead-lettering a record of %s for %s: %s",
            self.topic,
            self.consumer,
            error[:500],
        )
        headers = {
            k: v
            for k, v in self.headers.items()
            if k not in ("traceparent", "tracestate")
        }
        headers.update(
            {
                ce.H_DLQ_ERROR: error[:2000],
                ce.H_DLQ_TOPIC: self.topic,
                ce.H_DLQ_CONSUMER: self.consumer,
            }
        )
        subject = self.headers.get(ce.H_SUBJECT)
        await self.broker.publish(
            self.body,
            topic=dead_letter(self.topic),
            key=self.key or (subject.encode() if subject else None),
            headers=headers,
        )
