"""Every event type, by its CloudEvents `type`."""

from facturo_contracts import approvals, identity, invoicing, notifications
from facturo_contracts.envelope import Event

EVENT_MODELS: tuple[type[Event], ...] = (
    invoicing.InvoiceCreated,
    invoicing.InvoiceUpdated,
    invoicing.InvoiceSubmitted,
    invoicing.InvoiceApproved,
    invoicing.InvoiceReturnedToDraft,
    invoicing.InvoiceIssued,
    approvals.ApprovalRequested,
    approvals.ApprovalStepApproved,
    approvals.ApprovalGranted,
    approvals.ApprovalRejected,
    approvals.ApprovalWithdrawn,
    identity.DelegationGranted,
    identity.DelegationRevoked,
    notifications.NotificationDelivered,
    notifications.NotificationFailed,
)

BY_TYPE: dict[str, type[Event]] = {model.TYPE: model for model in EVENT_MODELS}
