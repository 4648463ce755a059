"""What the handlers need from outside: directories, mail, links."""

from collections.abc import Callable
from dataclasses import dataclass

from facturo_notifications.adapters.directory import Directory
from facturo_notifications.adapters.invoicing import CustomerBook
from facturo_notifications.adapters.mailer import Mailer


def no_sender() -> None:
    """Nobody to wake: the queued e-mails wait for the next poll."""


@dataclass(frozen=True)
class Ports:
    """`mail_domain` and `wake_sender` are set by `create_app`: the domain
    of Message-IDs (from `smtp_from`) and the mail sender's wake-up, called
    after a commit that queued e-mails."""

    directory: Directory
    customers: CustomerBook
    mailer: Mailer
    portal_url: str
    mail_domain: str = "facturo.invalid"
    wake_sender: Callable[[], None] = no_sender
