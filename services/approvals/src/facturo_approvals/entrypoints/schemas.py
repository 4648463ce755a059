"""HTTP schemas of the approvals API, named by their boundary."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_TEXT = 2000

Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]


class ApprovalApprove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: str | None = Field(default=None, max_length=MAX_TEXT)


class ApprovalReject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="why the invoice goes back to its author")


class StepRead(BaseModel):
    index: int
    role: str = Field(description="the role that decides this step")
    decided_by: str | None
    decided_by_username: str | None
    decided_on_behalf_of: str | None = Field(
        description="the approver whose delegation the decider used, if any"
    )
    decision: str | None = Field(description="approved, rejected or null")
    reason: str | None
    comment: str | None
    decided_at: datetime | None


class CurrentStepRead(BaseModel):
    index: int
    role: str


class DocumentRead(BaseModel):
    kind: str = Field(description="invoice or credit_note")
    id: str


class ApprovalRead(BaseModel):
    id: str
    invoice_id: str = Field(description="the invoice, or the one credited")
    document: DocumentRead = Field(description="what the request approves")
    department: str
    author_id: str
    currency: str
    gross: Decimal = Field(description="in the invoice currency, decimal string")
    status: str
    current_step: CurrentStepRead | None = Field(
        description="the step waiting for a decision; null once closed"
    )
    steps: list[StepRead]
    version: int
    created_at: datetime
    updated_at: datetime


class ApprovalPage(BaseModel):
    items: list[ApprovalRead]
    total: int
    limit: int
    offset: int
