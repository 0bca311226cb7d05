"""Publishing through the Automation API: processing states, CSV errors, re-publication, Explore and HTML views."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration


class Participant:
    def __init__(self, sandbox: Any, name: str) -> None:
        self.sandbox = sandbox
        self.headers = {"Authorization": f"Apikey {sandbox.user_key(name)}"}

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, self.sandbox.automation + path, headers=self.headers, timeout=10, **kwargs)

    def dataset(self, dataset_id: str, title: str = "Titre") -> str:
        response = self.call("POST", "/datasets/", json={"dataset_id": dataset_id, "is_restricted": False, "metadata": {
            "default": {"title": {"value": title}, "publisher": {"value": "Commune de Ciney"}},
            "internal": {"license_id": {"value": "77c1a7d"}, "theme_id": {"value": ["22418d8"]}}}})
        assert response.status_code == 201, response.text
        return str(response.json()["uid"])

    def upload(self, uid: str, content: bytes, params: dict[str, Any] | None = None, resource: str | None = None) -> str:
        file_uid = self.call("POST", f"/datasets/{uid}/resources/files/", files={"file": ("f.csv", content)}).json()["uid"]
        body = {"type": "csvfile", "title": "f.csv", "params": params or {"separator": ";", "encoding": "utf-8"},
                "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}}
        if resource:
            response = self.call("PUT", f"/datasets/{uid}/resources/{resource}/", json=body)
        else:
            response = self.call("POST", f"/datasets/{uid}/resources/", json=body)
        assert response.status_code in (200, 201), response.text
        return str(response.json()["uid"])

    def publish(self, uid: str) -> dict[str, Any]:
        assert self.call("POST", f"/datasets/{uid}/publish/").json() == {"detail": "ok"}
        seen = []
        for _ in range(300):
            status = self.call("GET", f"/datasets/{uid}/status/").json()
            seen.append(status["status"])
            if status["status"] in ("idle", "error"):
                status["seen"] = seen
                return status
            time.sleep(0.01)
        raise AssertionError(seen)


def test_publish_republish_and_view(sandbox: Any) -> None:
    me = Participant(sandbox, "pub-ciney")
    uid = me.dataset("pub-ciney-parkings", "Parkings vélos de Ciney")
    resource = me.upload(uid, "Nom;Places;Code postal\nGare;12;05590\nÉglise;8;5590\n".encode())
    status = me.publish(uid)
    assert status["status"] == "idle" and status["is_published"] and status["records_errors"] == []
    assert set(status["seen"]) <= {"queued", "processing", "idle"}
    explore = f"{sandbox.explore}/catalog/datasets/pub-ciney-parkings"
    meta = requests.get(explore, timeout=10).json()["metas"]["default"]
    assert (meta["title"], meta["license"], meta["theme"], meta["records_count"]) == (
        "Parkings vélos de Ciney", "CC BY 4.0", ["Mobilité"], 2)
    records = requests.get(explore + "/records", params={"order_by": "places desc"}, timeout=10).json()
    assert records["results"][0] == {"nom": "Gare", "places": 12, "code_postal": "05590"}
    # re-publication replaces the records; metadata changes show only after publishing
    me.upload(uid, "Nom;Places;Code postal\nGare;14;5590\nÉglise;8;5590\nPlace;6;5590\n".encode(), resource=resource)
    assert me.call("PUT", f"/datasets/{uid}/metadata/default/title/", json={"value": "Parkings vélos"}).ok
    assert requests.get(explore, timeout=10).json()["metas"]["default"]["title"] == "Parkings vélos de Ciney"
    assert me.publish(uid)["status"] == "idle"
    assert requests.get(explore + "/records", timeout=10).json()["total_count"] == 3
    assert requests.get(explore, timeout=10).json()["metas"]["default"]["title"] == "Parkings vélos"
    csv_text = requests.get(explore + "/exports/csv", timeout=10).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "nom;places;code_postal" and len(csv_text.splitlines()) == 4
    page = requests.get(f"{sandbox.url}/explore/dataset/pub-ciney-parkings/", timeout=10)
    assert page.status_code == 200 and "en ligne" in page.text and "Parkings vélos" in page.text and "Place" in page.text
    assert "Parkings vélos" in requests.get(sandbox.url + "/", params={"q": "parkings ciney"}, timeout=10).text
    # unpublish removes it from Explore and the HTML catalogue
    assert me.call("POST", f"/datasets/{uid}/unpublish/").ok
    assert requests.get(explore, timeout=10).status_code == 404
    assert requests.get(f"{sandbox.url}/explore/dataset/pub-ciney-parkings/", timeout=10).status_code == 404


@pytest.mark.parametrize(("content", "params", "expected"), [
    (b"a;b\n1;2\n3;4;5\n", {"separator": ";"}, "3 values, 2 expected"),
    ("nom;ville\nA;Liège\n".encode("cp1252"), {"separator": ";", "encoding": "utf-8"}, "cannot be decoded"),
    (b"\x00\x01\x02binary", {}, "binary"),
])
def test_unparseable_csv_ends_in_error(sandbox: Any, content: bytes, params: dict[str, Any], expected: str) -> None:
    me = Participant(sandbox, "pub-errors")
    uid = me.dataset(f"pub-error-{abs(hash(content)) % 10**8}")
    me.upload(uid, content, params)
    status = me.publish(uid)
    assert status["status"] == "error" and not status["is_published"]
    assert expected in status["message"] + " ".join(e["message"] for e in status["records_errors"])
    assert me.call("POST", f"/datasets/{uid}/publish/").status_code == 200  # error is not a dead end


def test_windows_1252_with_the_right_encoding(sandbox: Any) -> None:
    me = Participant(sandbox, "pub-errors")
    uid = me.dataset("pub-cp1252")
    me.upload(uid, "nom;ville\nA;Liège\n".encode("cp1252"), {"separator": ";", "encoding": "windows-1252"})
    assert me.publish(uid)["status"] == "idle"
    records = requests.get(f"{sandbox.explore}/catalog/datasets/pub-cp1252/records", timeout=10).json()
    assert records["results"] == [{"nom": "A", "ville": "Liège"}]


def test_busy_dataset_refuses_a_second_publish(sandbox: Any) -> None:
    me = Participant(sandbox, "pub-busy")
    uid = me.dataset("pub-busy")
    me.upload(uid, b"a;b\n1;2\n")
    sandbox.server.store.set_status(uid, "processing")
    try:
        response = me.call("POST", f"/datasets/{uid}/publish/")
        assert response.status_code == 400 and response.json()["error_code"] == "invalid_dataset_status"
        assert me.call("POST", f"/datasets/{uid}/abort/").ok
    finally:
        sandbox.server.store.set_status(uid, "idle")


def test_validation_errors(sandbox: Any) -> None:
    me = Participant(sandbox, "pub-valid")
    cases = [
        ("POST", "/datasets/", {"metadata": {"default": {}}}, "dataset_id"),
        ("POST", "/datasets/", {"dataset_id": "Pas Valide!", "metadata": {"default": {}}}, "dataset_id"),
        ("POST", "/datasets/", {"dataset_id": "pub-valid\n", "metadata": {"default": {}}}, "dataset_id"),  # look-alike id
        ("POST", "/datasets/", {"dataset_id": "pub-valid-x", "metadata": {"nope": {}}}, "metadata"),
        ("POST", "/datasets/", {"dataset_id": "pub-valid-x", "metadata": {"default": {"language": {"value": "xx"}}}},
         "default.language"),
        ("POST", "/datasets/", {"dataset_id": "pub-valid-x", "metadata": {"default": {"title": "no wrapper"}}},
         "default.title"),
    ]
    for method, path, body, key in cases:
        response = me.call(method, path, json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["error_code"] == "validation_error" and key in response.json()["detail"]
    uid = me.dataset("pub-valid")
    bad_resource = me.call("POST", f"/datasets/{uid}/resources/", json={"type": "csvfile", "title": "x", "datasource": {
        "type": "uploaded_file", "file": {"uid": "fi_missing"}}})
    assert bad_resource.status_code == 400 and "datasource.file" in bad_resource.json()["detail"]
    assert me.call("POST", f"/datasets/{uid}/resources/files/").status_code == 400
    assert me.call("PUT", f"/datasets/{uid}/metadata/internal/theme_id/", json={"value": ["zzz"]}).status_code == 400
    assert me.call("GET", f"/datasets/{uid}/metadata/nope/").status_code == 404
    not_json = requests.post(sandbox.automation + "/datasets/", headers={**me.headers, "Content-Type": "application/json"},
                             data=b"{not json", timeout=10)
    assert not_json.status_code == 400 and not_json.json()["error_code"] == "bad_request"
