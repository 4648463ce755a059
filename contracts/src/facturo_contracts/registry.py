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
    invoicing.InvoiceSent,
    invoicing.InvoiceCommentAdded,
    invoicing.PaymentRecorded,
    invoicing.PaymentReversed,
    invoicing.RefundRecorded,
    invoicing.RefundReversed,
    invoicing.CreditNoteCreated,
    invoicing.CreditNoteSubmitted,
    invoicing.CreditNoteReturnedToDraft,
    invoicing.CreditNoteIssued,
    approvals.ApprovalRequested,
    approvals.ApprovalStepApproved,
    approvals.ApprovalGranted,
    approvals.ApprovalRejected,
    approvals.ApprovalWithdrawn,
    identity.DelegationGranted,
    identity.DelegationRevoked,
    identity.DepartmentCreated,
    identity.DepartmentAssignedToLegalEntity,
    identity.LegalEntityRegistered,
    identity.UserJoinedDepartment,
    identity.UserLeftDepartment,
    identity.RoleGranted,
    identity.RoleRevoked,
    identity.UserDisabled,
    identity.PersonErased,
    identity.PersonalDataExported,
    notifications.NotificationDelivered,
    notifications.NotificationFailed,
    notifications.NotificationCancelled,
)

BY_TYPE: dict[str, type[Event]] = {model.TYPE: model for model in EVENT_MODELS}
