"""The portal's quota as its answers announce it (X-RateLimit-* headers, 429 bodies 10002/10005, Retry-After)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
import responses
from http_fake_portal import BASE

from odwb_assist.core.errors import QuotaError
from odwb_assist.portal.quota import until

AUTO = BASE + "/api/automation/v1.0"
EXPLORE = BASE + "/api/explore/v2.1"
LIST_URL = re.compile(re.escape(AUTO) + r"/datasets/\?.*")
EMPTY = {"total_count": 0, "next": None, "previous": None, "results": []}


def _headers(remaining: int, reset_in: float, limit: int = 100) -> dict[str, str]:
    return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(int(time.time() + reset_in))}


def _notices(client) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str]] = []
    client.notice = lambda fr, en: seen.append((fr, en))
    return seen


def test_plenty_left_no_wait(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(80, 3600))
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(79, 3600))
    client.automation.find_dataset("a")
    client.automation.find_dataset("b")
    assert sleeps == []


def test_few_calls_left_slow_down_before_the_limit(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(3, 60))
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(2, 60))
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(30, 3600, limit=1000))
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(29, 3600, limit=1000))
    notices = _notices(client)
    for name in "abcd":
        client.automation.find_dataset(name)
    # 3 then 2 calls left for a minute: spaced out (capped at 2 s); 30 of 1000 left (< 5 %): spaced too
    assert sleeps == [2.0, 2.0, 2.0] and notices == []


def test_limit_reached_waits_until_the_reset_and_says_until_when(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(0, 30))
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(99, 86400))
    notices = _notices(client)
    client.automation.find_dataset("a")
    reset = time.time() + 30
    client.automation.find_dataset("b")
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 31
    (fr, en), = notices
    assert fr.startswith("Quota d'appels du portail atteint : attente jusqu'à ") and "heure locale" in fr
    assert until(reset)[0][:5] in fr and "waiting until" in en


def test_limit_reached_with_a_far_reset_fails_before_sending_and_says_when(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(0, 5 * 3600))
    client.automation.find_dataset("a")
    with pytest.raises(QuotaError) as info:
        client.automation.find_dataset("b")  # not sent: the mock has no second answer
    message = info.value.message("fr")
    assert "est épuisé" in message and "il revient le" in message and "reprendra où elle s'est arrêtée" in message
    assert sleeps == [] and info.value.reset_time is not None


@pytest.mark.parametrize(("code", "which"), [(10002, "du domaine"), (10005, "anonymes")])
def test_429_quota_body_waits_until_reset_time(rsps, client, sleeps, code, which):
    reset = datetime.fromtimestamp(time.time() + 20, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"errorcode": code, "reset_time": reset, "limit_time_unit": "day", "call_limit": 10000,
            "error": "Too many requests on the domain. Please contact the domain administrator."}
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", status=429, json=body)
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", json={"total_count": 0, "results": []})
    notices = _notices(client)
    client.explore.catalog_datasets()
    assert len(sleeps) == 1 and 15 <= sleeps[0] <= 21
    (fr, _en), = notices
    assert f"Quota d'appels atteint (le quota d'appels {which})" in fr and "attente jusqu'à" in fr


def test_429_with_only_rate_headers_waits_for_their_reset(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, status=429, headers=_headers(0, 12), json={"error_code": "too_many_requests"})
    rsps.add(responses.GET, LIST_URL, json=EMPTY, headers=_headers(99, 86400))
    client.automation.find_dataset("a")
    assert len(sleeps) == 1 and 8 <= sleeps[0] <= 13


def test_retry_after_wins_when_a_server_sends_it(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, status=429, headers={**_headers(0, 3000), "Retry-After": "4"},
             json={"errorcode": 10002, "reset_time": "2999-01-01T00:00:00Z"})
    rsps.add(responses.GET, LIST_URL, json=EMPTY)
    client.automation.find_dataset("a")
    assert sleeps == [4.0]
