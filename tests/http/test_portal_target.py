"""Which portal a command targets (issue 15, point 1): sandbox or real, sandbox keys kept off real portals,
an offline portal fails within seconds naming its address."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
import responses

from odwb_assist.core import notices
from odwb_assist.core.errors import AuthenticationError, PortalConnectionError
from odwb_assist.portal import PortalClient
from odwb_assist.portal.target import SANDBOX_HEADER, describe, is_sandbox_key

REAL = "https://portail-reel.test"


@responses.activate
def test_a_sandbox_key_is_refused_by_a_real_portal_before_it_is_sent() -> None:
    responses.get(REAL + "/api/explore/v2.1/", json={"links": []})  # no sandbox header: a real portal
    client = PortalClient(REAL, api_key="sbx_0123456789abcdef", session=requests.Session())
    with pytest.raises(AuthenticationError) as caught:
        list(client.automation.list_datasets())
    assert "créée par un bac à sable de formation (elle commence par sbx_)" in caught.value.message("fr")
    assert f"{REAL} n'est pas un bac à sable, elle n'a pas été envoyée" in caught.value.message("fr")
    assert len(responses.calls) == 1 and "Authorization" not in responses.calls[0].request.headers
    assert client.target.sandbox is False


@responses.activate
def test_a_sandbox_key_goes_to_a_sandbox_and_the_target_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, bool]] = []
    monkeypatch.setattr(notices, "TARGET_LISTENERS", [lambda url, sandbox: seen.append((url, sandbox))])
    responses.get("http://127.0.0.1:8765/api/explore/v2.1/", json={}, headers={SANDBOX_HEADER: "1"})
    responses.get("http://127.0.0.1:8765/api/automation/v1.0/datasets/", json={"total_count": 0, "results": []},
                  headers={SANDBOX_HEADER: "1"})
    client = PortalClient("http://127.0.0.1:8765", api_key="sbx_0123456789abcdef", session=requests.Session())
    list(client.automation.list_datasets())
    assert client.target.sandbox is True and seen == [("http://127.0.0.1:8765", True)]
    assert responses.calls[1].request.headers["Authorization"] == "Apikey sbx_0123456789abcdef"
    assert describe("http://127.0.0.1:8765", True) == "http://127.0.0.1:8765 (bac à sable de formation)"
    assert describe(REAL, False, "en") == f"{REAL} (real portal, not a sandbox)"
    assert is_sandbox_key("sbx_1") and not is_sandbox_key("0123") and not is_sandbox_key(None)


def test_an_offline_portal_fails_within_seconds_naming_the_address() -> None:
    client = PortalClient("http://127.0.0.1:9", api_key="", session=requests.Session())  # nothing listens there
    start = time.monotonic()
    with pytest.raises(PortalConnectionError) as caught:
        client.explore.catalog_datasets()
    assert time.monotonic() - start < 6
    assert "Impossible de joindre le portail http://127.0.0.1:9" in caught.value.message("fr")


def test_the_cli_prints_the_target_once(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with responses.RequestsMock() as rsps:
        rsps.get(REAL + "/api/explore/v2.1/catalog/datasets", json={"total_count": 0, "results": []})
        code, out, err = cli("catalog", "search", "vélo", "--portal", REAL)
    assert code == 0 and err.count("Portail : https://portail-reel.test (portail réel, pas un bac à sable)") == 1
