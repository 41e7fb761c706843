"""pytest setup for the Python client's tests: the generated package is imported from
clients/python/gitauthd-client (it is generated, not installed), and the live server
comes from clients/run-tests.sh through the environment."""

import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "gitauthd-client"))


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run clients/run-tests.sh", returncode=2)
    return value


@pytest.fixture(scope="session")
def live() -> dict[str, str]:
    return {
        "url": _env("GITAUTHD_URL"),
        "email": _env("GITAUTHD_EMAIL"),
        "password": _env("GITAUTHD_PASSWORD"),
        "provider_id": _env("GITAUTHD_PROVIDER_ID"),
        "provider_url": _env("GITAUTHD_PROVIDER_URL"),
    }
