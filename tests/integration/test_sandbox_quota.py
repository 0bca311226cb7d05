"""Issue 14, point 4 over loopback: the sandbox tells its quota as the vendor documents it; the client honours it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from odwb_assist.core.errors import QuotaError
from odwb_assist.portal import PortalClient
from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SandboxServer]:
    sandbox = SandboxServer(tmp_path / "quota-sandbox", processing_delay=0.01, daily_quota=4)
    sandbox.start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


def test_headers_on_every_answer_and_the_documented_429(server: SandboxServer) -> None:
    key = server.add_user("ciney")
    headers = {"Authorization": f"Apikey {key}"}
    midnight = int((datetime.now(UTC) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
    seen = []
    for _ in range(4):
        answer = requests.get(f"{server.url}/api/automation/v1.0/datasets/", headers=headers, timeout=10)
        assert answer.status_code == 200
        seen.append((answer.headers["X-RateLimit-Limit"], answer.headers["X-RateLimit-Remaining"],
                     int(answer.headers["X-RateLimit-Reset"])))
    assert seen == [("4", "3", midnight), ("4", "2", midnight), ("4", "1", midnight), ("4", "0", midnight)]
    refused = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets", headers=headers, timeout=10)
    assert refused.status_code == 429 and "Retry-After" not in refused.headers
    assert refused.json() == {"errorcode": 10002, "reset_time": datetime.fromtimestamp(midnight, UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"), "limit_time_unit": "day", "call_limit": 4,
        "error": "Too many requests on the domain. Please contact the domain administrator."}
    for _ in range(4):
        requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets", timeout=10)
    anonymous = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets", timeout=10)
    assert anonymous.status_code == 429 and anonymous.json()["errorcode"] == 10005
    assert requests.get(f"{server.url}/", timeout=10).status_code == 200  # the HTML catalogue is not counted


def test_the_client_waits_for_a_near_reset_and_stops_before_a_far_one(server: SandboxServer, tmp_path: Path) -> None:
    key = server.add_user("namur")
    server.set_quota(3, period=2)  # 3 calls per 2-second period
    slept: list[float] = []
    notices: list[str] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    client = PortalClient(server.url, key, sleep=sleep, state_dir=tmp_path / ".odwb", max_wait=5)
    client.notice = lambda fr, en: notices.append(fr)
    time.sleep(2 - time.time() % 2)  # start at the beginning of a period
    for _ in range(7):
        assert list(client.automation.list_datasets()) == []
    assert any("Quota d'appels du portail atteint : attente jusqu'à" in n for n in notices)
    assert 0 < sum(slept) <= 6 and all(s <= 2.01 for s in slept)

    if 86400 - time.time() % 86400 < 120:
        pytest.skip("too close to midnight UTC: the daily quota resets within max_wait")
    server.set_quota(2)  # 2 calls a day: the reset is at midnight, too far to wait
    client = PortalClient(server.url, key, sleep=slept.append, state_dir=tmp_path / ".odwb", max_wait=60)
    list(client.automation.list_datasets())
    list(client.automation.list_datasets())
    before = len(slept)
    with pytest.raises(QuotaError) as info:
        list(client.automation.list_datasets())
    assert "il revient le" in info.value.message("fr") and len(slept) == before
