"""Verification of a chain: every kind of tampering is found, and where."""

from collections.abc import Callable
from dataclasses import replace

from facturo_audit.domain.chain import GENESIS, ChainHead, SealedEntry, seal
from facturo_audit.domain.verification import ChainCheck, VerifyReport

Chain = Callable[[int], tuple[list[SealedEntry], ChainHead]]
WithFacts = Callable[..., SealedEntry]


def verify(entries: list[SealedEntry], head: ChainHead) -> VerifyReport:
    check = ChainCheck()
    for entry in entries:
        check.add(entry)
    return check.report(head)


def test_an_intact_chain_is_ok(chain: Chain) -> None:
    entries, head = chain(5)

    report = verify(entries, head)

    assert report == VerifyReport(
        ok=True, entries=5, first_broken_seq=None, reason=None
    )


def test_an_empty_log_is_ok() -> None:
    assert verify([], GENESIS) == VerifyReport(True, 0, None, None)


def test_a_changed_payload_is_found_at_its_entry(
    chain: Chain, with_facts: WithFacts
) -> None:
    entries, head = chain(5)
    entries[2] = with_facts(entries[2], payload={"invoice_id": "inv-1", "version": 9})

    report = verify(entries, head)

    assert not report.ok
    assert report.first_broken_seq == 3
    assert report.entries == 5
    assert "hash" in (report.reason or "")


def test_a_deleted_middle_entry_is_found_as_a_gap(chain: Chain) -> None:
    entries, head = chain(5)
    del entries[2]

    report = verify(entries, head)

    assert not report.ok
    assert report.first_broken_seq == 3
    assert report.entries == 4
    assert "missing" in (report.reason or "")


def test_two_swapped_entries_are_found_at_the_first(
    chain: Chain, with_facts: WithFacts
) -> None:
    entries, head = chain(5)
    second, third = entries[1], entries[2]
    entries[1] = with_facts(third, seq=2)
    entries[2] = with_facts(second, seq=3)

    report = verify(entries, head)

    assert not report.ok
    assert report.first_broken_seq == 2


def test_swapped_rows_keeping_their_hashes_break_the_links(chain: Chain) -> None:
    entries, head = chain(5)
    entries[1], entries[2] = (
        SealedEntry(replace(entries[2].facts, seq=2), entries[2].hash),
        SealedEntry(replace(entries[1].facts, seq=3), entries[1].hash),
    )

    report = verify(entries, head)

    assert report.first_broken_seq == 2


def test_a_rehashed_entry_breaks_the_link_of_the_next(chain: Chain) -> None:
    entries, head = chain(5)
    forged = replace(entries[2].facts, payload={"invoice_id": "inv-1", "version": 9})
    entries[2] = seal(forged)

    report = verify(entries, head)

    assert report.first_broken_seq == 4
    assert "prev_hash" in (report.reason or "")


def test_a_rehashed_last_entry_disagrees_with_the_head(chain: Chain) -> None:
    entries, head = chain(5)
    forged = replace(entries[4].facts, actor="sub-ada")
    entries[4] = seal(forged)

    report = verify(entries, head)

    assert report.first_broken_seq == 5
    assert "head" in (report.reason or "")


def test_a_deleted_last_entry_is_found_by_the_head(chain: Chain) -> None:
    entries, head = chain(5)
    del entries[4]

    report = verify(entries, head)

    assert report.first_broken_seq == 5
    assert report.entries == 4


def test_an_entry_beyond_the_head_is_found(chain: Chain) -> None:
    entries, _ = chain(5)
    head_at_four = ChainHead(last_seq=4, last_hash=entries[3].hash)

    report = verify(entries, head_at_four)

    assert report.first_broken_seq == 5


def test_only_the_first_break_is_reported(chain: Chain, with_facts: WithFacts) -> None:
    entries, head = chain(6)
    entries[4] = with_facts(entries[4], subject="forged")
    entries[1] = with_facts(entries[1], subject="forged")

    report = verify(entries, head)

    assert report.first_broken_seq == 2
    assert report.entries == 6
