from enum import IntEnum


class AuthorizationStatus(IntEnum):
    AUTHORIZATION_STATUS_NORMAL = 0
    AUTHORIZATION_STATUS_EXPIRED = 1
    AUTHORIZATION_STATUS_UNAUTHENTICATED = 2

    def __str__(self) -> str:
        return str(self.value)
