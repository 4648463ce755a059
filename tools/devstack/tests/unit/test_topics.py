import sys
import types

import pytest

from facturo_devstack import topics


def test_fallback_topics_get_dlq_twins_with_one_partition() -> None:
    specs = topics.with_dlq_twins(topics.FALLBACK_TOPICS)

    by_name = {spec.name: spec.partitions for spec in specs}
    assert len(specs) == 10
    assert by_name["invoicing.invoice.v1"] == 3
    assert by_name["invoicing.invoice.v1.dlq"] == 1
    assert by_name["audit.checkpoint.v1.dlq"] == 1
    assert {name for name in by_name if not name.endswith(".dlq")} == set(
        topics.FALLBACK_TOPICS
    )


def test_a_listed_dlq_is_not_doubled() -> None:
    specs = topics.with_dlq_twins(["a.b.v1", "a.b.v1.dlq"])

    assert specs == [topics.TopicSpec("a.b.v1", 3), topics.TopicSpec("a.b.v1.dlq", 1)]


def test_topic_names_fall_back_without_contracts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(topics, "CONTRACTS_MODULE", "facturo_nowhere.topics")

    assert topics.topic_names() == list(topics.FALLBACK_TOPICS)


def test_topic_names_come_from_contracts_when_present(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contracts = types.ModuleType("fake_contracts_topics")
    contracts.ALL_TOPICS = ("invoicing.invoice.v1", "billing.payment.v1")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_contracts_topics", contracts)
    monkeypatch.setattr(topics, "CONTRACTS_MODULE", "fake_contracts_topics")

    assert topics.topic_names() == ["invoicing.invoice.v1", "billing.payment.v1"]


def test_existing_topics_are_not_errors() -> None:
    topics.raise_for_errors([("a", 0, None), ("b", 36, "exists")])


def test_other_broker_errors_raise() -> None:
    with pytest.raises(topics.TopicCreationError, match="b: 37"):
        topics.raise_for_errors([("a", 0, None), ("b", 37, "bad partitions")])
