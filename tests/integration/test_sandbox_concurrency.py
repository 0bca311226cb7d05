"""20 participants publishing different datasets at the same time: all idle, all records, no 500, no lost upload."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration

CLIENTS = 20
ROWS = 200


def publish_one(sandbox: Any, n: int) -> tuple[str, list[int]]:
    session = requests.Session()
    session.headers["Authorization"] = f"Apikey {sandbox.user_key(f'conc-{n}')}"
    auto = sandbox.automation
    codes: list[int] = []

    def call(method: str, path: str, **kwargs: Any) -> requests.Response:
        response = session.request(method, auto + path, timeout=30, **kwargs)
        codes.append(response.status_code)
        return response

    dataset_id = f"concurrent-{n:02d}"
    uid = call("POST", "/datasets/", json={"dataset_id": dataset_id, "metadata": {
        "default": {"title": {"value": f"Jeu {n}"}}}}).json()["uid"]
    content = "numero;valeur;commune\n" + "".join(f"{i};{n * 1000 + i};Commune {n}\n" for i in range(ROWS))
    file_uid = call("POST", f"/datasets/{uid}/resources/files/", files={"file": (f"{n}.csv", content.encode())}).json()["uid"]
    call("POST", f"/datasets/{uid}/resources/", json={"type": "csvfile", "title": f"{n}.csv", "params": {"separator": ";"},
                                                       "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}})
    call("PUT", f"/datasets/{uid}/metadata/internal/license_id/", json={"value": "77c1a7d"})
    call("POST", f"/datasets/{uid}/publish/")
    for _ in range(1000):
        status = call("GET", f"/datasets/{uid}/status/").json()
        if status["status"] in ("idle", "error"):
            break
        time.sleep(0.02)
    assert status["status"] == "idle" and status["is_published"], status
    return dataset_id, codes


def test_twenty_clients_publish_at_once(sandbox: Any) -> None:
    for n in range(CLIENTS):
        sandbox.user_key(f"conc-{n}")
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda n: publish_one(sandbox, n), range(CLIENTS)))
    all_codes = [code for _id, codes in results for code in codes]
    assert not [c for c in all_codes if c >= 500]
    for n, (dataset_id, _codes) in enumerate(results):
        exported = requests.get(f"{sandbox.explore}/catalog/datasets/{dataset_id}/exports/json", timeout=10).json()
        assert len(exported) == ROWS
        assert sorted(r["valeur"] for r in exported) == [n * 1000 + i for i in range(ROWS)]
