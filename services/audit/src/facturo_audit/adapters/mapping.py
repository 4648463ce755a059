"""From stored rows back to the domain's sealed entries."""

from facturo_audit.adapters.orm import AuditEntry
from facturo_audit.domain.chain import EntryFacts, SealedEntry, as_utc


def sealed_entry(row: AuditEntry) -> SealedEntry:
    facts = EntryFacts(
        seq=row.seq,
        event_id=row.event_id,
        topic=row.topic,
        event_type=row.event_type,
        subject=row.subject,
        invoice_id=row.invoice_id,
        department=row.department,
        actor=row.actor,
        occurred_at=as_utc(row.occurred_at),
        payload=row.payload,
        prev_hash=row.prev_hash,
    )
    return SealedEntry(facts=facts, hash=row.hash)
