"""Field encryption at rest: Fernet (AES-128-CBC with HMAC-SHA256)."""

from cryptography.fernet import Fernet, InvalidToken
from pydantic import SecretStr


class FieldCipher:
    """Encrypts one text value at a time; the key never leaves this object."""

    def __init__(self, key: SecretStr) -> None:
        self._fernet = Fernet(key.get_secret_value().encode())

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode("ascii")

    def decrypt(self, token: str) -> str:
        """Raises ValueError when the value was encrypted under another key."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode()
        except InvalidToken:
            raise ValueError("cannot decrypt a stored value with this key") from None
