from enum import StrEnum


class SerpentOptionValueSource(StrEnum):
    DEFAULT = "default"
    ENV = "env"
    FLAG = "flag"
    VALUE_0 = ""
    YAML = "yaml"

    def __str__(self) -> str:
        return str(self.value)
