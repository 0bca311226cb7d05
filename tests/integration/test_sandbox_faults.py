"""Fault injection: 429 with Retry-After, 503, delays, limited to N requests, changed while running."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration


@pytest.fixture
def faulty(sandbox: Any) -> Any:
    yield sandbox
    sandbox.server.set_faults([])


def test_429_with_retry_after(faulty: Any) -> None:
    faulty.server.set_faults([{"path": "/api/automation/*", "kind": "429", "retry_after": 3}])
    headers = {"Authorization": f"Apikey {faulty.admin_key}"}
    response = requests.get(f"{faulty.automation}/datasets/", headers=headers, timeout=10)
    assert response.status_code == 429 and response.headers["Retry-After"] == "3"
    assert response.json()["error_code"] == "too_many_requests"
    assert requests.get(f"{faulty.explore}/catalog/datasets", timeout=10).status_code == 200  # other paths untouched


def test_explore_429_has_the_quota_body(faulty: Any, openapi: Any) -> None:
    faulty.server.set_faults([{"path": "/api/explore/*", "kind": "429"}])
    response = requests.get(f"{faulty.explore}/catalog/datasets", timeout=10)
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    openapi["explore"].validate("GET", "/catalog/datasets", 429, response.json())


def test_503_only_for_chosen_methods_and_times(faulty: Any) -> None:
    faulty.server.set_faults([{"path": "*", "kind": "503", "methods": ["POST"], "times": 2}])
    headers = {"Authorization": f"Apikey {faulty.admin_key}"}
    assert requests.get(f"{faulty.automation}/datasets/", headers=headers, timeout=10).status_code == 200
    body = {"dataset_id": "faults-503", "metadata": {"default": {}}}
    codes = [requests.post(f"{faulty.automation}/datasets/", headers=headers, json=body, timeout=10).status_code
             for _ in range(3)]
    assert codes == [503, 503, 201]


def test_delay_and_rate(faulty: Any) -> None:
    faulty.server.set_faults([{"path": "/api/explore/v2.1/catalog/facets", "kind": "delay", "delay": 0.3}])
    start = time.monotonic()
    assert requests.get(f"{faulty.explore}/catalog/facets", timeout=10).status_code == 200
    assert time.monotonic() - start >= 0.3
    faulty.server.set_faults([{"path": "/api/explore/*", "kind": "503", "rate": 0.5}])
    codes = [requests.get(f"{faulty.explore}/catalog/datasets", params={"limit": 1}, timeout=10).status_code
             for _ in range(40)]
    assert 5 < codes.count(503) < 35 and codes.count(200) + codes.count(503) == 40


def test_bad_rules_are_refused(faulty: Any) -> None:
    with pytest.raises(ValueError):
        faulty.server.set_faults([{"kind": "500"}])
    with pytest.raises(ValueError):
        faulty.server.set_faults([{"kind": "429", "rate": 2}])
