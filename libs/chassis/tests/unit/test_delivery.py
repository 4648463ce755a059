"""Outbox, relay, idempotent consumer and dead letters on the in-memory broker."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker, KafkaMessage, TestKafkaBroker
from sqlalchemy import MetaData, func, select

from facturo_chassis import db
from facturo_chassis.messaging.consumer import (
    H_UNREADABLE,
    Consumer,
    raw_body,
    tolerant_headers,
)
from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.messaging.outbox import Outbox, OutboxRelay
from facturo_chassis.messaging.tables import MessagingTables, messaging_tables
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import envelope as ce
from facturo_contracts import topics
from facturo_contracts.approvals import ApprovalGranted
from facturo_contracts.envelope import EventMeta

GRANTED = ApprovalGranted(
    request_id="r-1", invoice_id="i-1", department="SAL", decided_by="u-marc"
)


class Harness:
    def __init__(self, database_url: str) -> None:
        self.metadata = MetaData()
        self.tables: MessagingTables = messaging_tables(self.metadata)
        self.engine = db.create_engine(database_url)
        self.sessions = db.session_factory(self.engine)
        self.broker = KafkaBroker("127.0.0.1:1")
        self.outbox = Outbox(self.tables.outbox, source="/facturo/test")
        self.relay = OutboxRelay(self.tables.outbox, self.sessions, self.broker, 0.1)
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        self.handled: list[str] = []
        self.keys: list[bytes | None] = []

    def uow(self, actor: str | None) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.outbox, self.relay, actor)

    def consumer(self, fail_times: int = 0) -> Consumer:
        failures = {"left": fail_times}

        async def on_granted(event: Any, meta: EventMeta, uow: UnitOfWork) -> None:
            if failures["left"]:
                failures["left"] -= 1
                raise RuntimeError("database hiccup")
            self.handled.append(event.invoice_id)

        return Consumer(
            name="test",
            topics=(topics.APPROVAL_REQUESTS,),
            unit_of_work=self.uow,
            inbox=self.tables.inbox,
            handlers={ApprovalGranted: on_granted},
            retries=1,
        )

    def spy(self, topic: str) -> None:
        @self.broker.subscriber(topic, group_id=f"spy-{topic}", decoder=raw_body)
        async def record(message: KafkaMessage) -> None:
            self.received.append((topic, dict(message.headers), message.body))
            self.keys.append(message.raw_message.key)  # type: ignore[union-attr]


@pytest.fixture
async def harness(database_url: str) -> AsyncIterator[Harness]:
    h = Harness(database_url)
    async with h.engine.begin() as connection:
        await connection.run_sync(h.metadata.create_all)
    h.spy(topics.APPROVAL_REQUESTS)
    h.spy(topics.dead_letter(topics.APPROVAL_REQUESTS))
    async with TestKafkaBroker(h.broker):
        yield h
    await h.engine.dispose()


async def test_events_are_published_only_after_commit(harness: Harness) -> None:
    with pytest.raises(RuntimeError):
        async with harness.uow("u-marc") as uow:
            await uow.publish(GRANTED)
            raise RuntimeError("the state change failed")
    async with harness.uow("u-marc") as uow:
        await uow.publish(GRANTED)

    published = await harness.relay.publish_batch()

    assert published == 1
    topic, headers, body = harness.received[0]
    assert topic == "approvals.request.v1"
    assert headers[ce.H_TYPE] == "approvals.request.granted.v1"
    assert headers[ce.H_SUBJECT] == "r-1"
    assert headers[ce.H_DEPARTMENT] == "SAL"
    assert headers[ce.H_ACTOR] == "u-marc"
    assert ApprovalGranted.model_validate_json(body) == GRANTED
    assert await harness.relay.publish_batch() == 0


async def test_two_relays_publish_one_after_the_other(harness: Harness) -> None:
    for number in range(4):
        async with harness.uow("u-marc") as uow:
            await uow.publish(GRANTED.model_copy(update={"request_id": f"r-{number}"}))
    first = OutboxRelay(harness.tables.outbox, harness.sessions, harness.broker, 1, 2)
    second = OutboxRelay(harness.tables.outbox, harness.sessions, harness.broker, 1, 2)
    publishing, go_on = asyncio.Event(), asyncio.Event()
    publish = first._publish

    async def slow_publish(row: object) -> None:
        publishing.set()
        await go_on.wait()
        await publish(row)

    first._publish = slow_publish  # type: ignore[method-assign]
    first_pass = asyncio.create_task(first.publish_batch())
    await publishing.wait()
    second_pass = asyncio.create_task(second.publish_batch())
    await asyncio.sleep(0.3)
    waited = not second_pass.done()
    go_on.set()

    assert await first_pass == 2
    assert await second_pass == 2
    assert waited
    subjects = [headers[ce.H_SUBJECT] for _, headers, _ in harness.received]
    assert subjects == ["r-0", "r-1", "r-2", "r-3"]


async def test_a_redelivered_event_has_no_second_effect(harness: Harness) -> None:
    consumer = harness.consumer()
    headers = build_headers(GRANTED, source="/facturo/test", actor="u-marc")
    body = GRANTED.model_dump_json().encode()

    await consumer.process(harness.broker, topics.APPROVAL_REQUESTS, body, headers)
    await consumer.process(harness.broker, topics.APPROVAL_REQUESTS, body, headers)

    assert harness.handled == ["i-1"]
    assert await _inbox_rows(harness) == 1


async def test_a_passing_failure_is_retried(harness: Harness) -> None:
    consumer = harness.consumer(fail_times=1)
    headers = build_headers(GRANTED, source="/facturo/test", actor="u-marc")

    await consumer.process(
        harness.broker,
        topics.APPROVAL_REQUESTS,
        GRANTED.model_dump_json().encode(),
        headers,
    )

    assert harness.handled == ["i-1"]
    assert _dead_letters(harness) == []


async def test_a_handler_that_keeps_failing_goes_to_the_dead_letters(
    harness: Harness,
) -> None:
    consumer = harness.consumer(fail_times=5)
    headers = build_headers(GRANTED, source="/facturo/test", actor="u-marc")
    body = GRANTED.model_dump_json().encode()

    await consumer.process(harness.broker, topics.APPROVAL_REQUESTS, body, headers)

    [(_, dlq_headers, dlq_body)] = _dead_letters(harness)
    assert dlq_body == body
    assert "database hiccup" in dlq_headers[ce.H_DLQ_ERROR]
    assert dlq_headers[ce.H_DLQ_TOPIC] == "approvals.request.v1"
    assert dlq_headers[ce.H_DLQ_CONSUMER] == "test"
    assert harness.handled == []
    assert await _inbox_rows(harness) == 0


@pytest.mark.parametrize(
    ("body", "drop_header", "reason"),
    [
        (b"not json", None, "not JSON"),
        (b'{"request_id": 1}', None, "does not match"),
        (b"{}", ce.H_ID, "CloudEvents"),
    ],
)
async def test_poison_records_go_straight_to_the_dead_letters(
    harness: Harness, body: bytes, drop_header: str | None, reason: str
) -> None:
    consumer = harness.consumer()
    headers = build_headers(GRANTED, source="/facturo/test", actor="u-marc")
    if drop_header:
        del headers[drop_header]

    await consumer.process(harness.broker, topics.APPROVAL_REQUESTS, body, headers)

    [(_, dlq_headers, _)] = _dead_letters(harness)
    assert reason in dlq_headers[ce.H_DLQ_ERROR]
    assert harness.handled == []


def _dead_letters(harness: Harness) -> list[tuple[str, dict[str, str], bytes]]:
    return [r for r in harness.received if r[0].endswith(".dlq")]


async def _inbox_rows(harness: Harness) -> int:
    async with harness.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(harness.tables.inbox)
        )
        return int(count or 0)


async def test_a_record_with_undecodable_headers_is_marked_not_dropped() -> None:
    record = ConsumerRecord(
        topic="approvals.request.v1",
        partition=0,
        offset=7,
        timestamp=0,
        timestamp_type=0,
        key=b"r-1",
        value=b"{}",
        checksum=None,
        serialized_key_size=3,
        serialized_value_size=2,
        headers=[("ce_id", b"ok"), ("ce_type", b"\xff\xfe")],
    )
    seen: list[dict[str, str]] = []

    async def strict_parse(r: ConsumerRecord[Any, Any]) -> Any:
        headers = {k: v.decode() for k, v in r.headers}
        seen.append(headers)
        return headers

    parsed = await tolerant_headers(record, strict_parse)

    assert parsed[H_UNREADABLE] == "a header is not UTF-8"
    assert parsed["ce_id"] == "ok"
    assert parsed["ce_type"] == "\ufffd\ufffd"


async def test_a_marked_record_goes_to_the_dead_letters(harness: Harness) -> None:
    consumer = harness.consumer()
    headers = build_headers(GRANTED, source="/facturo/test", actor="u-marc")
    headers[H_UNREADABLE] = "a header is not UTF-8"

    await consumer.process(
        harness.broker,
        topics.APPROVAL_REQUESTS,
        GRANTED.model_dump_json().encode(),
        headers,
    )

    [(_, dlq_headers, _)] = _dead_letters(harness)
    assert dlq_headers[ce.H_DLQ_ERROR] == "a header is not UTF-8"
    assert harness.handled == []


async def test_a_dead_letter_keeps_the_original_key(harness: Harness) -> None:
    consumer = harness.consumer()

    await consumer.process(
        harness.broker, topics.APPROVAL_REQUESTS, b"not json", {}, key=b"r-9"
    )

    assert [t for t, _, _ in harness.received] == ["approvals.request.v1.dlq"]
    assert harness.keys == [b"r-9"]
