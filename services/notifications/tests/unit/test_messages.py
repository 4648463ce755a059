"""The texts, amounts and recipients, without any I/O."""

from datetime import date
from decimal import Decimal

from facturo_contracts import invoicing
from facturo_notifications.domain import messages
from facturo_notifications.domain.formatting import amount_en, amount_fr
from facturo_notifications.domain.people import Person, approvers_to_notify


def approver(subject: str, enabled: bool = True) -> Person:
    return Person(
        id=subject,
        username=subject,
        name=None,
        email=None,
        departments=frozenset({"SAL"}),
        roles=frozenset({"approver"}),
        enabled=enabled,
    )


def test_amounts_keep_their_digits_and_group_thousands() -> None:
    assert amount_fr(Decimal("1234567.50"), "EUR") == "1\u202f234\u202f567,50 EUR"
    assert amount_en(Decimal("1234567.50"), "EUR") == "EUR 1,234,567.50"
    assert amount_en(Decimal("1500"), "JPY") == "JPY 1,500"
    assert amount_fr(Decimal("0.10"), "EUR") == "0,10 EUR"


def test_message_id_is_stable_per_event_and_recipient() -> None:
    first = messages.message_id("ev-1", "sub-claire", "demo.facturo.test")

    assert first == messages.message_id("ev-1", "sub-claire", "demo.facturo.test")
    assert first != messages.message_id("ev-1", "cust-1", "demo.facturo.test")
    assert first != messages.message_id("ev-2", "sub-claire", "demo.facturo.test")
    assert first.startswith("<ev-1.") and first.endswith("@demo.facturo.test>")
    assert "claire" not in first


def test_author_and_disabled_approvers_are_not_asked() -> None:
    people = [approver("sub-marc"), approver("sub-claire"), approver("sub-old", False)]

    chosen = approvers_to_notify(people, author_id="sub-claire")

    assert [p.id for p in chosen] == ["sub-marc"]


def test_customer_mail_is_bilingual_and_has_no_portal_link() -> None:
    event = invoicing.InvoiceIssued(
        invoice_id="inv-1",
        department="SAL",
        number="SAL-2026-000001",
        issue_date=date(2026, 12, 3),
        due_date=date(2027, 1, 2),
        customer_id="cust-1",
        author_id="sub-claire",
        currency="EUR",
        totals=invoicing.Totals(
            net=Decimal("100.00"), vat=Decimal("20.00"), gross=Decimal("120.00")
        ),
    )

    subject, body = messages.issued_for_customer(event)

    assert subject == "Facture SAL-2026-000001 / Invoice SAL-2026-000001"
    assert "Montant TTC : 120,00 EUR" in body
    assert "Total incl. VAT: EUR 120.00" in body
    assert "Échéance : 02/01/2027" in body
    assert "Due date: 2027-01-02" in body
    assert "http" not in body
