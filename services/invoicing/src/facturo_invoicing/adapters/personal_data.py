"""Where the invoicing schema names people, found by column convention.

Every table recording who acted names them by subject id in `author_id`,
`recorded_by` or `reversed_by`; tables with `author_id` also keep the
`author_username` of the moment. New tables following the convention are
covered without change here.
"""

from typing import Any

from sqlalchemy import String as SqlString
from sqlalchemy import Table, and_, cast, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import Base, Customer, InvoiceComment

ACTOR_COLUMNS = ("author_id", "recorded_by", "reversed_by")
# What an export shows of a row naming the person: what it is, not its
# amounts or lines (the company's data, not the person's).
SUMMARY_COLUMNS = (
    "id",
    "invoice_id",
    "department",
    "number",
    "status",
    "author_username",
    "text",
    "created_at",
    "recorded_at",
)


def acted_tables() -> list[Table]:
    return [
        table
        for table in Base.metadata.sorted_tables
        if any(name in table.c for name in ACTOR_COLUMNS)
    ]


def authored_tables() -> list[Table]:
    return [
        table
        for table in Base.metadata.sorted_tables
        if "author_id" in table.c and "author_username" in table.c
    ]


async def records_of(session: AsyncSession, user_id: str) -> dict[str, list[Any]]:
    """Per table, a summary of each row naming `user_id` as an actor."""
    found: dict[str, list[Any]] = {}
    for table in acted_tables():
        actors = [table.c[name] for name in ACTOR_COLUMNS if name in table.c]
        shown = [table.c[name] for name in SUMMARY_COLUMNS if name in table.c]
        query = (
            select(*shown, *actors)
            .where(or_(*(column == user_id for column in actors)))
            .order_by(*table.primary_key.columns)
        )
        rows = (await session.execute(query)).mappings().all()
        if rows:
            found[table.name] = [dict(row) for row in rows]
    return found


async def rename_author(session: AsyncSession, user_id: str, pseudonym: str) -> int:
    """Replace the username kept with what `user_id` wrote; bump versions."""
    renamed = 0
    for table in authored_tables():
        values: dict[str, Any] = {"author_username": pseudonym}
        if "version" in table.c:
            values["version"] = table.c.version + 1
        statement = (
            update(table)
            .where(
                and_(
                    table.c.author_id == user_id,
                    table.c.author_username != pseudonym,
                )
            )
            .values(values)
        )
        result = await session.execute(statement)
        renamed += int(getattr(result, "rowcount", 0) or 0)
    return renamed


async def comments_mentioning(
    session: AsyncSession, user_id: str
) -> list[InvoiceComment]:
    """The comments whose mentions name `user_id` (JSON, read as text first)."""
    query = select(InvoiceComment).where(
        cast(InvoiceComment.mentions, SqlString).contains(user_id)
    )
    order = (InvoiceComment.created_at, InvoiceComment.id)
    candidates = await session.scalars(query.order_by(*order))
    return [c for c in candidates if user_id in c.mentions]


async def all_customers(session: AsyncSession) -> list[Customer]:
    """Every customer: addresses are compared by hash, so all of them are read
    (thousands at most)."""
    query = select(Customer).order_by(Customer.name, Customer.id)
    return list(await session.scalars(query))
