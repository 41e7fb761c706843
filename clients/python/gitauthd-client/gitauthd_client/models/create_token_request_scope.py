from enum import StrEnum


class CreateTokenRequestScope(StrEnum):
    ALL = "all"
    APPLICATION_CONNECT = "application_connect"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
