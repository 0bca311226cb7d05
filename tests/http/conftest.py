"""Fixtures of the HTTP tests: a secret key that must never leak, mocked portals checked against OpenAPI."""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "helpers"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from http_fake_portal import BASE  # noqa: E402
from openapi_check import OpenAPIChecker  # noqa: E402

from odwb_assist.portal import PortalClient  # noqa: E402

CHECKER = OpenAPIChecker()


class KeyGuard:
    """The test's API key, and checks that it appears in no text, request URL or repr."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.requests: list[requests.PreparedRequest] = []

    def check(self, *texts: object) -> None:
        for text in texts:
            shown = text if isinstance(text, str) else f"{text!r} {text}"
            assert self.key not in shown, "the API key leaked"


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    key = "odwb-test-key-" + uuid.uuid4().hex
    monkeypatch.setenv("ODWB_API_KEY", key)
    monkeypatch.delenv("ODWB_PORTAL_URL", raising=False)
    return key


@pytest.fixture(autouse=True)
def key_guard(secret: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> Iterator[KeyGuard]:
    """Every test: the key never in captured output, logs, or the URL of any request sent."""
    guard = KeyGuard(secret)
    caplog.set_level(logging.DEBUG, logger="odwb_assist")
    yield guard
    out, err = capsys.readouterr()
    guard.check(out, err, caplog.text)
    for request in guard.requests:
        guard.check(str(request.url))
        auth = request.headers.get("Authorization")
        assert auth is None or auth == f"Apikey {secret}"


@pytest.fixture
def rsps(key_guard: KeyGuard) -> Iterator[responses.RequestsMock]:
    """A mock where every registered response must be called and every request conforms to the OpenAPI documents."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
        for call in mock.calls:
            key_guard.requests.append(call.request)
            CHECKER.check(call.request)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(sleeps: Sleeps, tmp_path: Path) -> PortalClient:
    return PortalClient(BASE, session=requests.Session(), sleep=sleeps, state_dir=tmp_path / ".odwb", poll_interval=1.0)
