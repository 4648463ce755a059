import asyncio
import smtplib
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

from facturo_devstack.smtp import start_server


def send(port: int, message: EmailMessage, recipients: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.send_message(message, to_addrs=recipients)


def invoice_mail() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "facturo@demo.facturo.test"
    message["To"] = "marc@demo.facturo.test"
    message["Subject"] = "Invoice SAL-2026-0001 awaits your approval"
    message.set_content("Please review invoice SAL-2026-0001.")
    message.add_attachment(b"%PDF-1.7", maintype="application", subtype="pdf")
    return message


async def test_each_message_is_saved_as_an_eml_file(tmp_path: Path) -> None:
    server = await start_server(tmp_path / "mail", "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    recipients = ["marc@demo.facturo.test", "audit@demo.facturo.test"]
    async with server:
        await asyncio.to_thread(send, port, invoice_mail(), recipients)
        await asyncio.to_thread(send, port, invoice_mail(), recipients[:1])

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    assert not list((tmp_path / "mail").glob("*.tmp"))
    saved = BytesParser(policy=default).parse(files[0].open("rb"))
    assert saved["X-MailFrom"] == "facturo@demo.facturo.test"
    assert saved["X-RcptTo"] == "marc@demo.facturo.test, audit@demo.facturo.test"
    assert saved["Subject"] == "Invoice SAL-2026-0001 awaits your approval"
    body = saved.get_body(("plain",))
    assert body is not None
    assert body.get_content().strip() == "Please review invoice SAL-2026-0001."
    attachment = next(saved.iter_attachments())
    assert attachment.get_content() == b"%PDF-1.7"
