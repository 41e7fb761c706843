from enum import StrEnum


class CreateUserRequestUserStatus(StrEnum):
    ACTIVE = "active"

    def __str__(self) -> str:
        return str(self.value)
