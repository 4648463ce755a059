"""Sending e-mail over SMTP with aiosmtplib.

Every refusal is raised as `MailRejected` (for good) or `MailUnavailable`
(try later), with a text that names no address: addresses are personal data.
"""

import logging
from datetime import UTC, datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Protocol

import aiosmtplib
from opentelemetry import trace

from facturo_notifications.domain.addresses import (
    MailboxParts,
    UnsendableAddress,
    mailbox_parts,
)
from facturo_notifications.domain.messages import Mail

logger = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

PERMANENT_FAILURE = 500
ENCODING_ERRORS = (ValueError, UnicodeError, MessageError)


class MailRejected(Exception):
    """The message can never be sent as it is: a 5xx reply, an address no
    server can be given, or a mailbox name the server cannot take.

    Retrying cannot help; the delivery is recorded as failed.
    """


class MailUnavailable(Exception):
    """The mail could not be handed over now; a later attempt may succeed."""


class Mailer(Protocol):
    async def send(self, mail: Mail) -> None:
        """Hand one message to the mail server, or raise one of the above."""
        ...


class SmtpMailer:
    """One SMTP session per message, STARTTLS when the server offers it."""

    def __init__(
        self, host: str, port: int, sender: str, timeout: float = 10.0
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._timeout = timeout

    async def send(self, mail: Mail) -> None:
        parts = _parts(mail.to_address)
        message = compose(mail, self._sender, parts)
        with tracer.start_as_current_span("smtp send") as span:
            span.set_attribute("server.address", self._host)
            span.set_attribute("server.port", self._port)
            try:
                await self._hand_over(message, parts)
            except aiosmtplib.SMTPException as error:
                raise _classify(error) from error
            except ENCODING_ERRORS as error:
                raise MailRejected(_unencodable(error)) from None

    async def _hand_over(self, message: EmailMessage, parts: MailboxParts) -> None:
        client = aiosmtplib.SMTP(
            hostname=self._host, port=self._port, timeout=self._timeout
        )
        async with client:
            if client.is_ehlo_or_helo_needed:
                await client.ehlo()
            if parts.needs_smtputf8 and not client.supports_extension("smtputf8"):
                raise MailRejected(
                    "the local part is not ASCII and the mail server does not "
                    "offer SMTPUTF8"
                )
            await client.send_message(
                message,
                sender=parseaddr(self._sender)[1],
                recipients=[_addr_spec(message)],
            )


def compose(mail: Mail, sender: str, parts: MailboxParts | None = None) -> EmailMessage:
    """A text/plain message with the headers a mail client expects.

    The recipient's domain is written in its IDNA form; an address that
    cannot be written raises `MailRejected`.
    """
    parts = parts or _parts(mail.to_address)
    message = EmailMessage()
    try:
        message["From"] = sender
        message["To"] = Address(mail.to_name, parts.local, parts.domain)
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = mail.message_id
        message["Content-Language"] = "fr, en"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(mail.body)
    except ENCODING_ERRORS as error:
        raise MailRejected(_unencodable(error)) from None
    return message


def _parts(address: str) -> MailboxParts:
    try:
        return mailbox_parts(address)
    except UnsendableAddress as error:
        raise MailRejected(f"unsendable address: {error}") from None


def _addr_spec(message: EmailMessage) -> str:
    [address] = message["To"].addresses
    return str(address.addr_spec)


def _unencodable(error: Exception) -> str:
    """The library's own text may quote the address: only its kind is kept."""
    return f"the message cannot be encoded ({type(error).__name__})"


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
