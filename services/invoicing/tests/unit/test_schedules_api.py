"""The recurring schedule API: create, list, read, edit, pause, resume, end."""

from datetime import date

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_invoicing.entrypoints.preconditions import today

from .flows import if_match, new_customer
from .schedule_flows import LINES, act, new_schedule, read_schedule, schedule_body

URL = "/api/v1/recurring-schedules"


async def test_a_clerk_creates_a_schedule_of_her_department(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client)

    response = await client.post(
        URL, json=schedule_body(customer_id, count=12), headers=auth("claire")
    )

    assert response.status_code == 201, response.text
    schedule = response.json()
    assert response.headers["ETag"] == 'W/"1"'
    assert response.headers["Location"] == f"{URL}/{schedule['id']}"
    assert (schedule["department"], schedule["customer_id"]) == ("SAL", customer_id)
    assert (schedule["author_id"], schedule["author_username"]) == (
        "sub-claire",
        "claire",
    )
    assert (schedule["frequency"], schedule["start_date"]) == ("monthly", "2026-11-01")
    assert (schedule["end_date"], schedule["count"]) == (None, 12)
    assert (schedule["status"], schedule["next_occurrence"]) == ("active", "2026-11-01")
    assert schedule["last_error"] is None
    template = schedule["template"]
    assert [line["description"] for line in template["lines"]] == [
        "Abonnement",
        "Livre",
    ]
    assert template["lines"][1]["discount"] == {"percent": "10", "amount": None}
    assert template["notes"] == ["Merci de votre confiance"]
    assert template["purchase_order_reference"] == "PO-2026-17"
    assert await read_schedule(client, schedule["id"], "claire") == schedule


async def test_the_template_is_checked_as_a_draft(client: httpx.AsyncClient) -> None:
    customer_id = await new_customer(client)
    body = schedule_body(customer_id)
    body["template"]["lines"] = [LINES[0] | {"quantity": "-1", "vat_rate": "-5"}]

    response = await client.post(URL, json=body, headers=auth("claire"))

    assert response.status_code == 422, response.text
    assert response.json()["title"] == "Invalid invoice"
    assert {e["location"] for e in response.json()["errors"]} >= {"lines/0/vat_rate"}
    assert (await client.get(URL, headers=auth("fanny"))).json()["total"] == 0


async def test_bounds_are_checked(client: httpx.AsyncClient) -> None:
    customer_id = await new_customer(client)
    body = schedule_body(customer_id, end_date="2026-10-31")

    response = await client.post(URL, json=body, headers=auth("claire"))

    assert response.status_code == 422, response.text
    assert response.json()["title"] == "Invalid schedule"
    assert response.json()["errors"] == [
        {"location": "end_date", "message": "is before the start date"}
    ]
    body = schedule_body(customer_id, frequency="weekly", count=0)
    invalid = await client.post(URL, json=body, headers=auth("claire"))
    assert invalid.status_code == 422
    assert {e["location"] for e in invalid.json()["errors"]} == {
        "body/frequency",
        "body/count",
    }


async def test_a_customer_of_another_department_looks_unknown(
    client: httpx.AsyncClient,
) -> None:
    srv_customer = await new_customer(client, department="SRV")

    other = await client.post(
        URL, json=schedule_body(srv_customer), headers=auth("claire")
    )
    missing = await client.post(
        URL, json=schedule_body("no-such-customer"), headers=auth("claire")
    )

    assert other.status_code == missing.status_code == 404
    assert other.json()["detail"] == missing.json()["detail"]


async def test_lists_are_scoped_to_the_callers_departments(
    client: httpx.AsyncClient,
) -> None:
    sal = await new_schedule(client)
    srv_customer = await new_customer(client, department="SRV")
    body = schedule_body(srv_customer)
    body["template"]["department"] = "SRV"
    srv = await client.post(URL, json=body, headers=auth("tom"))
    assert srv.status_code == 201, srv.text
    await new_schedule(client)

    def ids(response: httpx.Response) -> list[str]:
        return [item["id"] for item in response.json()["items"]]

    claire = await client.get(URL, headers=auth("claire"))
    tom = await client.get(URL, headers=auth("tom"))
    fanny = await client.get(URL, params={"limit": 2}, headers=auth("fanny"))
    alex = await client.get(URL, params={"department": "SRV"}, headers=auth("alex"))

    assert claire.json()["total"] == 2 and sal["id"] in ids(claire)
    assert ids(tom) == [srv.json()["id"]]
    assert (fanny.json()["total"], len(ids(fanny)), fanny.json()["limit"]) == (3, 2, 2)
    assert ids(alex) == [srv.json()["id"]]


