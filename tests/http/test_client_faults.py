"""The client's transport rules: retries, back-off, Retry-After, quota, non-idempotent POSTs, errors, the key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
import responses
from http_fake_portal import BASE, FakePortal

from odwb_assist.core.errors import (
    AuthenticationError,
    NotFoundError,
    ODSQLError,
    PortalConnectionError,
    PortalError,
    QuotaError,
    ValidationError,
)
from odwb_assist.portal import PortalClient
from odwb_assist.publish import publish_and_wait

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "ods-samples"
AUTO = BASE + "/api/automation/v1.0"
EXPLORE = BASE + "/api/explore/v2.1"
FIXTURES = json.loads((SAMPLES / "automation-v1.0_dataset_status_list_fixtures.json").read_text())
ERRORS = json.loads((SAMPLES / "automation-v1.0_errors_and_status.json").read_text())
EXPLORE_ERRORS = json.loads((SAMPLES / "explore-v2.1_errors.json").read_text())
LIST_URL = re.compile(re.escape(AUTO) + r"/datasets/\?.*")


def _page(*items: dict) -> dict:
    return {"total_count": len(items), "next": None, "previous": None, "results": list(items)}


DATASET = {k: v for k, v in FIXTURES["sample_dataset_response"].items() if k != "metadata"} | {"metadata": {}}


def test_429_with_retry_after_is_retried_after_the_given_delay(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, status=429, headers={"Retry-After": "7"}, json={"error_code": "too_many"})
    rsps.add(responses.GET, LIST_URL, json=_page(DATASET))
    assert client.automation.find_dataset("100522")["uid"] == "da_tbcnel"
    assert sleeps == [7.0]


def test_explore_quota_body_far_in_the_future_gives_quota_error_without_sleeping(rsps, client, sleeps, key_guard):
    body = dict(EXPLORE_ERRORS["429_quota"], reset_time="2999-01-01T00:00:00Z")
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", status=429, json=body)
    with pytest.raises(QuotaError) as info:
        client.explore.catalog_datasets()
    assert info.value.reset_time == "2999-01-01T00:00:00Z" and info.value.status_code == 429
    assert "2999-01-01" in info.value.message("fr") and sleeps == []
    key_guard.check(info.value.message("fr"), info.value.message("en"))


def test_503_then_success_backs_off_exponentially(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, status=503, json=ERRORS["error_examples"]["Internal error"]["value"])
    rsps.add(responses.GET, LIST_URL, status=502, body="bad gateway")
    rsps.add(responses.GET, LIST_URL, json=_page())
    assert client.automation.find_dataset("x") is None
    assert sleeps == [0.5, 1.0]


def test_503_until_retries_are_exhausted_is_a_portal_error(rsps, sleeps, tmp_path):
    client = PortalClient(BASE, max_retries=2, sleep=sleeps)
    for _ in range(3):
        rsps.add(responses.GET, LIST_URL, status=503, json={"error_code": "internal_error", "message": "down"})
    with pytest.raises(PortalError) as info:
        client.automation.find_dataset("x")
    assert info.value.status_code == 503 and len(sleeps) == 2


def test_connection_error_then_success(rsps, client, sleeps):
    rsps.add(responses.GET, LIST_URL, body=requests.ConnectionError("network cut"))
    rsps.add(responses.GET, LIST_URL, json=_page(DATASET))
    assert client.automation.find_dataset("100522") is not None
    assert sleeps == [0.5]


@pytest.mark.parametrize("cut", [requests.exceptions.ChunkedEncodingError("body cut mid-way"),
                                 requests.exceptions.ContentDecodingError("bad gzip")])
def test_a_body_cut_or_undecodable_is_retried_like_a_dropped_connection(rsps, client, sleeps, cut):
    rsps.add(responses.GET, LIST_URL, body=cut)
    rsps.add(responses.GET, LIST_URL, json=_page(DATASET))
    assert client.automation.find_dataset("100522") is not None
    assert sleeps == [0.5]


def test_unreachable_portal_says_how_to_fix_and_resume(rsps, sleeps, key_guard):
    client = PortalClient(BASE, max_retries=1, sleep=sleeps)
    rsps.add(responses.GET, LIST_URL, body=requests.ConnectTimeout("timed out"))
    rsps.add(responses.GET, LIST_URL, body=requests.ConnectTimeout("timed out"))
    with pytest.raises(PortalConnectionError) as info:
        client.automation.find_dataset("x")
    assert "--portal" in info.value.message("fr") and "resumes" in info.value.message("en")
    # what went wrong in words, not the name of the library's exception
    assert "(pas de réponse à temps pour se connecter, 2 tentative(s))" in info.value.message("fr")
    assert "ConnectTimeout" not in info.value.message("fr") and "no answer in time to connect" in info.value.message("en")
    key_guard.check(info.value, info.value.message("en"))


def test_post_create_with_lost_answer_is_checked_before_any_second_try(rsps, client):
    portal = FakePortal()
    portal.fail("create", (503, {"Content-Type": "application/json"}, "{}"))
    portal.register(rsps, "create", "list")
    # the lookup after the failure finds nothing, so the POST is sent again
    created = client.automation.create_dataset("ciney-velos", {"default": {"title": {"value": "Vélos"}}})
    assert created["dataset_id"] == "ciney-velos"
    assert len(portal.datasets) == 1


def test_post_create_that_took_effect_is_not_sent_twice(rsps, client):
    portal = FakePortal()
    portal.register(rsps, "create", "list")
    calls = {"n": 0}
    original = portal.on_create

    def create_then_lose_answer(request, *args):
        calls["n"] += 1
        original(request, *args)
        raise requests.ConnectionError("answer lost")

    portal.on_create = create_then_lose_answer  # type: ignore[method-assign]
    created = client.automation.create_dataset("ciney-velos", {"default": {"title": {"value": "Vélos"}}})
    assert created["dataset_id"] == "ciney-velos"
    assert calls["n"] == 1 and len(portal.datasets) == 1


def test_post_without_check_is_not_retried(rsps, client, sleeps):
    rsps.add(responses.POST, AUTO + "/datasets/da_1/resources/guess_extractors/", status=503, json={})
    with pytest.raises(PortalError):
        body = {"datasource": {"type": "uploaded_file", "file": {"uid": "f"}}}
        client.request("POST", "/datasets/da_1/resources/guess_extractors/", json=body)
    assert sleeps == []


def test_timeout_during_upload_is_retried_with_a_fresh_stream(rsps, client, tmp_path, sleeps):
    data = tmp_path / "data.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    portal = FakePortal()
    portal.files["da_1"] = {}
    portal.fail("upload", requests.ReadTimeout("read timed out"))
    portal.register(rsps, "upload")
    info = client.automation.upload_file("da_1", data, filename="data-1234.csv")
    assert info["filename"] == "data-1234.csv"
    stored = portal.files["da_1"][info["uid"]]["content"]
    assert stored == b"a,b\n1,2\n" and sleeps == [0.5]


def test_upload_that_keeps_timing_out_fails_clearly(rsps, sleeps, tmp_path, key_guard):
    data = tmp_path / "data.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    client = PortalClient(BASE, max_retries=1, sleep=sleeps)
    portal = FakePortal()
    portal.fail("upload", requests.ReadTimeout("t"), requests.ReadTimeout("t"))
    portal.register(rsps, "upload")
    with pytest.raises(PortalConnectionError) as info:
        client.automation.upload_file("da_1", data)
    assert "resources/files" in info.value.message("en")
    key_guard.check(info.value.message("fr"))


def test_upload_reports_progress(rsps, client, tmp_path):
    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b\n" + b"1,2\n" * 5000)
    portal = FakePortal()
    portal.files["da_1"] = {}
    portal.register(rsps, "upload")
    seen: list[tuple[int, int]] = []
    client.automation.upload_file("da_1", data, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > data.stat().st_size


def test_invalid_status_while_processing_waits_then_publishes(rsps, client, sleeps):
    portal = FakePortal()
    portal.datasets["da_1"] = {"uid": "da_1", "dataset_id": "x", "metadata": {}, "is_published": False}
    portal.resources["da_1"] = [{"uid": "re_1", "datasource": {"type": "uploaded_file", "file": {"uid": "fi_1"}}}]
    portal.files["da_1"] = {"fi_1": {"uid": "fi_1", "filename": "x.csv", "content": b"a\n1\n"}}
    portal.status["da_1"] = {"status": "processing", "is_published": False, "message": None, "records_errors": []}
    portal.fail("publish", (400, {"Content-Type": "application/json"}, json.dumps(ERRORS["invalid_dataset_status_example"])))
    portal.register(rsps, "publish", "status")
    status = publish_and_wait(client.automation, "da_1")
    assert status["status"] == "idle" and status["is_published"] is True
    assert portal.writes == ["publish"]


def test_processing_error_reports_the_portal_message_and_record_errors(rsps, client):
    rsps.add(responses.GET, AUTO + "/datasets/da_1/status/", json={
        "status": "error", "since": "2026-11-28T10:00:00Z", "is_published": False, "previous": "processing",
        "next": None, "message": "Type conversion failed", "params": {},
        "records_errors": [{"record_id": "r12", "field_uid": "f", "processor_uid": None, "message": "not a number"}],
    })
    with pytest.raises(Exception) as info:
        client.automation.wait("da_1")
    text = info.value.message("fr")  # type: ignore[attr-defined]
    assert "Type conversion failed" in text and "r12: not a number" in text


def test_401_with_a_wrong_key_names_the_variable_never_the_key(rsps, client, secret, key_guard):
    echo = {"error_code": "unauthorized", "message": f"Invalid API key {secret}"}
    rsps.add(responses.GET, LIST_URL, status=401, json=echo)
    with pytest.raises(AuthenticationError) as info:
        client.automation.find_dataset("x")
    error = info.value
    assert "ODWB_API_KEY" in error.message("fr") and "ODWB_API_KEY" in error.message("en")
    assert error.status_code == 401 and error.error_code == "unauthorized"
    key_guard.check(error, error.message("fr"), error.message("en"), repr(error.args), repr(client))


def test_401_without_any_key_says_to_set_the_variable(rsps, monkeypatch):
    monkeypatch.delenv("ODWB_API_KEY")
    client = PortalClient(BASE, api_key_env="ODWB_API_KEY")
    rsps.add(responses.GET, LIST_URL, status=401, json={"error_code": "unauthorized", "message": "Login required"})
    with pytest.raises(AuthenticationError) as info:
        client.automation.find_dataset("x")
    assert "aucune clé" in info.value.message("fr") and "ODWB_API_KEY" in info.value.message("fr")
    assert "Authorization" not in rsps.calls[0].request.headers


def test_errors_are_mapped_with_status_code_error_code_and_detail(rsps, client):
    rsps.add(responses.GET, AUTO + "/datasets/da_x/", status=404, json=ERRORS["not_found_example"])
    rsps.add(responses.POST, AUTO + "/datasets/", status=400, json=ERRORS["validation_error_example"])
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", status=400, json=EXPLORE_ERRORS["400_bad_request"])
    with pytest.raises(NotFoundError) as nf:
        client.automation.get_dataset("da_x")
    assert nf.value.status_code == 404 and nf.value.error_code == "not_found"
    with pytest.raises(ValidationError) as bad:
        client.automation.create_dataset("x", {"default": {}})
    assert bad.value.detail == {"name": ["This field is required"]} and "This field is required" in bad.value.message("fr")
    with pytest.raises(ODSQLError) as odsql:
        client.explore.catalog_datasets(where="invalid_function()")
    assert "malformed" in odsql.value.message("en")


def test_pagination_follows_next_and_keeps_the_key_on_the_portal(rsps, client):
    first = {"total_count": 2, "next": AUTO + "/datasets/?limit=1&offset=1", "previous": None, "results": [DATASET]}
    second = {"total_count": 2, "next": "https://elsewhere.example/api/automation/v1.0/datasets/?limit=1&offset=2",
              "previous": None, "results": [dict(DATASET, uid="da_2")]}
    third: dict[str, object] = {"total_count": 2, "next": None, "previous": None, "results": []}
    rsps.add(responses.GET, LIST_URL, json=first)
    rsps.add(responses.GET, LIST_URL, json=second)
    rsps.add(responses.GET, LIST_URL, json=third)
    uids = [d["uid"] for d in client.automation.list_datasets()]
    assert uids == ["da_tbcnel", "da_2"]
    assert all(call.request.url.startswith(BASE) for call in rsps.calls)


def test_repr_and_session_never_hold_the_key(client, secret):
    assert secret not in repr(client) and "ODWB_API_KEY" in repr(client)
    assert "Authorization" not in client.session.headers
    assert client.has_key


def test_retry_after_as_http_date_and_near_quota_reset_are_honoured(rsps, client, sleeps):
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    soon = datetime.now(UTC) + timedelta(seconds=30)
    rsps.add(responses.GET, LIST_URL, status=503, headers={"Retry-After": format_datetime(soon, usegmt=True)}, json={})
    quota = dict(EXPLORE_ERRORS["429_quota"], reset_time=(soon + timedelta(seconds=30)).isoformat().replace("+00:00", "Z"))
    rsps.add(responses.GET, LIST_URL, status=429, json=quota)
    rsps.add(responses.GET, LIST_URL, json=_page())
    client.automation.find_dataset("x")
    assert len(sleeps) == 2 and 20 < sleeps[0] <= 31 and 50 < sleeps[1] <= 61


def test_html_answer_instead_of_json_is_explained(rsps, client):
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", body="<html>login</html>", content_type="text/html")
    with pytest.raises(PortalError) as info:
        client.explore.catalog_datasets()
    assert "JSON" in info.value.message("fr")

