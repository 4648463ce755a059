"""Comments on invoices, with mentions checked against the directory."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.testing import auth, running_app
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.domain.comments import Colleague
from facturo_invoicing.settings import InvoicingSettings

from .colleagues import FakeDirectory
from .flows import HUNDRED_AT_20, issued_invoice, new_customer, outbox, read_invoice

App = tuple[FastAPI, httpx.AsyncClient]
ADDED = "invoicing.invoice.comment-added.v1"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


@pytest.fixture
async def app_and_client(
    settings: InvoicingSettings, directory: FakeDirectory
) -> AsyncIterator[App]:
    app = create_app(settings, directory)
    async with running_app(app) as client:
        yield app, client


async def sal_draft(client: httpx.AsyncClient) -> str:
    body = {
        "department": "SAL",
        "customer_id": await new_customer(client),
        "lines": HUNDRED_AT_20,
    }
    response = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def comment(
    client: httpx.AsyncClient,
    invoice_id: str,
    text: str = "Can you check the VAT rate?",
    mentions: list[str] | None = None,
    user: str = "claire",
) -> httpx.Response:
    body = {"text": text, "mentions": mentions or []}
    return await client.post(
        f"/api/v1/invoices/{invoice_id}/comments", json=body, headers=auth(user)
    )


async def thread(
    client: httpx.AsyncClient, invoice_id: str, user: str = "fanny", query: str = ""
) -> httpx.Response:
    return await client.get(
        f"/api/v1/invoices/{invoice_id}/comments{query}", headers=auth(user)
    )


def problem(response: httpx.Response) -> tuple[Any, ...]:
    body = response.json()
    return response.status_code, body["title"], body["detail"]


async def test_a_comment_is_stored_and_listed_oldest_first(
    client: httpx.AsyncClient,
) -> None:
    invoice_id = await sal_draft(client)

    first = await comment(client, invoice_id, "  Remise de 5 % ?  ", ["sub-marc"])
    second = await comment(client, invoice_id, "OK pour moi", user="marc")
    page = (await thread(client, invoice_id, "claire")).json()

    assert first.status_code == 201, first.text
    assert second.status_code == 201, second.text
    created = first.json()
    assert (created["invoice_id"], created["author_id"]) == (invoice_id, "sub-claire")
    assert (created["author_username"], created["text"]) == (
        "claire",
        "Remise de 5 % ?",
    )
    assert created["mentions"] == ["sub-marc"]
    assert created["created_at"] is not None
    assert [c["text"] for c in page["items"]] == ["Remise de 5 % ?", "OK pour moi"]
    assert [c["author_id"] for c in page["items"]] == ["sub-claire", "sub-marc"]
    assert (page["total"], page["limit"], page["offset"]) == (2, 50, 0)


async def test_the_thread_is_paginated(client: httpx.AsyncClient) -> None:
    invoice_id = await sal_draft(client)
    for text in ("un", "deux", "trois"):
        assert (await comment(client, invoice_id, text)).status_code == 201

    page = (await thread(client, invoice_id, query="?limit=2&offset=1")).json()

    assert [c["text"] for c in page["items"]] == ["deux", "trois"]
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)


async def test_text_is_one_to_4000_characters_blanks_aside(
    client: httpx.AsyncClient,
) -> None:
    invoice_id = await sal_draft(client)

    blank = await comment(client, invoice_id, "   ")
    too_long = await comment(client, invoice_id, "x" * 4001)
    longest = await comment(client, invoice_id, " " + "x" * 4000 + " ")

    assert blank.status_code == 422
    assert too_long.status_code == 422
    assert longest.status_code == 201
    assert len(longest.json()["text"]) == 4000


async def test_other_departments_see_no_comments_and_cannot_add_any(
    client: httpx.AsyncClient,
) -> None:
    invoice_id = await sal_draft(client)
    await comment(client, invoice_id, "interne")

    for user in ("tom", "sophie"):
        read = await thread(client, invoice_id, user)
        write = await comment(client, invoice_id, "intrus", user=user)
        assert problem(read) == problem(await thread(client, UNKNOWN, user))
        assert problem(write) == problem(await comment(client, UNKNOWN, user=user))
        assert read.status_code == write.status_code == 404
    assert (await thread(client, invoice_id, "claire")).json()["total"] == 1


async def test_auditors_read_comments_but_never_write(
    client: httpx.AsyncClient,
) -> None:
    invoice_id = await sal_draft(client)
    await comment(client, invoice_id, "à vérifier")

    read = await thread(client, invoice_id, "alex")
    by_auditor = await comment(client, invoice_id, "vu", user="alex")
    by_service = await comment(client, invoice_id, "vu", user="svc")

    assert read.status_code == 200
    assert [c["text"] for c in read.json()["items"]] == ["à vérifier"]
    assert (by_auditor.status_code, by_service.status_code) == (403, 403)
    assert (await thread(client, invoice_id)).json()["total"] == 1


async def test_an_unknown_invoice_is_404(client: httpx.AsyncClient) -> None:
    assert (await comment(client, UNKNOWN)).status_code == 404
    assert (await thread(client, UNKNOWN)).status_code == 404


@pytest.mark.parametrize(
    "user_id",
    [
        "sub-nobody",  # not in the directory
        "sub-gone",  # disabled
        "sub-robot",  # a service account
        "sub-guest",  # a member with no role that reads invoices
        "sub-tom",  # a clerk of another department
        "sub-sophie",  # an approver of another department
    ],
)
async def test_a_mention_of_someone_who_cannot_read_it_is_refused(
    app_and_client: App, user_id: str
) -> None:
    app, client = app_and_client
    invoice_id = await sal_draft(client)

    response = await comment(client, invoice_id, mentions=["sub-marc", user_id])

    body = response.json()
    assert response.status_code == 422
    assert body["title"] == "Invalid comment"
    assert body["errors"] == [
        {
            "location": "mentions/1",
            "message": f"user {user_id} cannot be mentioned on this invoice",
        }
    ]
    assert (await thread(client, invoice_id)).json()["total"] == 0
    assert await outbox(app, ADDED) == []


async def test_every_refused_mention_is_named(client: httpx.AsyncClient) -> None:
    invoice_id = await sal_draft(client)

    response = await comment(client, invoice_id, mentions=["sub-tom", "x", "sub-tom"])

    assert response.status_code == 422
    assert [e["location"] for e in response.json()["errors"]] == [
        "mentions/0",
        "mentions/1",
    ]


async def test_people_who_see_every_department_can_be_mentioned(
    client: httpx.AsyncClient,
) -> None:
    invoice_id = await sal_draft(client)
    everyone = ["sub-fanny", "sub-alex", "sub-ada", "sub-marc", "sub-claire"]

    response = await comment(client, invoice_id, mentions=everyone)

    assert response.status_code == 201, response.text
    assert response.json()["mentions"] == everyone


async def test_repeated_mentions_count_once_up_to_twenty(
    client: httpx.AsyncClient, directory: FakeDirectory
) -> None:
    invoice_id = await sal_draft(client)
    many = [f"sub-finance-{n}" for n in range(21)]
    for user_id in many:
        directory.people[user_id] = Colleague(
            user_id, frozenset(), frozenset({"finance"}), enabled=True
        )

    repeated = await comment(client, invoice_id, mentions=["sub-marc"] * 3)
    twenty = await comment(client, invoice_id, mentions=many[:20] + many[:5])
    too_many = await comment(client, invoice_id, mentions=many)

    assert repeated.json()["mentions"] == ["sub-marc"]
    assert twenty.status_code == 201
    assert twenty.json()["mentions"] == many[:20]
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["location"] == "mentions"


async def test_a_mention_must_look_like_a_user_id(client: httpx.AsyncClient) -> None:
    invoice_id = await sal_draft(client)

    response = await comment(client, invoice_id, mentions=["../admin"])

    assert response.status_code == 422


async def test_without_the_directory_nothing_is_stored(
    app_and_client: App, directory: FakeDirectory
) -> None:
    app, client = app_and_client
    invoice_id = await sal_draft(client)
    directory.down = True

    refused = await comment(client, invoice_id, mentions=["sub-marc"])
    unmentioning = await comment(client, invoice_id, "sans mention")

    assert refused.status_code == 503
    assert refused.json()["title"] == "Directory unavailable"
    assert unmentioning.status_code == 201
    page = (await thread(client, invoice_id)).json()
    assert [c["text"] for c in page["items"]] == ["sans mention"]
    assert len(await outbox(app, ADDED)) == 1


async def test_an_issued_invoice_takes_comments_and_keeps_its_version(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    response = await comment(client, invoice["id"], "Relancer le client", user="fanny")

    assert response.status_code == 201, response.text
    after = await read_invoice(client, invoice["id"])
    assert (after["version"], after["updated_at"]) == (
        invoice["version"],
        invoice["updated_at"],
    )


async def test_the_event_names_the_mentions_but_carries_no_text(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    draft_id = await sal_draft(client)

    on_issued = await comment(
        client, invoice["id"], "Secret: IBAN FR76...", ["sub-marc", "sub-fanny"]
    )
    on_draft = await comment(client, draft_id, "Brouillon")

    issued_event, draft_event = await outbox(app, ADDED)
    created = on_issued.json()
    assert issued_event == {
        "invoice_id": invoice["id"],
        "department": "SAL",
        "comment_id": created["id"],
        "author_id": "sub-claire",
        "mentioned_user_ids": ["sub-marc", "sub-fanny"],
        "created_at": issued_event["created_at"],
        "number": invoice["number"],
    }
    assert datetime.fromisoformat(issued_event["created_at"]) == (
        datetime.fromisoformat(created["created_at"])
    )
    assert "Secret" not in str(issued_event)
    assert (draft_event["comment_id"], draft_event["number"]) == (
        on_draft.json()["id"],
        None,
    )
    assert draft_event["mentioned_user_ids"] == []
