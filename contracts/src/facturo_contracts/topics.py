"""Kafka topic names: one topic per aggregate, keyed by the aggregate id."""

INVOICES = "invoicing.invoice.v1"
APPROVAL_REQUESTS = "approvals.request.v1"
DIRECTORY = "identity.directory.v1"
DELIVERIES = "notifications.delivery.v1"
AUDIT_CHECKPOINTS = "audit.checkpoint.v1"

MAIN_TOPICS: tuple[str, ...] = (
    INVOICES,
    APPROVAL_REQUESTS,
    DIRECTORY,
    DELIVERIES,
    AUDIT_CHECKPOINTS,
)

DLQ_SUFFIX = ".dlq"


def dead_letter(topic: str) -> str:
    """The dead-letter twin of a topic."""
    return f"{topic}{DLQ_SUFFIX}"


ALL_TOPICS: tuple[str, ...] = MAIN_TOPICS + tuple(dead_letter(t) for t in MAIN_TOPICS)
