"""Domain errors of the approvals service, mapped to HTTP at the edge."""


class DomainError(Exception):
    """Base of every rule the approvals domain refuses to break."""


class InvalidPolicy(DomainError):
    """An approval policy that cannot be applied as written."""


class RequestClosed(DomainError):
    """The request was already granted or rejected."""

    def __init__(self, status: str) -> None:
        self.status = str(status)
        super().__init__(f"the approval request is already {self.status}")


class FourEyesViolation(DomainError):
    """The caller may not decide this step, whatever else they may do."""


class AuthorCannotDecide(FourEyesViolation):
    def __init__(self, verb: str) -> None:
        super().__init__(f"the author of an invoice cannot {verb} it")


class AlreadyDecidedStep(FourEyesViolation):
    def __init__(self) -> None:
        super().__init__("you already decided a step of this approval request")


class NotYourStep(FourEyesViolation):
    def __init__(self, role: str, department: str) -> None:
        self.role = str(role)
        super().__init__(
            f"the current step is decided by the {self.role} role"
            + (f" of {department}" if self.role == "approver" else "")
        )
