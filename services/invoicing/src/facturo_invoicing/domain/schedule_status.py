"""Life cycle of a recurring schedule: active, paused, ended (for good)."""

from enum import StrEnum

from facturo_invoicing.domain.errors import DomainError


class ScheduleStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class ScheduleAction(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    END = "end"
    EDIT = "edit"


class InvalidScheduleTransition(DomainError):
    """The action is not allowed from the schedule's current status."""

    def __init__(self, current: str, action: str) -> None:
        self.current = str(current)
        self.action = str(action)
        super().__init__(f"cannot {self.action} a schedule that is {self.current}")


_S, _A = ScheduleStatus, ScheduleAction

TRANSITIONS: dict[tuple[ScheduleStatus, ScheduleAction], ScheduleStatus] = {
    (_S.ACTIVE, _A.PAUSE): _S.PAUSED,
    (_S.PAUSED, _A.RESUME): _S.ACTIVE,
    (_S.ACTIVE, _A.END): _S.ENDED,
    (_S.PAUSED, _A.END): _S.ENDED,
    (_S.ACTIVE, _A.EDIT): _S.ACTIVE,
    (_S.PAUSED, _A.EDIT): _S.PAUSED,
}


def transition(current: str, action: str) -> ScheduleStatus:
    """The status after `action`; `InvalidScheduleTransition` if not allowed."""
    try:
        return TRANSITIONS[(ScheduleStatus(current), ScheduleAction(action))]
    except (KeyError, ValueError):
        raise InvalidScheduleTransition(current, action) from None
