from enum import StrEnum


class APIKeyScope(StrEnum):
    ALL = "all"
    APPLICATION_CONNECT = "application_connect"

    def __str__(self) -> str:
        return str(self.value)
