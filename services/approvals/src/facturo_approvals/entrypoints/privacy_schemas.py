"""HTTP schemas of approvals' part of a personal data export."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class AuthoredRequestRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    invoice_id: str
    document_kind: str
    document_id: str
    department: str
    status: str
    created_at: datetime


class DecisionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    request_id: str
    position: int
    role: str
    decided_by: str | None
    decided_by_username: str | None
    decided_on_behalf_of: str | None
    decision: str | None
    reason: str | None
    comment: str | None
    decided_at: datetime | None


class DelegationCopyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    department: str
    delegator_id: str
    delegate_id: str
    starts_on: date
    ends_on: date
    revoked: bool


class ApprovalsDataRead(BaseModel):
    requests_authored: list[AuthoredRequestRead]
    decisions: list[DecisionRead]
    delegations: list[DelegationCopyRead]
