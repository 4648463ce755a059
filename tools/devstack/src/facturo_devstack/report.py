"""What `up` prints at the end: where everything is."""

from __future__ import annotations

from facturo_devstack import kafka, keycloak, services, smtp, zipkin
from facturo_devstack.paths import Paths

DEMO_USERS = [
    ("claire", "clerk, SAL"),
    ("marc", "approver, SAL"),
    ("tom", "clerk, SRV"),
    ("sophie", "approver, SRV"),
    ("fanny", "finance"),
    ("alex", "auditor"),
    ("ada", "admin"),
]
DEMO_PASSWORD = "facturo-demo"  # noqa: S105  (demo-only, see deploy/keycloak)


def summary_lines(paths: Paths, running: list[str]) -> list[str]:
    lines = ["", "Facturo local stack is up (demo data: passwords are demo-only)", ""]
    lines.append(f"  Kafka          {kafka.BOOTSTRAP}")
    admin = "/".join(keycloak.DEMO_ADMIN)
    lines.append(f"  Keycloak       {keycloak.BASE_URL}/admin  ({admin}, demo-only)")
    lines.append(f"  OIDC issuer    {keycloak.ISSUER}")
    lines.append(f"  Zipkin         {zipkin.BASE_URL}")
    lines.append(f"  SMTP           {smtp.HOST}:{smtp.PORT}")
    lines.append(f"  E-mails        saved as .eml files in {paths.mail}")
    lines.append("")
    for name, _, port in services.SERVICES:
        state = "" if name in running else "  (not started)"
        lines.append(f"  {name:<15}{services.base_url(port)}/docs{state}")
    lines.append(f"  portal         {services.PORTAL_URL}  (future)")
    lines.append("")
    users = ", ".join(f"{user} ({what})" for user, what in DEMO_USERS)
    lines.append(f"  Demo users: {users}; password {DEMO_PASSWORD}")
    lines.append(f"  Logs: {paths.log}   pids: {paths.run}")
    return lines


def print_summary(paths: Paths, running: list[str]) -> None:
    print("\n".join(summary_lines(paths, running)))
