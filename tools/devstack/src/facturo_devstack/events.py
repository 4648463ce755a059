"""Reading and replaying records on the local Kafka: catching up, replays."""

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from facturo_contracts import topics
from facturo_devstack.api import eventually

BOOTSTRAP = "127.0.0.1:9092"
CONSUMER_GROUPS = ("invoicing", "approvals", "audit", "notifications")


async def replay_events_of(*keys: str) -> int:
    """Publish again, unchanged, every record keyed by one of `keys`."""
    wanted = {key.encode() for key in keys}
    records = [
        r
        for topic in (topics.INVOICES, topics.APPROVAL_REQUESTS)
        for r in await all_records(topic)
        if r.key in wanted
    ]
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
    await producer.start()
    try:
        for record in records:
            await producer.send_and_wait(
                record.topic,
                record.value,
                key=record.key,
                headers=list(record.headers),
            )
    finally:
        await producer.stop()
    return len(records)


async def caught_up() -> None:
    """Wait until every service's consumer group has committed every record."""

    async def probe() -> bool:
        return all([await _group_lag(group) == 0 for group in CONSUMER_GROUPS])

    await eventually(probe, within=60)


async def all_records(topic: str) -> list[Any]:
    partitions = await _partitions(topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=BOOTSTRAP, enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[Any] = []
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            batch = await consumer.getmany(timeout_ms=1000)
            for items in batch.values():
                records.extend(items)
        return records
    finally:
        await consumer.stop()


async def _partitions(topic: str) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return [TopicPartition(topic, p["partition"]) for p in described["partitions"]]


async def _group_lag(group: str) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    if not committed:
        return 1
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(list(committed))
    finally:
        await consumer.stop()
    return sum(ends[tp] - meta.offset for tp, meta in committed.items())
