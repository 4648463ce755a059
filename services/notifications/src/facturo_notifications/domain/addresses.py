"""E-mail addresses as an SMTP server must be given them. Pure, no I/O.

An internationalised domain travels in its IDNA (punycode) form, which every
server accepts. A non-ASCII local part cannot be rewritten: only a server
offering SMTPUTF8 (RFC 6531) takes it, and the mailer checks that.
"""

from dataclasses import dataclass

import idna


class UnsendableAddress(ValueError):
    """No mail server could be given this address.

    The message says what is wrong, never the address: it is personal data.
    """


@dataclass(frozen=True)
class MailboxParts:
    """The local part as written and the domain in ASCII."""

    local: str
    domain: str

    @property
    def needs_smtputf8(self) -> bool:
        return not self.local.isascii()


def mailbox_parts(address: str) -> MailboxParts:
    """Split at the last `@` and give the domain its IDNA form."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise UnsendableAddress("the address lacks a local part or a domain")
    if any(c.isspace() or not c.isprintable() for c in local):
        raise UnsendableAddress("the local part holds spaces or control characters")
    return MailboxParts(local, ascii_domain(domain))


def ascii_domain(domain: str) -> str:
    """`exämple.com` → `xn--exmple-cua.com`; an ASCII domain is kept as is."""
    if domain.isascii():
        if any(c.isspace() or not c.isprintable() for c in domain):
            raise UnsendableAddress("the domain holds spaces or control characters")
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        # The error text quotes the offending label: not repeated here.
        raise UnsendableAddress("the domain is not a valid IDNA name") from None
