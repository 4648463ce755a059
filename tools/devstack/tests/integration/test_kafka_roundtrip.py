"""Produce and consume through the running broker with aiokafka."""

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord

from facturo_devstack import kafka, topics

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def servers(stack: object) -> None:
    """Kafka is running (the `stack` fixture starts it)."""


async def test_topics_exist_with_their_partitions() -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.BOOTSTRAP)
    await admin.start()
    try:
        described = await admin.describe_topics(
            [spec.name for spec in topics.topic_specs()]
        )
    finally:
        await admin.close()

    partitions = {topic["topic"]: len(topic["partitions"]) for topic in described}
    assert partitions["invoicing.invoice.v1"] == 3
    assert partitions["invoicing.invoice.v1.dlq"] == 1
    assert len(partitions) == 10


async def test_idempotent_produce_then_group_consume() -> None:
    key = uuid.uuid4().hex.encode()
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka.BOOTSTRAP, enable_idempotence=True
    )
    await producer.start()
    try:
        sent = await producer.send_and_wait(
            "audit.checkpoint.v1", b"ping", key=key, headers=[("h", b"1")]
        )
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka.BOOTSTRAP,
        group_id=f"devstack-test-{key.decode()}",
        auto_offset_reset="earliest",
    )
    consumer.subscribe(["audit.checkpoint.v1"])
    await consumer.start()
    try:
        received = await asyncio.wait_for(first_with_key(consumer, key), 30)
        await consumer.commit()
    finally:
        await consumer.stop()

    assert received.value == b"ping"
    assert received.partition == sent.partition
    assert list(received.headers) == [("h", b"1")]


async def first_with_key(
    consumer: AIOKafkaConsumer, key: bytes
) -> ConsumerRecord[bytes, bytes]:
    async for message in consumer:
        if message.key == key:
            return message
    raise AssertionError("stream ended")
