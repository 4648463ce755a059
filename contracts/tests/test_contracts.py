from datetime import date
from decimal import Decimal

from facturo_contracts import topics
from facturo_contracts.asyncapi import DEFAULT_OUTPUT, render
from facturo_contracts.invoicing import InvoiceIssued, Totals
from facturo_contracts.registry import BY_TYPE, EVENT_MODELS


def test_every_event_type_is_unique_and_versioned() -> None:
    assert len(BY_TYPE) == len(EVENT_MODELS)
    for model in EVENT_MODELS:
        assert model.TYPE.endswith(".v1")
        assert model.TOPIC in topics.MAIN_TOPICS


def test_money_travels_as_decimal_strings() -> None:
    event = InvoiceIssued(
        invoice_id="i-1",
        department="SAL",
        number="SAL-2026-000001",
        issue_date=date(2026, 12, 3),
        due_date=date(2027, 1, 2),
        customer_id="c-1",
        author_id="u-1",
        currency="EUR",
        totals=Totals(
            net=Decimal("100.00"), vat=Decimal("20.00"), gross=Decimal("120.00")
        ),
    )
    body = event.model_dump(mode="json")
    assert body["totals"] == {"net": "100.00", "vat": "20.00", "gross": "120.00"}
    assert InvoiceIssued.model_validate(body) == event
    assert event.subject() == "i-1"


def test_dead_letter_topics_pair_every_main_topic() -> None:
    assert topics.dead_letter(topics.INVOICES) == "invoicing.invoice.v1.dlq"
    assert len(topics.ALL_TOPICS) == 2 * len(topics.MAIN_TOPICS)


def test_committed_asyncapi_document_is_up_to_date() -> None:
    assert DEFAULT_OUTPUT.read_text(encoding="utf-8") == render(), (
        "run `make asyncapi` and commit contracts/asyncapi/facturo.json"
    )
