"""The event envelope: CloudEvents 1.0 in Kafka binary mode.

The body of a record is the event model as JSON; everything that describes the
event travels in headers. Header names are listed here once.
"""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"

H_SPECVERSION = "ce_specversion"
H_ID = "ce_id"
H_TYPE = "ce_type"
H_SOURCE = "ce_source"
H_TIME = "ce_time"
H_SUBJECT = "ce_subject"
H_CONTENT_TYPE = "content-type"
H_DEPARTMENT = "facturo_department"
H_ACTOR = "facturo_actor"
H_TRACEPARENT = "traceparent"

# Set on a record copied to a dead-letter topic.
H_DLQ_ERROR = "facturo_dlq_error"
H_DLQ_TOPIC = "facturo_dlq_topic"
H_DLQ_CONSUMER = "facturo_dlq_consumer"


class Event(BaseModel):
    """Base of every event body. `TYPE` is the CloudEvents `type`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    TYPE: ClassVar[str]
    TOPIC: ClassVar[str]

    def subject(self) -> str:
        """The aggregate id: the CloudEvents subject and the record key."""
        raise NotImplementedError


class EventMeta(BaseModel):
    """What the headers of one record say about its event."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: str
    source: str
    time: datetime
    subject: str
    department: str | None = None
    actor: str | None = None
