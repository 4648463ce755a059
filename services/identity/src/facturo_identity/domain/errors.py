"""Identity's domain errors; bootstrap maps each to an HTTP status."""


class UnknownUser(Exception):
    """No person with this id in the directory."""

    def __init__(self, user_id: str) -> None:
        super().__init__(f"no user {user_id}")
        self.user_id = user_id


class DirectoryUnavailable(Exception):
    """Keycloak could not be read; the message names the call, never a token."""
