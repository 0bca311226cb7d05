"""The sandbox under abuse (issue 18): bounds answer 400, quotas 403, uploads streamed, files private."""

from __future__ import annotations

import io
import json
import socket
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from odwb_assist.sandbox import SandboxServer, limits, record_reads
from odwb_assist.sandbox.limits import Limits
from odwb_assist.sandbox.store import Store

A = "/api/automation/v1.0"
E = "/api/explore/v2.1"
CSV = "nom;hauteur\nchêne;12\nhêtre;20\n".encode()


class Room:
    def __init__(self, tmp: Path, **limit_values: Any) -> None:
        self.server = SandboxServer(tmp, processing_delay=0, limits=Limits(**limit_values))
        self.client = self.server.app.test_client()
        self.key = self.server.add_user("ciney")
        self.auth = {"Authorization": f"Apikey {self.key}"}

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.client.post(A + path, headers=self.auth, **kwargs)

    def dataset(self, dataset_id: str = "ciney-arbres") -> str:
        response = self.post("/datasets/", json={"dataset_id": dataset_id})
        assert response.status_code == 201, response.get_json()
        return str(response.get_json()["uid"])

    def upload(self, uid: str, content: bytes = CSV, name: str = "arbres.csv") -> Any:
        return self.post(f"/datasets/{uid}/resources/files/", data={"file": (io.BytesIO(content), name)})

    def resource(self, uid: str, file_uid: str, **extra: Any) -> Any:
        body = {"type": "csvfile", "title": "arbres", "params": {"separator": ";"},
                "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}, **extra}
        return self.post(f"/datasets/{uid}/resources/", json=body)

    def publish(self, uid: str) -> None:
        file_uid = self.upload(uid).get_json()["uid"]
        assert self.resource(uid, file_uid).status_code == 201
        self.server.store.set_status(uid, "processing")
        self.server.worker.process(uid)


@pytest.fixture()
def room(tmp_path: Path) -> Room:
    return Room(tmp_path / "bac")


def _shape(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.get_data()[:300]
    body: dict[str, Any] = response.get_json()
    assert set(body) >= {"error_code", "message"}
    return body


def test_deep_json_list_type_nul_encoding_answer_400(room: Room) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    _shape(room.client.post(A + "/datasets/", data=deep, content_type="application/json", headers=room.auth))
    _shape(room.post("/datasets/", json={"dataset_id": "x", "metadata": json.loads("[" * 40 + "]" * 40)}))
    uid = room.dataset()
    file_uid = room.upload(uid).get_json()["uid"]
    assert "type" in _shape(room.resource(uid, file_uid, type=["csvfile"]))["detail"]
    assert "params.encoding" in _shape(room.resource(uid, file_uid, params={"encoding": "utf\x00-8"}))["detail"]


def test_non_latin1_file_name_is_stored_and_downloaded(room: Room) -> None:
    uid = room.dataset()
    response = room.upload(uid, name="arbres-Łódź-€-木.csv")
    assert response.status_code == 201
    file_uid = response.get_json()["uid"]
    download = room.client.get(f"{A}/datasets/{uid}/resources/files/{file_uid}/download/", headers=room.auth)
    assert download.status_code == 200 and download.data == CSV
    assert "filename*=UTF-8''arbres-%C5%81%C3%B3d%C5%BA" in download.headers["Content-Disposition"]


def test_rename_race_on_dataset_id_is_a_400(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second = room.dataset("premier"), room.dataset("second")
    monkeypatch.setattr(Store, "dataset_by_id", lambda self, dataset_id: None)  # the other request's check passed
    body = _shape(room.client.put(f"{A}/datasets/{first}/", json={"dataset_id": "second"}, headers=room.auth))
    assert "dataset_id" in body["detail"]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "1e19", "-1", "9" * 5000])
def test_limit_and_offset_out_of_range_are_400(room: Room, value: str) -> None:
    for name in ("limit", "offset"):
        _shape(room.client.get(f"{A}/datasets/?{name}={value}", headers=room.auth))
        _shape(room.client.get(f"{E}/catalog/datasets?{name}={value}"))


def test_odsql_bounds_are_ods_shaped_400(room: Room) -> None:
    uid = room.dataset()
    room.publish(uid)
    records = f"{E}/catalog/datasets/ciney-arbres/records"
    for where in ["hauteur > " + "9" * 5000, "hauteur > " + "9" * 40, "nom = '" + "x" * 20_000 + "'",
                  "(" * 200 + "hauteur > 1" + ")" * 200]:
        body = _shape(room.client.get(records, query_string={"where": where}))
        assert body["error_code"] in ("ODSQLError", "InvalidRESTParameterError")
    assert room.client.get(records, query_string={"where": "hauteur > 15"}).get_json()["total_count"] == 1
    _shape(room.client.get(records, query_string={f"p{i}": "1" for i in range(150)}))


def test_metadata_value_caps(room: Room) -> None:
    uid = room.dataset()
    huge = {"value": "x" * (30 * 1024 * 1024)}
    body = _shape(room.client.put(f"{A}/datasets/{uid}/metadata/default/description/", json=huge, headers=room.auth))
    assert "KB" in body["message"]
    long_value = {"value": "x" * (limits.MAX_TEXT_CHARS + 1)}
    _shape(room.client.put(f"{A}/datasets/{uid}/metadata/default/description/", json=long_value, headers=room.auth))
    fine = room.client.put(f"{A}/datasets/{uid}/metadata/default/description/", json={"value": "Arbres remarquables"},
                           headers=room.auth)
    assert fine.status_code == 200


def test_quota_of_datasets_and_bytes(tmp_path: Path) -> None:
    room = Room(tmp_path / "bac", max_datasets=2, max_bytes=1000)
    uid = room.dataset("un")
    room.dataset("deux")
    body = _shape(room.post("/datasets/", json={"dataset_id": "trois"}), 403)
    assert body["error_code"] == "quota_exceeded"
    assert room.upload(uid).status_code == 201  # 31 bytes (the request: about 200)
    assert _shape(room.upload(uid, b"x" * 900), 403)["error_code"] == "quota_exceeded"
    admin = room.server.add_user("formateur", admin=True)
    assert room.client.post(A + "/datasets/", json={"dataset_id": "trois"},
                            headers={"Authorization": f"Apikey {admin}"}).status_code == 201


def test_replaced_or_removed_uploads_are_deleted(room: Room) -> None:
    uid = room.dataset()
    first = room.upload(uid).get_json()["uid"]
    resource = room.resource(uid, first).get_json()
    second = room.upload(uid, CSV + b"if;5\n").get_json()["uid"]
    replaced = room.client.put(f"{A}/datasets/{uid}/resources/{resource['uid']}/", headers=room.auth,
                               json={"datasource": {"type": "uploaded_file", "file": {"uid": second}}})
    assert replaced.status_code == 200
    store = room.server.store
    assert store.file(uid, first) is None and store.file(uid, second) is not None
    assert room.client.delete(f"{A}/datasets/{uid}/resources/{resource['uid']}/", headers=room.auth).status_code == 204
    assert store.file(uid, second) is None


def test_html_page_reads_one_page_only(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    uid = room.dataset()
    room.publish(uid)

    def whole(*_args: Any) -> Any:
        raise AssertionError("the whole dataset was decoded")

    monkeypatch.setattr(record_reads, "stream", whole)
    monkeypatch.setattr(record_reads, "stream_pairs", whole)
    monkeypatch.setattr(Store, "records", whole)
    response = room.client.get("/explore/dataset/ciney-arbres/")
    assert response.status_code == 200 and "chêne" in response.get_data(as_text=True)


def test_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "bac"
    Store(data).add_user("ciney")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_idle_connections_do_not_exhaust_the_server(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "bac", processing_delay=0) as server:
        host, port = "127.0.0.1", server.port_number
        idle = [socket.create_connection((host, port)) for _ in range(150)]
        try:
            response = requests.get(server.url + E + "/catalog/datasets?limit=1", timeout=10)
            assert response.status_code == 200
        finally:
            for sock in idle:
                sock.close()


def test_heavy_queries_wait_for_a_slot_then_429(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    room = Room(tmp_path / "bac", heavy_queries=1, heavy_wait=0.2)
    room.publish(room.dataset())
    records = f"{E}/catalog/datasets/ciney-arbres/records"
    entered, release = threading.Event(), threading.Event()
    original = record_reads.stream

    def slow(*args: Any) -> Any:
        entered.set()
        release.wait(10)
        return original(*args)

    monkeypatch.setattr(record_reads, "stream", slow)
    first: list[int] = []
    worker = threading.Thread(target=lambda: first.append(
        room.server.app.test_client().get(records, query_string={"where": "hauteur > 1"}).status_code))
    worker.start()
    try:
        assert entered.wait(10)
        busy = room.client.get(records, query_string={"order_by": "hauteur"})
        assert _shape(busy, 429)["error_code"] == "TooManyRequests" and busy.headers["Retry-After"]
        assert room.client.get(records, query_string={"limit": 5}).status_code == 200  # a plain page never waits
    finally:
        release.set()
        worker.join(10)
    assert first == [200]
    assert room.client.get(records, query_string={"order_by": "hauteur"}).status_code == 200  # the slot is free again
