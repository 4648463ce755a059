"""Route dependencies every service uses, as `Annotated` aliases.

A route enters the unit of work itself (`async with uow:`) and builds its
response inside it, so a failed commit can never follow a success reply.
"""

from typing import Annotated

from fastapi import Depends, Request

from facturo_chassis.auth.dependencies import CurrentPrincipal, current_principal
from facturo_chassis.runtime import Runtime
from facturo_chassis.unit_of_work import UnitOfWork


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def _unit_of_work(runtime: RuntimeDep, principal: CurrentPrincipal) -> UnitOfWork:
    return runtime.unit_of_work(principal.subject)


NewUnitOfWork = Annotated[UnitOfWork, Depends(_unit_of_work)]

__all__ = ["CurrentPrincipal", "NewUnitOfWork", "RuntimeDep", "current_principal"]
