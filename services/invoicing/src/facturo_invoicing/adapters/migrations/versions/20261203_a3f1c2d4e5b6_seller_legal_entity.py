"""seller legal entity

What the identity service says of legal entities and of the legal entity of
each department; invoices and credit notes keep their seller as it was at
issue. Numbers become unique per seller (its SIREN) instead of service-wide.
Invoices and credit notes already numbered were issued by the seller then
configured (`FACTURO_SELLER_*`), which their snapshot records.

SQLite cannot drop a UNIQUE written inside CREATE TABLE: the table is rebuilt.
Nothing refers to `credit_notes`, so its batch rebuild is plain. Dropping
`invoices` would delete the rows that cascade from it (lines, adjustments)
and PRAGMA foreign_keys cannot be turned off inside the migration's
transaction, so the rows of every table referring to `invoices` are copied
aside and emptied first, then put back once the new table holds the invoices.
Downgrading fails if two sellers have used the same number.

Revision ID: a3f1c2d4e5b6
Revises: 9d18669424b8
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from facturo_invoicing.settings import InvoicingSettings

revision: str = "a3f1c2d4e5b6"
down_revision: str | None = "9d18669424b8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NUMBERED = ("invoices", "credit_notes")
# Unnamed constraints reflected from SQLite get these names in a batch.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
SELLER_COLUMNS = (
    "seller_legal_entity_id",
    "seller_name",
    "seller_siren",
    "seller_vat_id",
    "seller_address",
)


def upgrade() -> None:
    _create_directory_tables()
    for table in NUMBERED:
        for column in _seller_columns():
            op.add_column(table, column)
    _backfill_sellers()
    for table in NUMBERED:
        _swap_unique(table, ["number"], ["seller_siren", "number"])


def downgrade() -> None:
    for table in NUMBERED:
        _swap_unique(table, ["seller_siren", "number"], ["number"])
        _drop_seller_columns(table)
    op.drop_table("department_legal_entities")
    op.drop_table("legal_entities")


def _create_directory_tables() -> None:
    op.create_table(
        "legal_entities",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=False),
        sa.Column("vat_id", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "department_legal_entities",
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("legal_entity_id", sa.String(length=36), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("department"),
    )


def _seller_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("seller_legal_entity_id", sa.String(length=36), nullable=True),
        sa.Column("seller_name", sa.String(length=200), nullable=True),
        sa.Column("seller_siren", sa.String(length=9), nullable=True),
        sa.Column("seller_vat_id", sa.String(length=20), nullable=True),
        sa.Column("seller_address", sa.String(length=500), nullable=True),
    ]


def _backfill_sellers() -> None:
    settings = InvoicingSettings()
    seller = {
        "seller_name": settings.seller_name,
        "seller_siren": settings.seller_siren,
        "seller_vat_id": settings.seller_vat_id,
        "seller_address": ", ".join(settings.seller_address),
    }
    for name in NUMBERED:
        table = sa.table(name, *(sa.column(c) for c in ("number", *seller)))
        numbered = table.c.number.is_not(None)
        op.execute(sa.update(table).where(numbered).values(seller))


def _swap_unique(table: str, old: list[str], new: list[str]) -> None:
    old_name = _unique_name(table, old)
    # The number alone had PostgreSQL's default name; it gets it back.
    new_name = f"uq_{table}_seller_number" if len(new) > 1 else f"{table}_number_key"
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(old_name, table, type_="unique")
        op.create_unique_constraint(new_name, table, new)
        return
    with (
        _children_set_aside(table),
        op.batch_alter_table(
            table, recreate="always", naming_convention=NAMING
        ) as batch,
    ):
        batch.drop_constraint(old_name, type_="unique")
        batch.create_unique_constraint(new_name, new)


def _drop_seller_columns(table: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        for name in SELLER_COLUMNS:
            op.drop_column(table, name)
        return
    with (
        _children_set_aside(table),
        op.batch_alter_table(table, recreate="always") as batch,
    ):
        for name in SELLER_COLUMNS:
            batch.drop_column(name)


def _unique_name(table: str, columns: list[str]) -> str:
    """The constraint's name; for an unnamed one on SQLite, as NAMING gives it."""
    for found in sa.inspect(op.get_bind()).get_unique_constraints(table):
        if found["column_names"] == columns:
            return found["name"] or "_".join(["uq", table, *columns])
    raise LookupError(f"no unique constraint on {table} {columns}")


@contextmanager
def _children_set_aside(table: str) -> Iterator[None]:
    """Copy aside and empty the rows of the tables that refer to `table`, so
    that dropping it deletes nothing; put them back afterwards."""
    # The names put in the SQL below are the schema's own tables.
    children = _referring_to(table)
    for child in children:
        kept = f"_kept_{child}"
        op.execute(f"CREATE TEMP TABLE {kept} AS SELECT * FROM {child}")  # noqa: S608
        op.execute(f"DELETE FROM {child}")  # noqa: S608
    yield
    for child in children:
        kept = f"_kept_{child}"
        op.execute(f"INSERT INTO {child} SELECT * FROM {kept}")  # noqa: S608
        op.execute(f"DROP TABLE {kept}")


def _referring_to(table: str) -> list[str]:
    inspector = sa.inspect(op.get_bind())
    return [
        name
        for name in inspector.get_table_names()
        if any(
            key["referred_table"] == table for key in inspector.get_foreign_keys(name)
        )
    ]
