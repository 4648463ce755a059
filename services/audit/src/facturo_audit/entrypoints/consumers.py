"""What the audit service does with every other service's events.

Consumer group `audit`: every record of the invoice, approval request,
directory and delivery topics becomes the next entry of the chain, whatever
its type. Ack after the entry and the inbox row commit together; a failing
record is retried three times, then copied to `<topic>.dlq` (a record without
CloudEvents headers or with a non-JSON body goes there at once) and no entry
is written for it.
"""

from facturo_audit.service_layer.recording import record_event
from facturo_chassis.runtime import Runtime
from facturo_contracts import topics

AUDITED_TOPICS = (
    topics.INVOICES,
    topics.APPROVAL_REQUESTS,
    topics.DIRECTORY,
    topics.DELIVERIES,
)


def register(runtime: Runtime) -> None:
    runtime.consumer("audit", AUDITED_TOPICS, handlers={}, on_any=record_event)
