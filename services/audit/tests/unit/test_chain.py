"""Hashing of audit entries: canonical form, chaining, what the hash covers."""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from facturo_audit.domain.chain import (
    GENESIS,
    GENESIS_HASH,
    ChainHead,
    SealedEntry,
    append,
    canonical_bytes,
    compute_hash,
)
from facturo_audit.domain.errors import InvalidEntry

Event = Callable[..., dict[str, Any]]
Chain = Callable[[int], tuple[list[SealedEntry], ChainHead]]


def test_first_entry_follows_sixty_four_zeros(event: Event) -> None:
    entry = append(GENESIS, **event(1))

    assert GENESIS_HASH == "0" * 64
    assert entry.facts.seq == 1
    assert entry.facts.prev_hash == GENESIS_HASH


def test_each_entry_points_at_the_previous_hash(chain: Chain) -> None:
    entries, head = chain(3)

    assert [e.facts.seq for e in entries] == [1, 2, 3]
    assert entries[1].facts.prev_hash == entries[0].hash
    assert entries[2].facts.prev_hash == entries[1].hash
    assert (head.last_seq, head.last_hash) == (3, entries[2].hash)


def test_canonical_form_is_sorted_compact_utf8_json(event: Event) -> None:
    entry = append(GENESIS, **event(1, payload={"b": 1, "a": "Société"}))

    raw = canonical_bytes(entry.facts)

    assert raw.decode("utf-8") == (
        '{"actor":"sub-claire","department":"SAL","event_id":"evt-1",'
        '"event_type":"invoicing.invoice.updated.v1","invoice_id":"inv-1",'
        '"occurred_at":"2026-03-01T09:31:00.000000+00:00",'
        '"payload":{"a":"Société","b":1},'
        f'"prev_hash":"{GENESIS_HASH}","seq":1,"subject":"inv-1",'
        '"topic":"invoicing.invoice.v1"}'
    )
    assert entry.hash == hashlib.sha256(raw).hexdigest()


def test_hash_is_the_same_for_the_same_instant_in_any_zone(event: Event) -> None:
    paris = timezone(timedelta(hours=1))
    local = datetime(2026, 3, 1, 10, 31, tzinfo=paris)
    naive_utc = datetime(2026, 3, 1, 9, 31)

    hashes = {
        append(GENESIS, **event(1, occurred_at=when)).hash
        for when in (local, naive_utc, datetime(2026, 3, 1, 9, 31, tzinfo=UTC))
    }

    assert len(hashes) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"event_id": "evt-other"},
        {"topic": "approvals.request.v1"},
        {"event_type": "invoicing.invoice.issued.v1"},
        {"subject": "inv-2"},
        {"invoice_id": None},
        {"department": "SRV"},
        {"actor": "sub-ada"},
        {"occurred_at": datetime(2026, 3, 1, 9, 31, 0, 1, tzinfo=UTC)},
        {"payload": {"invoice_id": "inv-1", "version": 2}},
    ],
)
def test_every_fact_is_covered_by_the_hash(
    event: Event, change: dict[str, object]
) -> None:
    original = append(GENESIS, **event(1))
    changed = append(GENESIS, **{**event(1), **change})

    assert changed.hash != original.hash
    assert compute_hash(original.facts) == original.hash


def test_payload_that_is_not_plain_json_is_refused(event: Event) -> None:
    with pytest.raises(InvalidEntry, match="payload"):
        append(GENESIS, **event(1, payload={"amount": float("nan")}))


def test_oversized_header_value_is_refused(event: Event) -> None:
    with pytest.raises(InvalidEntry, match="subject"):
        append(GENESIS, **event(1, subject="x" * 300))


def test_canonical_payload_survives_a_json_round_trip(event: Event) -> None:
    payload = {"z": [1, 2.5, None, True], "a": {"y": "é", "x": 10**20}}
    entry = append(GENESIS, **event(1, payload=payload))
    reloaded = append(GENESIS, **event(1, payload=json.loads(json.dumps(payload))))

    assert reloaded.hash == entry.hash
