"""HTTP schemas of invoicing's part of a personal data export."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CustomerAddressRead(BaseModel):
    """A customer whose own invoicing address is the person's."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    email: str | None


class PersonalContactRead(BaseModel):
    """The person as a contact of a customer."""

    customer_id: str
    customer_name: str
    name: str | None
    email: str | None
    phone: str | None
    role: str | None


class MentionRead(BaseModel):
    """A comment naming the person."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    invoice_id: str
    author_id: str
    text: str
    created_at: datetime


class InvoicingDataRead(BaseModel):
    customers: list[CustomerAddressRead]
    contacts: list[PersonalContactRead]
    records: dict[str, list[dict[str, Any]]] = Field(
        description=(
            "by table, each row naming the user as author, recorder or "
            "reverser, summarised (ids, status, username, dates, comment text)"
        )
    )
    mentioned_in: list[MentionRead]
