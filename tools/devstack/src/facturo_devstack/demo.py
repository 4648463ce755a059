"""Loads a demo company through the public APIs, as its people would.

Customers for each department, then about thirty invoices in every state the
flow reaches: drafts, invoices waiting for approval, invoices rejected back to
their author, and issued invoices with their PDF and e-mails; a monthly
maintenance schedule in SRV, and a comment on a waiting SAL invoice that
mentions its approver. Everything goes
through the services' HTTP APIs with the demo users' own tokens. A marker
file in var/ records a finished load, so a second run adds nothing.
"""

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from facturo_devstack.api import FacturoApi, eventually
from facturo_devstack.paths import Paths

logger = logging.getLogger(__name__)

MARKER = "demo-loaded"

# Made-up companies; their SIREN and VAT numbers pass the official checksums.
CUSTOMERS: dict[str, list[tuple[str, str, str, str]]] = {
    "SAL": [
        ("Boulangerie des Canuts SARL", "734640972", "FR90734640972", "Lyon"),
        ("Atelier Vélo Rapide SAS", "502466337", "FR11502466337", "Nantes"),
        ("Quincaillerie Martin et Fils", "829923127", "FR68829923127", "Lille"),
        ("Maison Lavande SA", "364808949", "FR12364808949", "Avignon"),
    ],
    "SRV": [
        ("Cabinet Dupré Conseil", "397222332", "FR86397222332", "Bordeaux"),
        ("Hôtel du Vieux Port SAS", "426339206", "FR74426339206", "Marseille"),
        ("Clinique Vétérinaire des Alpes", "790819353", "FR61790819353", "Annecy"),
    ],
    "TRN": [
        ("Lycée Technique Jean Moulin", "377844832", "FR74377844832", "Rennes"),
        ("Mairie de Saint-Aubin", "981068711", "FR38981068711", "Saint-Aubin"),
        ("Coopérative Agricole du Berry", "588163022", "FR05588163022", "Bourges"),
    ],
}

CATALOGUE: dict[str, list[tuple[str, str, str]]] = {
    "SAL": [
        ("Terminal de caisse TX-200", "649.00", "20"),
        ("Licence logicielle annuelle", "1190.00", "20"),
        ("Rouleaux papier thermique (carton)", "38.50", "20"),
        ("Manuel utilisateur imprimé", "12.90", "5.5"),
    ],
    "SRV": [
        ("Journée de conseil", "850.00", "20"),
        ("Maintenance mensuelle", "240.00", "20"),
        ("Déplacement forfaitaire", "95.00", "20"),
    ],
    "TRN": [
        ("Formation inter-entreprises (jour)", "620.00", "20"),
        ("Support de cours", "18.00", "5.5"),
        ("Session e-learning", "49.00", "20"),
    ],
}

# Who writes and who approves in each department (TRN has no approver yet:
# its invoices wait in the approvers' inbox).
AUTHORS = {"SAL": "claire", "SRV": "tom", "TRN": "fanny"}
APPROVERS = {"SAL": "marc", "SRV": "sophie"}

# Per department: how many invoices end in each state.
PLAN = {
    "SAL": {"issued": 6, "submitted": 2, "rejected": 1, "draft": 2, "large": 1},
    "SRV": {"issued": 5, "submitted": 2, "rejected": 2, "draft": 2},
    "TRN": {"submitted": 3, "draft": 4},
}


@dataclass
class Tally:
    customers: int = 0
    invoices: int = 0
    issued: int = 0
    schedules: int = 0
    comments: int = 0


async def load_demo_data(paths: Paths) -> None:
    marker = paths.var / MARKER
    if marker.exists():
        print(f"Demo data already loaded ({marker.read_text().strip()}).")
        return
    async with httpx.AsyncClient(timeout=30.0) as client:
        api = FacturoApi(client)
        tally = Tally()
        for department in CUSTOMERS:
            await _load_department(api, department, tally)
    summary = (
        f"{tally.customers} customers, {tally.invoices} invoices "
        f"({tally.issued} issued), {_count(tally.schedules, 'recurring schedule')}"
        f", {_count(tally.comments, 'comment')}"
    )
    marker.write_text(summary + "\n")
    print(f"Demo data loaded: {summary}.")


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


async def _load_department(api: FacturoApi, department: str, tally: Tally) -> None:
    author = AUTHORS[department]
    customers = [
        await _customer(api, author, department, spec) for spec in CUSTOMERS[department]
    ]
    tally.customers += len(customers)
    if department == "SRV":
        await _monthly_maintenance(api, author, department, customers[0])
        tally.schedules += 1
    index = 0
    asked = department not in APPROVERS  # nobody to ask in TRN
    for outcome, count in PLAN[department].items():
        for _ in range(count):
            customer = customers[index % len(customers)]
            lines = _lines(department, index, large=outcome == "large")
            invoice = await api.ok(
                author,
                "POST",
                "invoicing",
                "/invoices",
                json={
                    "department": department,
                    "customer_id": customer,
                    "lines": lines,
                },
            )
            index += 1
            tally.invoices += 1
            if await _carry_to(api, department, invoice["id"], outcome):
                tally.issued += 1
            if outcome == "submitted" and not asked:
                await _ask_approver(api, department, invoice["id"])
                asked = True
                tally.comments += 1


