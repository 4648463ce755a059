"""What the handlers need from outside: directories, mail, links."""

from dataclasses import dataclass

from facturo_notifications.adapters.directory import Directory
from facturo_notifications.adapters.invoicing import CustomerBook
from facturo_notifications.adapters.mailer import Mailer


@dataclass(frozen=True)
class Ports:
    directory: Directory
    customers: CustomerBook
    mailer: Mailer
    portal_url: str
