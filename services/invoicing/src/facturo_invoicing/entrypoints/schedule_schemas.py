"""HTTP schemas of recurring schedules. The template is an invoice draft,
with the fields and checks of `POST /invoices` and `PATCH /invoices/{id}`."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from facturo_invoicing.entrypoints.schemas import InvoiceCreate, InvoiceUpdate

FrequencyCode = Literal["monthly", "quarterly", "yearly"]
MAX_COUNT = 1200

TEMPLATE = (
    "the draft each occurrence creates; its department is the schedule's; "
    "each draft's invoicing period is its occurrence's, whatever this says"
)
START = (
    "the first occurrence; the next ones fall on its day of the month, or on "
    "the last day of a shorter month"
)
END = "the last day an occurrence may fall on (inclusive)"
COUNT = "how many occurrences in all"


class ScheduleCreate(BaseModel):
    """A draft to create every period from `start_date`, until `end_date` or
    `count` occurrences, whichever comes first (neither: until ended)."""

    model_config = ConfigDict(extra="forbid")

    template: InvoiceCreate = Field(description=TEMPLATE)
    frequency: FrequencyCode
    start_date: date = Field(description=START)
    end_date: date | None = Field(default=None, description=END)
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT, description=COUNT)


class ScheduleUpdate(BaseModel):
    """A change to the template (the fields of `InvoiceUpdate`) or to the
    end; null `end_date` or `count` removes that bound."""

    model_config = ConfigDict(extra="forbid")

    template: InvoiceUpdate | None = None
    end_date: date | None = Field(default=None, description=END)
    count: int | None = Field(default=None, ge=1, le=MAX_COUNT, description=COUNT)

    @model_validator(mode="before")
    @classmethod
    def _refuse_null_template(cls, data: Any) -> Any:
        if isinstance(data, dict) and "template" in data and data["template"] is None:
            raise ValueError("may not be null: template")
        return data


class ScheduleRead(BaseModel):
    id: str
    department: str
    customer_id: str
    author_id: str
    author_username: str
    template: InvoiceCreate
    frequency: str
    start_date: date
    end_date: date | None
    count: int | None
    status: str = Field(description="active, paused or ended")
    next_occurrence: date | None = Field(
        description="when the next draft is made; null once ended"
    )
    last_error: str | None = Field(
        description="why the last occurrence could not make its draft; it is "
        "tried again at each scheduler pass"
    )
    version: int
    created_at: datetime
    updated_at: datetime


class SchedulePage(BaseModel):
    items: list[ScheduleRead]
    total: int
    limit: int
    offset: int
