"""The Kafka topics the stack creates, and creating them idempotently."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

logger = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"
NO_ERROR = 0
TOPIC_ALREADY_EXISTS = 36
MAIN_PARTITIONS = 3
DLQ_PARTITIONS = 1
CONTRACTS_MODULE = "facturo_contracts.topics"
# Used until facturo_contracts.topics provides ALL_TOPICS.
FALLBACK_TOPICS = (
    "invoicing.invoice.v1",
    "approvals.request.v1",
    "identity.directory.v1",
    "notifications.delivery.v1",
    "audit.checkpoint.v1",
)


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int


def topic_names() -> list[str]:
    """The one switch: the contracts' ALL_TOPICS when present, else the fallback."""
    try:
        contracts = importlib.import_module(CONTRACTS_MODULE)
    except ImportError:
        return list(FALLBACK_TOPICS)
    return [str(getattr(topic, "name", topic)) for topic in contracts.ALL_TOPICS]


def with_dlq_twins(names: Iterable[str]) -> list[TopicSpec]:
    """Each main topic with 3 partitions plus its .dlq twin with 1."""
    specs: dict[str, TopicSpec] = {}
    for name in names:
        main = name.removesuffix(DLQ_SUFFIX)
        specs.setdefault(main, TopicSpec(main, MAIN_PARTITIONS))
        dlq = main + DLQ_SUFFIX
        specs.setdefault(dlq, TopicSpec(dlq, DLQ_PARTITIONS))
    return list(specs.values())


def topic_specs() -> list[TopicSpec]:
    return with_dlq_twins(topic_names())


class TopicCreationError(RuntimeError):
    """The broker refused to create a topic for a reason other than it exists."""


def raise_for_errors(topic_errors: Iterable[tuple[Any, ...]]) -> None:
    """Fail on any (topic, code, message) entry except success or 'exists'."""
    ok = {NO_ERROR, TOPIC_ALREADY_EXISTS}
    failed = [
        f"{name}: {code} {message}"
        for name, code, message in topic_errors
        if code not in ok
    ]
    if failed:
        raise TopicCreationError("; ".join(failed))


async def ensure_topics(bootstrap: str, specs: list[TopicSpec]) -> list[str]:
    """Create the topics that do not exist yet; returns the names created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [spec for spec in specs if spec.name not in existing]
        if missing:
            new = [NewTopic(spec.name, spec.partitions, 1) for spec in missing]
            response = await admin.create_topics(new)
            raise_for_errors(getattr(response, "topic_errors", []))
    finally:
        await admin.close()
    created = [spec.name for spec in missing]
    logger.info("topics: %d wanted, %d created", len(specs), len(created))
    return created
