"""Identity's directory changes, as far as they stop what is sent to people.

Each handler takes (event, meta, uow) and runs in the consumer's
transaction, like the others.
"""

import logging

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity
from facturo_contracts.envelope import EventMeta
from facturo_notifications.adapters import repository
from facturo_notifications.adapters.orm import DisabledUser
from facturo_notifications.service_layer.deliveries import cancel_pending_emails

logger = logging.getLogger(__name__)

RECIPIENT_DISABLED = "the recipient's account is disabled"
RECIPIENT_LEFT = "the recipient left the department"


async def on_user_disabled(
    event: identity.UserDisabled, meta: EventMeta, uow: UnitOfWork
) -> None:
    """Remember the account is disabled, and cancel what waits for them."""
    if not await repository.is_disabled(uow.session, event.user_id):
        uow.session.add(DisabledUser(user_id=event.user_id, disabled_at=meta.time))
        logger.info("user %s disabled: nothing more is sent to them", event.user_id)
    await cancel_pending_emails(uow, event.user_id, RECIPIENT_DISABLED)


async def on_user_left_department(
    event: identity.UserLeftDepartment, meta: EventMeta, uow: UnitOfWork
) -> None:
    """Cancel the e-mails about that department still waiting for them."""
    await cancel_pending_emails(
        uow, event.user_id, RECIPIENT_LEFT, department=event.department
    )