async def _customer(
    api: FacturoApi, author: str, department: str, spec: tuple[str, str, str, str]
) -> str:
    name, siren, vat_id, city = spec
    slug = "".join(c for c in name.lower() if c.isalnum())[:20]
    body = {
        "department": department,
        "name": name,
        "siren": siren,
        "vat_id": vat_id,
        "email": f"comptabilite@{slug}.example.com",
        "address_lines": ["1 place de la République", city, "France"],
        "payment_terms_days": 30,
    }
    created = await api.ok(author, "POST", "invoicing", "/customers", json=body)
    return str(created["id"])


async def _monthly_maintenance(
    api: FacturoApi, author: str, department: str, customer: str
) -> None:
    """A schedule from the first of this month: its first draft appears at
    the scheduler's next pass."""
    today = date.today()
    await api.ok(
        author,
        "POST",
        "invoicing",
        "/recurring-schedules",
        json={
            "template": {
                "department": department,
                "customer_id": customer,
                "lines": [
                    {
                        "description": "Maintenance mensuelle",
                        "quantity": "1",
                        "unit_price": "240.00",
                        "vat_rate": "20",
                    }
                ],
            },
            "frequency": "monthly",
            "start_date": today.replace(day=1).isoformat(),
            "count": 12,
        },
    )


async def _ask_approver(api: FacturoApi, department: str, invoice_id: str) -> None:
    """The author asks the department's approver, by a mention, to look."""
    author, approver = AUTHORS[department], APPROVERS[department]
    colleagues = await api.ok(
        author,
        "GET",
        "identity",
        "/users",
        params={"department": department, "role": "approver"},
    )
    approver_id = next(u["id"] for u in colleagues if u["username"] == approver)
    await api.ok(
        author,
        "POST",
        "invoicing",
        f"/invoices/{invoice_id}/comments",
        json={
            "text": "Le client attend cette facture avant vendredi, merci !",
            "mentions": [approver_id],
        },
    )


def _lines(department: str, index: int, large: bool) -> list[dict[str, str]]:
    catalogue = CATALOGUE[department]
    lines = []
    for offset in range(1 + index % 3):
        description, price, rate = catalogue[(index + offset) % len(catalogue)]
        quantity = Decimal(1 + (index * 7 + offset) % 5)
        if large and offset == 0:
            quantity = Decimal(12)
        lines.append(
            {
                "description": description,
                "quantity": str(quantity),
                "unit_price": price,
                "vat_rate": rate,
            }
        )
    return lines


async def _carry_to(
    api: FacturoApi, department: str, invoice_id: str, outcome: str
) -> bool:
    """Move one invoice along the flow; True when it ends issued."""
    if outcome == "draft":
        return False
    author = AUTHORS[department]
    draft = await api.call(author, "GET", "invoicing", f"/invoices/{invoice_id}")
    await api.ok(
        author,
        "POST",
        "invoicing",
        f"/invoices/{invoice_id}/submit",
        headers={"If-Match": draft.headers["ETag"]},  # writes need the version read
    )
    if outcome == "submitted":
        return False
    approver = APPROVERS[department]
    request = await _pending_request(api, approver, invoice_id)
    if outcome == "rejected":
        await api.ok(
            approver,
            "POST",
            "approvals",
            f"/approvals/{request['id']}/reject",
            json={"reason": "Le bon de commande client manque ; merci de le joindre."},
        )
        await _wait_status(api, author, invoice_id, "draft")
        return False
    while request["status"] == "pending":  # from 10,000 finance approves too
        role = request["current_step"]["role"]
        decider = approver if role == "approver" else "fanny"
        request = await api.ok(
            decider, "POST", "approvals", f"/approvals/{request['id']}/approve"
        )
    await _wait_status(api, author, invoice_id, "issued")
    return True


async def _pending_request(
    api: FacturoApi, approver: str, invoice_id: str
) -> dict[str, Any]:
    async def probe() -> dict[str, Any] | None:
        page = await api.ok(
            approver,
            "GET",
            "approvals",
            "/approvals",
            params={"status": "pending", "limit": 500},
        )
        return next((r for r in page["items"] if r["invoice_id"] == invoice_id), None)

    request: dict[str, Any] = await eventually(probe, within=60)
    return request


async def _wait_status(
    api: FacturoApi, user: str, invoice_id: str, status: str
) -> None:
    async def probe() -> bool:
        invoice = await api.ok(user, "GET", "invoicing", f"/invoices/{invoice_id}")
        return bool(invoice["status"] == status)

    await eventually(probe, within=60)
