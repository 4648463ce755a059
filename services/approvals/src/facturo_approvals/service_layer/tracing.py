"""Business attributes on the active span for the request being handled."""

from facturo_approvals.adapters.orm import ApprovalRequest
from facturo_chassis import attributes
from facturo_chassis.telemetry import tag_current_span


def tag_request(request: ApprovalRequest) -> None:
    tag_current_span(
        invoice_id=request.invoice_id,
        department=request.department,
        **{attributes.APPROVAL_REQUEST_ID: request.id},
    )
