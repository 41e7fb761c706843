from enum import StrEnum


class AuthorizationTokenType(StrEnum):
    OAUTH = "oauth"
    PASSWORD = "password"
    PERSONAL = "personal"

    def __str__(self) -> str:
        return str(self.value)
