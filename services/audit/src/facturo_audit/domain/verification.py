"""Verification of the chain, one entry at a time, in `seq` order.

`ChainCheck` never needs the whole log in memory: feed it entries as they are
read, then ask for the report against the chain head. Only the first break is
reported; the entries after it are still counted.
"""

from dataclasses import dataclass

from facturo_audit.domain.chain import (
    GENESIS_HASH,
    ChainHead,
    SealedEntry,
    compute_hash,
)


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    entries: int
    first_broken_seq: int | None
    reason: str | None


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


class ChainCheck:
    def __init__(self) -> None:
        self.entries = 0
        self.last_seq = 0
        self.last_hash = GENESIS_HASH
        self.broken: Break | None = None

    def add(self, entry: SealedEntry) -> None:
        self.entries += 1
        if self.broken is None:
            self.broken = _find_break(entry, self.last_seq, self.last_hash)
        self.last_seq = entry.facts.seq
        self.last_hash = entry.hash

    def report(self, head: ChainHead) -> VerifyReport:
        broken = self.broken or _head_break(head, self.last_seq, self.last_hash)
        if broken is None:
            return VerifyReport(True, self.entries, None, None)
        return VerifyReport(False, self.entries, broken.seq, broken.reason)


def _find_break(entry: SealedEntry, last_seq: int, last_hash: str) -> Break | None:
    facts = entry.facts
    expected = last_seq + 1
    if facts.seq != expected:
        return Break(expected, f"entry {expected} is missing (next is {facts.seq})")
    if facts.prev_hash != last_hash:
        return Break(facts.seq, f"prev_hash does not match entry {last_seq}")
    if compute_hash(facts) != entry.hash:
        return Break(facts.seq, "hash does not match the entry's content")
    return None


def _head_break(head: ChainHead, last_seq: int, last_hash: str) -> Break | None:
    if head.last_seq > last_seq:
        return Break(
            last_seq + 1,
            f"entries {last_seq + 1}..{head.last_seq} are missing (head is at "
            f"{head.last_seq})",
        )
    if head.last_seq < last_seq:
        return Break(
            head.last_seq + 1,
            f"entries after {head.last_seq} were added outside the chain head",
        )
    if head.last_hash != last_hash:
        return Break(last_seq, f"chain head hash does not match entry {last_seq}")
    return None
