from enum import StrEnum


class ReadinessStatus(StrEnum):
    READINESS_OK = "ok"
    READINESS_UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
