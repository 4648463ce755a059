"""Records no consumer can handle land on the dead-letter topic, on real Kafka."""

import uuid

import pytest
from aiokafka import AIOKafkaProducer

from facturo_contracts import topics
from facturo_devstack.api import eventually
from facturo_devstack.events import BOOTSTRAP, all_records
from facturo_devstack.paths import Paths

pytestmark = [pytest.mark.system, pytest.mark.timeout(180)]

# Every service consuming invoice events copies a poison record to the DLQ.
INVOICE_CONSUMERS = {"approvals", "audit", "notifications"}


async def produce(key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
    await producer.start()
    try:
        await producer.send_and_wait(topics.INVOICES, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def dead_letters_of(key: bytes) -> dict[str, dict[str, bytes]]:
    """Per consumer group, the headers of the DLQ copy of the record `key`."""
    found = {}
    for record in await all_records(topics.dead_letter(topics.INVOICES)):
        if record.key == key:
            headers = dict(record.headers)
            found[headers["facturo_dlq_consumer"].decode()] = headers
    return found


@pytest.mark.parametrize(
    ("value", "headers", "reason"),
    [
        (b"not json", [("ce_id", b"x")], b"CloudEvents"),
        (b"{}", [("ce_type", b"\xff\xfe")], b"not UTF-8"),
    ],
    ids=["garbage-body", "undecodable-header"],
)
async def test_poison_records_reach_the_dead_letter_topic(
    stack: Paths, value: bytes, headers: list[tuple[str, bytes]], reason: bytes
) -> None:
    key = f"poison-{uuid.uuid4()}".encode()

    await produce(key, value, headers)

    async def copies() -> dict[str, dict[str, bytes]]:
        found = await dead_letters_of(key)
        return found if set(found) >= INVOICE_CONSUMERS else {}

    found = await eventually(copies, within=60)
    for consumer in INVOICE_CONSUMERS:
        assert reason in found[consumer]["facturo_dlq_error"]
        assert found[consumer]["facturo_dlq_topic"] == topics.INVOICES.encode()
