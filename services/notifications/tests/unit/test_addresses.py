"""Addresses as a mail server must be given them, and the message headers."""

import pytest

from facturo_notifications.adapters.mailer import MailRejected, compose
from facturo_notifications.domain.addresses import (
    MailboxParts,
    UnsendableAddress,
    mailbox_parts,
)
from facturo_notifications.domain.messages import Mail

SENDER = "Facturo <facturo@demo.facturo.test>"


def mail(address: str, name: str = "Atelier Vélo") -> Mail:
    return Mail(address, name, "Facture", "Bonjour", "<ev-1.abc@demo.facturo.test>")


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("a@example.com", MailboxParts("a", "example.com")),
        ("a@exämple.com", MailboxParts("a", "xn--exmple-cua.com")),
        ("a@EXÄMPLE.com", MailboxParts("a", "xn--exmple-cua.com")),
        ("josé@exämple.com", MailboxParts("josé", "xn--exmple-cua.com")),
        ("my_box@my_host.example.com", MailboxParts("my_box", "my_host.example.com")),
    ],
)
def test_domains_are_given_in_ascii(address: str, parts: MailboxParts) -> None:
    assert mailbox_parts(address) == parts


def test_only_a_non_ascii_local_part_needs_smtputf8() -> None:
    assert mailbox_parts("josé@example.com").needs_smtputf8
    assert not mailbox_parts("jose@exämple.com").needs_smtputf8


@pytest.mark.parametrize(
    "address",
    ["no-at-sign", "@example.com", "a@", "a b@example.com", "a@-bäd-.com", "a@x\n.com"],
)
def test_unsendable_addresses_are_refused_without_quoting_them(address: str) -> None:
    with pytest.raises(UnsendableAddress) as refused:
        mailbox_parts(address)

    assert address not in str(refused.value)
    assert "bäd" not in str(refused.value)


def test_the_to_header_carries_the_idna_domain_and_the_name() -> None:
    message = compose(mail("comptabilite@ateliervélorapidesas.example.com"), SENDER)

    assert message["To"].addresses[0].addr_spec == (
        "comptabilite@xn--ateliervlorapidesas-izb.example.com"
    )
    assert message["To"].addresses[0].display_name == "Atelier Vélo"
    assert message["Message-ID"] == "<ev-1.abc@demo.facturo.test>"


def test_a_name_that_cannot_be_a_header_is_a_permanent_failure() -> None:
    with pytest.raises(MailRejected) as refused:
        compose(mail("a@example.com", name="Evil\r\nBcc: x@example.com"), SENDER)

    assert "example.com" not in str(refused.value)
