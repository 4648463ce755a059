"""The audit log's only ways in and out: append, and reads.

There is deliberately no update or delete here.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_audit.adapters.orm import HEAD_ID, AuditEntry, ChainHeadRow
from facturo_audit.domain.chain import GENESIS, ChainHead, SealedEntry


class ChainMoved(RuntimeError):
    """The head was not where the append read it: retry the whole append."""


class MissingHead(RuntimeError):
    """The one-row chain head table is empty: nothing can be appended."""


@dataclass(frozen=True)
class EntryFilter:
    subject: str | None = None
    event_type: str | None = None
    department: str | None = None


async def lock_head(session: AsyncSession) -> ChainHead:
    """Read the chain head for an append, locking it until the commit.

    FOR UPDATE on PostgreSQL; on SQLite the chassis' BEGIN IMMEDIATE already
    holds the database's write lock for the whole transaction.
    """
    query = select(ChainHeadRow).where(ChainHeadRow.id == HEAD_ID).with_for_update()
    row = await session.scalar(query)
    if row is None:
        raise MissingHead("the chain_head row is missing: is the schema migrated?")
    return _head(row)


async def read_head(session: AsyncSession) -> ChainHead:
    query = select(ChainHeadRow).where(ChainHeadRow.id == HEAD_ID)
    return _head(await session.scalar(query))


async def append(
    session: AsyncSession, entry: SealedEntry, recorded_at: datetime
) -> None:
    """Insert the entry and move the head onto it, in the caller's transaction."""
    facts = entry.facts
    await session.execute(
        insert(AuditEntry).values(
            seq=facts.seq,
            event_id=facts.event_id,
            topic=facts.topic,
            event_type=facts.event_type,
            subject=facts.subject,
            invoice_id=facts.invoice_id,
            department=facts.department,
            actor=facts.actor,
            occurred_at=facts.occurred_at,
            recorded_at=recorded_at,
            payload=dict(facts.payload),
            prev_hash=facts.prev_hash,
            hash=entry.hash,
        )
    )
    await _move_head(session, entry)


async def get_entry(session: AsyncSession, seq: int) -> AuditEntry | None:
    return await session.get(AuditEntry, seq)


async def list_entries(
    session: AsyncSession, where: EntryFilter, limit: int, offset: int
) -> tuple[list[AuditEntry], int]:
    query = select(AuditEntry)
    if where.subject is not None:
        query = query.where(
            or_(
                AuditEntry.subject == where.subject,
                AuditEntry.invoice_id == where.subject,
            )
        )
    if where.event_type is not None:
        query = query.where(AuditEntry.event_type == where.event_type)
    if where.department is not None:
        query = query.where(AuditEntry.department == where.department)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(
        query.order_by(AuditEntry.seq).limit(limit).offset(offset)
    )
    return list(page), total or 0


async def entries_after(
    session: AsyncSession, seq: int, limit: int
) -> Sequence[AuditEntry]:
    """The next `limit` entries after `seq`, in order (one verification batch)."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.seq > seq)
        .order_by(AuditEntry.seq)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def _move_head(session: AsyncSession, entry: SealedEntry) -> None:
    """Compare-and-set: the head must still be where this entry attaches."""
    moved = await session.execute(
        update(ChainHeadRow)
        .where(
            ChainHeadRow.id == HEAD_ID,
            ChainHeadRow.last_seq == entry.facts.seq - 1,
            ChainHeadRow.last_hash == entry.facts.prev_hash,
        )
        .values(last_seq=entry.facts.seq, last_hash=entry.hash)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise ChainMoved(f"the chain head moved before entry {entry.facts.seq}")


def _head(row: ChainHeadRow | None) -> ChainHead:
    if row is None:
        return GENESIS
    return ChainHead(last_seq=row.last_seq, last_hash=row.last_hash)
