"""A catch-all SMTP server that saves each message as var/mail/<stamp>.eml.

Run as its own process: ``python -m facturo_devstack.smtp --maildir var/mail``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
PORT = 1025


class MaildirHandler:
    """aiosmtpd handler: accepts every message and writes it to a folder."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        path = self.save(envelope)
        logger.info("saved %s for %d recipient(s)", path.name, len(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def save(self, envelope: Envelope) -> Path:
        """Write the message with the envelope as X- headers, atomically."""
        self.maildir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.maildir / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        staging = path.with_suffix(".eml.tmp")
        staging.write_bytes(envelope_headers(envelope) + message_bytes(envelope))
        staging.replace(path)
        return path


def envelope_headers(envelope: Envelope) -> bytes:
    sender = envelope.mail_from or ""
    recipients = ", ".join(envelope.rcpt_tos)
    return f"X-MailFrom: {sender}\r\nX-RcptTo: {recipients}\r\n".encode()


def message_bytes(envelope: Envelope) -> bytes:
    content = envelope.original_content or b""
    return content if isinstance(content, bytes) else content.encode()


async def start_server(
    maildir: Path, host: str = HOST, port: int = PORT
) -> asyncio.Server:
    """Listen on host:port (port 0 picks a free one) and return the server."""
    handler = MaildirHandler(maildir)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: SMTP(handler, hostname=host), host, port)


async def serve(maildir: Path, host: str, port: int) -> None:
    server = await start_server(maildir, host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    logger.info("SMTP on %s:%d, saving to %s", host, port, maildir)
    async with server:
        await stop.wait()
    logger.info("SMTP server stopped")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maildir", type=Path, required=True)
    parser.add_argument("--host", default=HOST)
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(serve(args.maildir, args.host, args.port))


if __name__ == "__main__":
    main()
