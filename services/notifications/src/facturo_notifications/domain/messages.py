"""What Facturo tells people, in French then English. Pure text, no I/O."""

import hashlib
from dataclasses import dataclass
from email.utils import parseaddr
from enum import StrEnum

from facturo_contracts import approvals, invoicing
from facturo_notifications.domain.formatting import (
    amount_en,
    amount_fr,
    date_en,
    date_fr,
)

SEPARATOR = "\n\n--------\n\n"
SIGNATURE = "\n\n-- \nFacturo"


class Kind(StrEnum):
    """Why a notification was sent; also the `reason` of delivery events."""

    INVOICE_ISSUED = "invoice_issued"
    INVOICE_RETURNED = "invoice_returned_to_draft"
    APPROVAL_REQUESTED = "approval_requested"
    INVOICE_MENTION = "invoice_mention"


@dataclass(frozen=True)
class Mail:
    """A plain-text e-mail to one address; the mailer adds the other headers.

    `message_id` is stable per event and recipient (see `message_id`), so a
    copy sent twice is recognisable as the same message.
    """

    to_address: str
    to_name: str
    subject: str
    body: str
    message_id: str


@dataclass(frozen=True)
class Note:
    """An in-app notification."""

    kind: Kind
    title: str
    body: str


def message_id(event_id: str, recipient_id: str, domain: str) -> str:
    """The same event sent again to the same recipient has the same id."""
    digest = hashlib.sha256(recipient_id.encode()).hexdigest()[:16]
    return f"<{event_id}.{digest}@{domain}>"


def sender_domain(sender: str) -> str:
    """The domain of `Name <address>`, for Message-IDs."""
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "facturo.invalid"


def invoice_link(portal_url: str, invoice_id: str) -> str:
    return f"{portal_url.rstrip('/')}/invoices/{invoice_id}"


def _bilingual(french: str, english: str) -> str:
    return french + SEPARATOR + english + SIGNATURE


def _facts(event: invoicing.InvoiceIssued) -> tuple[str, str]:
    gross = event.totals.gross
    french = (
        f"Montant TTC : {amount_fr(gross, event.currency)}\n"
        f"Échéance : {date_fr(event.due_date)}"
    )
    english = (
        f"Total incl. VAT: {amount_en(gross, event.currency)}\n"
        f"Due date: {date_en(event.due_date)}"
    )
    return french, english


def issued_subject(event: invoicing.InvoiceIssued) -> str:
    return f"Facture {event.number} émise / Invoice {event.number} issued"


def issued_for_author(
    event: invoicing.InvoiceIssued, name: str, link: str
) -> tuple[str, str]:
    """Subject and body of the mail to the person who wrote the invoice."""
    facts_fr, facts_en = _facts(event)
    french = (
        f"Bonjour {name},\n\nLa facture {event.number} a été émise.\n"
        f"{facts_fr}\nVoir la facture : {link}"
    )
    english = (
        f"Hello {name},\n\nInvoice {event.number} has been issued.\n"
        f"{facts_en}\nView the invoice: {link}"
    )
    return issued_subject(event), _bilingual(french, english)


def issued_for_customer(
    event: invoicing.InvoiceIssued, link: str | None = None
) -> tuple[str, str]:
    """Subject and body of the mail to the customer's invoicing contact.

    `link` is left out by default: the portal is for Facturo's own users.
    """
    facts_fr, facts_en = _facts(event)
    link_fr = f"\nConsulter la facture : {link}" if link else ""
    link_en = f"\nView the invoice: {link}" if link else ""
    french = (
        f"Bonjour,\n\nNous vous informons de l'émission de la facture "
        f"{event.number} du {date_fr(event.issue_date)}.\n{facts_fr}{link_fr}"
    )
    english = (
        f"Hello,\n\nPlease note that invoice {event.number} dated "
        f"{date_en(event.issue_date)} has been issued.\n{facts_en}{link_en}"
    )
    subject = f"Facture {event.number} / Invoice {event.number}"
    return subject, _bilingual(french, english)


def issued_note(event: invoicing.InvoiceIssued) -> Note:
    gross = event.totals.gross
    return Note(
        kind=Kind.INVOICE_ISSUED,
        title=issued_subject(event),
        body=(
            f"{amount_fr(gross, event.currency)}, échéance {date_fr(event.due_date)}"
            f" / {amount_en(gross, event.currency)}, due {date_en(event.due_date)}"
        ),
    )


RETURNED_SUBJECT = "Facture renvoyée en brouillon / Invoice returned to draft"


def returned_for_author(
    event: invoicing.InvoiceReturnedToDraft, name: str, link: str
) -> tuple[str, str]:
    french = (
        f"Bonjour {name},\n\nVotre facture a été refusée et renvoyée en "
        f"brouillon.\nMotif : {event.reason}\nModifier la facture : {link}"
    )
    english = (
        f"Hello {name},\n\nYour invoice was rejected and returned to draft.\n"
        f"Reason: {event.reason}\nEdit the invoice: {link}"
    )
    return RETURNED_SUBJECT, _bilingual(french, english)


def returned_note(event: invoicing.InvoiceReturnedToDraft) -> Note:
    return Note(
        kind=Kind.INVOICE_RETURNED,
        title=RETURNED_SUBJECT,
        body=f"Motif / Reason: {event.reason}",
    )


def approval_requested_note(event: approvals.ApprovalRequested) -> Note:
    department = event.department
    return Note(
        kind=Kind.APPROVAL_REQUESTED,
        title="Approbation demandée / Approval requested",
        body=(
            f"Une facture du service {department} attend votre approbation."
            f" / An invoice of department {department} awaits your approval."
        ),
    )


def _mentioned_on(number: str | None) -> tuple[str, str]:
    """Which invoice, in French and English: its number, or a draft."""
    if number is None:
        return "un brouillon de facture", "a draft invoice"
    return f"la facture {number}", f"invoice {number}"


def mention_subject(number: str | None) -> str:
    french, english = _mentioned_on(number)
    return f"Mention sur {french} / Mention on {english}"


def mention_note(number: str | None) -> Note:
    """The reader was mentioned in a comment. Who wrote it is on the invoice,
    not in the note: a stored note naming the author would keep that name in
    someone else's inbox after the author's data is erased."""
    french, english = _mentioned_on(number)
    return Note(
        kind=Kind.INVOICE_MENTION,
        title=mention_subject(number),
        body=(
            f"Vous avez été mentionné dans un commentaire sur {french}."
            f" / You were mentioned in a comment on {english}."
        ),
    )


def mentioned_for_user(
    name: str, author: str, number: str | None, link: str
) -> tuple[str, str]:
    """Subject and body of the mail to a mentioned person, without the
    comment itself: the reader follows the link to read it."""
    french, english = _mentioned_on(number)
    body_fr = (
        f"Bonjour {name},\n\n{author} vous a mentionné dans un commentaire "
        f"sur {french}.\nLire le commentaire : {link}"
    )
    body_en = (
        f"Hello {name},\n\n{author} mentioned you in a comment on {english}.\n"
        f"Read the comment: {link}"
    )
    return mention_subject(number), _bilingual(body_fr, body_en)
