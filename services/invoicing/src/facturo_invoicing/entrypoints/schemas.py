"""HTTP schemas of the invoicing API, named by their boundary."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

DepartmentCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,10}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class CustomerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: DepartmentCode
    name: str = Field(min_length=1, max_length=200)
    siren: str = Field(min_length=9, max_length=11)
    vat_id: str | None = Field(default=None, max_length=20)
    email: EmailStr | None = None
    address_lines: list[str] = Field(default_factory=list, max_length=6)
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "FR"
    payment_terms_days: int = 30


class CustomerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    department: str
    name: str
    siren: str
    vat_id: str | None
    email: str | None
    address_lines: list[str]
    country: str
    payment_terms_days: int
    version: int


class LineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal = Field(description='percent, e.g. "20"')


class InvoiceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: DepartmentCode
    customer_id: str
    currency: CurrencyCode = "EUR"
    lines: list[LineCreate] = Field(min_length=1, max_length=500)


class LineRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    position: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    net: Decimal


class TotalsRead(BaseModel):
    net: Decimal
    vat: Decimal
    gross: Decimal


class InvoiceRead(BaseModel):
    id: str
    department: str
    customer_id: str
    customer_name: str
    author_id: str
    author_username: str
    currency: str
    status: str
    version: int
    number: str | None
    issue_date: date | None
    due_date: date | None
    totals: TotalsRead
    lines: list[LineRead]
    rejection_reason: str | None
    created_at: datetime
    updated_at: datetime


class InvoicePage(BaseModel):
    items: list[InvoiceRead]
    total: int
    limit: int
    offset: int
