"""Sending e-mail over SMTP with aiosmtplib."""

import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from typing import Protocol

import aiosmtplib
from opentelemetry import trace

from facturo_notifications.domain.messages import Mail, message_id

logger = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

PERMANENT_FAILURE = 500


class MailRejected(Exception):
    """The mail server refused this message for good (a 5xx reply).

    Retrying cannot help; the delivery is recorded as failed.
    """


class MailUnavailable(Exception):
    """The mail could not be handed over now; a later attempt may succeed."""


class Mailer(Protocol):
    async def send(self, mail: Mail) -> None:
        """Hand one message to the mail server, or raise one of the above."""
        ...


class SmtpMailer:
    def __init__(
        self, host: str, port: int, sender: str, timeout: float = 10.0
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._timeout = timeout

    async def send(self, mail: Mail) -> None:
        message = compose(mail, self._sender)
        with tracer.start_as_current_span("smtp send") as span:
            span.set_attribute("server.address", self._host)
            span.set_attribute("server.port", self._port)
            try:
                await aiosmtplib.send(
                    message,
                    hostname=self._host,
                    port=self._port,
                    timeout=self._timeout,
                )
            except aiosmtplib.SMTPException as error:
                raise _classify(error) from error


def compose(mail: Mail, sender: str) -> EmailMessage:
    """A text/plain message with the headers a mail client expects."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((mail.to_name, mail.to_address))
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id(
        mail.event_id, mail.recipient_id, _domain(sender)
    )
    message["Content-Language"] = "fr, en"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body)
    return message


def _domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "facturo.invalid"


def _classify(error: aiosmtplib.SMTPException) -> Exception:
    """A refusal naming no address; addresses are personal data."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        if codes and min(codes) >= PERMANENT_FAILURE:
            return MailRejected(f"recipient refused (SMTP {codes[0]})")
        return MailUnavailable(f"recipient deferred (SMTP {codes})")
    if isinstance(error, aiosmtplib.SMTPDataError):
        if error.code >= PERMANENT_FAILURE:
            return MailRejected(f"message refused (SMTP {error.code})")
        return MailUnavailable(f"message deferred (SMTP {error.code})")
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return MailUnavailable(f"mail server replied SMTP {error.code}")
    return MailUnavailable(f"mail server unreachable: {type(error).__name__}")