async def test_another_departments_clerk_gets_404_like_an_unknown_id(
    client: httpx.AsyncClient,
) -> None:
    schedule = await new_schedule(client)
    url = f"{URL}/{schedule['id']}"

    read = await client.get(url, headers=auth("tom"))
    unknown = await client.get(f"{URL}/no-such-schedule", headers=auth("tom"))
    paused = await act(client, schedule, "pause", user="tom")
    edited = await client.patch(
        url, json={"count": 3}, headers=auth("tom") | if_match(schedule)
    )
    auditor = await client.patch(
        url, json={"count": 3}, headers=auth("alex") | if_match(schedule)
    )

    assert read.status_code == unknown.status_code == 404
    assert read.json()["detail"] == unknown.json()["detail"]
    assert (paused.status_code, edited.status_code) == (404, 404)
    assert auditor.status_code == 403
    assert (await read_schedule(client, schedule["id"]))["version"] == 1


async def test_patch_needs_the_current_version(client: httpx.AsyncClient) -> None:
    schedule = await new_schedule(client)
    url = f"{URL}/{schedule['id']}"
    change = {"end_date": "2027-06-30"}

    missing = await client.patch(url, json=change, headers=auth("claire"))
    done = await client.patch(
        url, json=change, headers=auth("claire") | if_match(schedule)
    )
    stale = await client.patch(
        url, json={"count": 2}, headers=auth("claire") | if_match(schedule)
    )

    assert missing.status_code == 428
    assert done.status_code == 200, done.text
    assert done.headers["ETag"] == 'W/"2"'
    assert stale.status_code == 412
    assert stale.json()["current"]["end_date"] == "2027-06-30"
    assert stale.json()["current"]["count"] is None


async def test_patch_changes_the_template_and_the_bounds(
    client: httpx.AsyncClient,
) -> None:
    schedule = await new_schedule(client, count=6)
    url = f"{URL}/{schedule['id']}"
    change = {
        "template": {"lines": [LINES[0] | {"unit_price": "120"}], "notes": []},
        "count": None,
        "end_date": "2027-03-01",
    }

    response = await client.patch(
        url, json=change, headers=auth("claire") | if_match(schedule)
    )

    assert response.status_code == 200, response.text
    edited = response.json()
    assert [line["unit_price"] for line in edited["template"]["lines"]] == ["120"]
    assert edited["template"]["notes"] == []
    assert edited["template"]["purchase_order_reference"] == "PO-2026-17"
    assert (edited["count"], edited["end_date"]) == (None, "2027-03-01")
    assert edited["version"] == 2


async def test_a_bad_patch_changes_nothing(client: httpx.AsyncClient) -> None:
    schedule = await new_schedule(client)
    url = f"{URL}/{schedule['id']}"
    srv_customer = await new_customer(client, department="SRV")

    bad_line = await client.patch(
        url,
        json={"template": {"currency": "XYZ"}},
        headers=auth("claire") | if_match(schedule),
    )
    other_customer = await client.patch(
        url,
        json={"template": {"customer_id": srv_customer}},
        headers=auth("claire") | if_match(schedule),
    )
    early_end = await client.patch(
        url,
        json={"end_date": "2026-01-01"},
        headers=auth("claire") | if_match(schedule),
    )

    assert bad_line.status_code == 422, bad_line.text
    assert other_customer.status_code == 404
    assert early_end.status_code == 422
    assert await read_schedule(client, schedule["id"]) == schedule


async def test_pause_resume_and_end(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    app.dependency_overrides[today] = lambda: date(2027, 2, 10)
    schedule = await new_schedule(client)

    paused = await act(client, schedule, "pause")
    again = await act(client, paused.json(), "pause")
    resumed = await act(client, paused.json(), "resume")
    ended = await act(client, resumed.json(), "end")
    edited = await client.patch(
        f"{URL}/{schedule['id']}",
        json={"count": 2},
        headers=auth("claire") | if_match(ended.json()),
    )

    assert paused.status_code == 200, paused.text
    assert (paused.json()["status"], paused.json()["version"]) == ("paused", 2)
    assert again.status_code == 409
    assert again.json()["title"] == "Not allowed in this status"
    assert resumed.json()["status"] == "active"
    # What fell due while paused (November to February 1st) is skipped.
    assert resumed.json()["next_occurrence"] == "2027-03-01"
    assert (ended.json()["status"], ended.json()["next_occurrence"]) == ("ended", None)
    assert (await act(client, ended.json(), "resume")).status_code == 409
    assert edited.status_code == 409


async def test_actions_need_the_current_version(client: httpx.AsyncClient) -> None:
    schedule = await new_schedule(client)
    url = f"{URL}/{schedule['id']}/pause"

    missing = await client.post(url, headers=auth("claire"))
    stale = await client.post(url, headers=auth("claire") | {"If-Match": 'W/"7"'})

    assert (missing.status_code, stale.status_code) == (428, 412)
    assert stale.json()["current"]["status"] == "active"
