"""A person's data in the audit log, handed to identity's export.

Nothing is erased here: the log is append-only and hash-chained, and the
events it records carry ids and business facts, never names or addresses
(an erased address shows only as its SHA-256). Who did what stays provable.
"""

from facturo_audit.adapters import personal_data
from facturo_audit.adapters.orm import AuditEntry
from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.privacy import PersonalDataQuery, email_sha256
from facturo_chassis.unit_of_work import UnitOfWork


async def collect_personal_data(
    query: PersonalDataQuery, uow: UnitOfWork, principal: Principal
) -> list[AuditEntry]:
    require(principal, Action.PRIVACY_COLLECT)
    digest = email_sha256(query.email) if query.email else None
    return await personal_data.entries_about(uow.session, query.user_id, digest)
