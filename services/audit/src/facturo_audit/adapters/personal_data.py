"""Reads of the audit log about one person; like every read, no change."""

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_audit.adapters.orm import AuditEntry

# The fields of event bodies that name a person by user id.
PERSON_FIELDS = (
    "user_id",
    "author_id",
    "decided_by",
    "on_behalf_of",
    "delegator_id",
    "delegate_id",
    "recipient_id",
)


async def entries_about(
    session: AsyncSession, user_id: str | None, email_sha256: str | None
) -> list[AuditEntry]:
    """Entries the user caused, is the subject of, or is named in; entries
    keyed by the address's hash. Oldest first."""
    about: list[ColumnElement[bool]] = []
    if user_id is not None:
        about += [AuditEntry.actor == user_id, AuditEntry.subject == user_id]
        about += [
            AuditEntry.payload[name].as_string() == user_id for name in PERSON_FIELDS
        ]
    if email_sha256 is not None:
        about.append(AuditEntry.subject == email_sha256)
    if not about:
        return []
    query = select(AuditEntry).where(or_(*about)).order_by(AuditEntry.seq)
    return list(await session.scalars(query))
