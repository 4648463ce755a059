"""The hash chain: each entry seals its facts and the hash of the one before.

hash = SHA-256 (hex) of the canonical form of the entry's facts: JSON with
sorted keys, no whitespace, UTF-8, times as ISO-8601 in UTC with microseconds.
The first entry follows `GENESIS_HASH`.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from facturo_audit.domain.errors import InvalidEntry

GENESIS_HASH = "0" * 64

# The widest value each text fact may hold (the columns are sized to match).
MAX_LENGTHS = {
    "event_id": 200,
    "topic": 200,
    "event_type": 200,
    "subject": 200,
    "invoice_id": 64,
    "department": 50,
    "actor": 200,
}


@dataclass(frozen=True)
class EntryFacts:
    """Everything an entry's hash covers."""

    seq: int
    event_id: str
    topic: str
    event_type: str
    subject: str
    invoice_id: str | None
    department: str | None
    actor: str | None
    occurred_at: datetime
    payload: Mapping[str, Any]
    prev_hash: str


@dataclass(frozen=True)
class SealedEntry:
    facts: EntryFacts
    hash: str


@dataclass(frozen=True)
class ChainHead:
    """The last link of the chain: where the next entry attaches."""

    last_seq: int
    last_hash: str

    def advanced_to(self, entry: SealedEntry) -> "ChainHead":
        return ChainHead(last_seq=entry.facts.seq, last_hash=entry.hash)


GENESIS = ChainHead(last_seq=0, last_hash=GENESIS_HASH)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC time; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def canonical_bytes(facts: EntryFacts) -> bytes:
    document = asdict(facts)
    document["payload"] = dict(facts.payload)
    document["occurred_at"] = as_utc(facts.occurred_at).isoformat(
        timespec="microseconds"
    )
    try:
        text = json.dumps(
            document,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
    except (TypeError, ValueError) as error:
        raise InvalidEntry(f"payload is not plain JSON: {error}") from None
    return text.encode("utf-8")


def compute_hash(facts: EntryFacts) -> str:
    return hashlib.sha256(canonical_bytes(facts)).hexdigest()


def seal(facts: EntryFacts) -> SealedEntry:
    return SealedEntry(facts=facts, hash=compute_hash(facts))


def append(
    head: ChainHead,
    *,
    event_id: str,
    topic: str,
    event_type: str,
    subject: str,
    invoice_id: str | None,
    department: str | None,
    actor: str | None,
    occurred_at: datetime,
    payload: Mapping[str, Any],
) -> SealedEntry:
    """The entry that comes after `head`, sealed."""
    facts = EntryFacts(
        seq=head.last_seq + 1,
        event_id=event_id,
        topic=topic,
        event_type=event_type,
        subject=subject,
        invoice_id=invoice_id,
        department=department,
        actor=actor,
        occurred_at=as_utc(occurred_at),
        payload=payload,
        prev_hash=head.last_hash,
    )
    _check_lengths(facts)
    return seal(facts)


def _check_lengths(facts: EntryFacts) -> None:
    for name, limit in MAX_LENGTHS.items():
        value = getattr(facts, name)
        if value is not None and len(value) > limit:
            raise InvalidEntry(f"{name} is longer than {limit} characters")
