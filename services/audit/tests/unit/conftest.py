"""Entries and chains for the pure tests of hashing and verification.

The builders are handed to tests as fixtures (`event`, `chain`, `with_facts`).
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from facturo_audit.domain.chain import GENESIS, ChainHead, SealedEntry, append

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def make_event(number: int, **overrides: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "event_id": f"evt-{number}",
        "topic": "invoicing.invoice.v1",
        "event_type": "invoicing.invoice.updated.v1",
        "subject": "inv-1",
        "invoice_id": "inv-1",
        "department": "SAL",
        "actor": "sub-claire",
        "occurred_at": START + timedelta(minutes=number),
        "payload": {"invoice_id": "inv-1", "version": number},
    }
    facts.update(overrides)
    return facts


def make_chain(length: int) -> tuple[list[SealedEntry], ChainHead]:
    head, entries = GENESIS, []
    for number in range(1, length + 1):
        entry = append(head, **make_event(number))
        entries.append(entry)
        head = head.advanced_to(entry)
    return entries, head


def replace_facts(entry: SealedEntry, **changes: Any) -> SealedEntry:
    """The same stored hash over changed facts: what an edit in place leaves."""
    return SealedEntry(facts=replace(entry.facts, **changes), hash=entry.hash)


@pytest.fixture
def event() -> Callable[..., dict[str, Any]]:
    return make_event


@pytest.fixture
def chain() -> Callable[[int], tuple[list[SealedEntry], ChainHead]]:
    return make_chain


@pytest.fixture
def with_facts() -> Callable[..., SealedEntry]:
    return replace_facts
