"""The caller, as their token describes them."""

from fastapi import APIRouter

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.dependencies import CurrentPrincipal
from facturo_identity.entrypoints.mapping import me_read
from facturo_identity.entrypoints.schemas import MeRead

router = APIRouter(prefix="/me", tags=["me"])


@router.get("")
async def get_me(principal: CurrentPrincipal) -> MeRead:
    require(principal, Action.DEPARTMENT_READ)
    return me_read(principal)
