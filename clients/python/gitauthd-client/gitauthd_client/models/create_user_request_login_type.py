from enum import StrEnum


class CreateUserRequestLoginType(StrEnum):
    PASSWORD = "password"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
