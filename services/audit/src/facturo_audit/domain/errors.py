"""What the audit rules refuse."""


class InvalidEntry(ValueError):
    """An event that cannot become an audit entry as it stands."""
