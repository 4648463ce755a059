"""What the notifications service does with other services' events.

Consumer group `notifications`: `invoicing.invoice.v1` (issued, returned to
draft, comment added), `approvals.request.v1` (requested) and
`identity.directory.v1` (user disabled, user left a department: the e-mails
waiting for them are cancelled; person erased: their inbox is deleted and
the e-mails waiting for them or their address are cancelled). Ack after the in-app
notifications, the queued e-mails (pending deliveries, the mail outbox), the
delivery events and the inbox row commit together; the mail sender sends the
e-mails afterwards, so no mail server is involved here. A failure (the
directory or invoicing unreachable) is retried `consumer_retries` times, then
the record goes to `<topic>.dlq` and the consumer goes on. `ApprovalGranted`
is not handled: it does not name the author, and the `InvoiceIssued` that
follows tells them.
"""

from functools import partial

from facturo_chassis.runtime import Runtime
from facturo_contracts import approvals, identity, invoicing, topics
from facturo_notifications.service_layer import (
    directory_changes,
    handlers,
    mentions,
    privacy,
)
from facturo_notifications.service_layer.ports import Ports

GROUP = "notifications"


def register(runtime: Runtime, ports: Ports) -> None:
    runtime.consumer(
        GROUP,
        [topics.INVOICES, topics.APPROVAL_REQUESTS, topics.DIRECTORY],
        handlers={
            invoicing.InvoiceIssued: partial(handlers.on_invoice_issued, ports=ports),
            invoicing.InvoiceReturnedToDraft: partial(
                handlers.on_invoice_returned, ports=ports
            ),
            invoicing.InvoiceCommentAdded: partial(
                mentions.on_comment_added, ports=ports
            ),
            approvals.ApprovalRequested: partial(
                handlers.on_approval_requested, ports=ports
            ),
            identity.UserDisabled: directory_changes.on_user_disabled,
            identity.UserLeftDepartment: directory_changes.on_user_left_department,
            identity.PersonErased: privacy.on_person_erased,
        },
    )
