"""Keys and permissions: 401 without or with a wrong key, 403 on another participant's dataset, trainer sees all."""

from __future__ import annotations

from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration


def _create(sandbox: Any, key: str, dataset_id: str, restricted: bool = False) -> dict[str, Any]:
    response = requests.post(f"{sandbox.automation}/datasets/", headers={"Authorization": f"Apikey {key}"}, timeout=10,
                             json={"dataset_id": dataset_id, "is_restricted": restricted,
                                   "metadata": {"default": {"title": {"value": dataset_id}}}})
    assert response.status_code == 201, response.text
    return response.json()


def test_automation_needs_a_valid_key(sandbox: Any) -> None:
    anonymous = requests.get(f"{sandbox.automation}/datasets/", timeout=10)
    assert anonymous.status_code == 401
    assert set(anonymous.json()) == {"error_code", "message"} and "Apikey" in anonymous.json()["message"]
    wrong = requests.get(f"{sandbox.automation}/datasets/", headers={"Authorization": "Apikey not-a-key-123"}, timeout=10)
    assert wrong.status_code == 401 and "not-a-key-123" not in wrong.text
    for header in (f"apikey {sandbox.user_key('ana')}", f"ApiKey {sandbox.user_key('ana')}"):
        assert requests.get(f"{sandbox.automation}/datasets/", headers={"Authorization": header}, timeout=10).ok
    assert requests.get(f"{sandbox.automation}/datasets/", params={"apikey": sandbox.user_key("ana")}, timeout=10).ok


def test_participants_cannot_touch_each_other(sandbox: Any) -> None:
    mine = _create(sandbox, sandbox.user_key("ana"), "auth-ana-dataset")
    bob = {"Authorization": f"Apikey {sandbox.user_key('bob')}"}
    base = f"{sandbox.automation}/datasets/{mine['uid']}"
    for method, url in [("GET", base + "/"), ("PUT", base + "/"), ("DELETE", base + "/"), ("POST", base + "/publish/"),
                        ("PUT", base + "/metadata/default/title/"), ("GET", base + "/status/"),
                        ("POST", base + "/resources/files/")]:
        response = requests.request(method, url, headers=bob, json={"value": "x"}, timeout=10)
        assert response.status_code == 403, (method, url, response.text)
        assert response.json()["error_code"] == "permission_denied"
    listing = requests.get(f"{sandbox.automation}/datasets/", headers=bob, params={"dataset_id": "auth-ana-dataset"},
                           timeout=10).json()
    assert listing["total_count"] == 0
    taken = requests.post(f"{sandbox.automation}/datasets/", headers=bob, timeout=10,
                          json={"dataset_id": "auth-ana-dataset", "metadata": {"default": {}}})
    assert taken.status_code == 400 and "dataset_id" in taken.json()["detail"]
    trainer = {"Authorization": f"Apikey {sandbox.admin_key}"}
    assert requests.get(base + "/", headers=trainer, timeout=10).status_code == 200
    assert requests.put(base + "/metadata/default/title/", headers=trainer, json={"value": "Corrigé"}, timeout=10).ok
    everything = requests.get(f"{sandbox.automation}/datasets/", headers=trainer, params={"limit": 1000}, timeout=10).json()
    assert everything["total_count"] >= 37  # the seeded catalogue and the participants' datasets


def test_pagination_links(sandbox: Any) -> None:
    trainer = {"Authorization": f"Apikey {sandbox.admin_key}"}
    page = requests.get(f"{sandbox.automation}/datasets/", headers=trainer, params={"limit": 10}, timeout=10).json()
    assert len(page["results"]) == 10 and page["previous"] is None and "offset=10" in page["next"]
    following = requests.get(page["next"], headers=trainer, timeout=10).json()
    assert following["previous"] and {d["uid"] for d in following["results"]}.isdisjoint(d["uid"] for d in page["results"])
    empty = requests.get(f"{sandbox.automation}/datasets/", headers=trainer, params={"limit": 0}, timeout=10).json()
    assert empty["results"] == [] and empty["total_count"] >= 36


def test_restricted_datasets_are_seen_only_by_their_owner(sandbox: Any) -> None:
    key = sandbox.user_key("carla")
    dataset = _create(sandbox, key, "auth-restricted", restricted=True)
    headers = {"Authorization": f"Apikey {key}"}
    files = {"file": ("r.csv", b"a,b\n1,2\n", "text/csv")}
    uploaded = requests.post(f"{sandbox.automation}/datasets/{dataset['uid']}/resources/files/", headers=headers,
                             files=files, timeout=10).json()
    requests.post(f"{sandbox.automation}/datasets/{dataset['uid']}/resources/", headers=headers, timeout=10,
                  json={"type": "csvfile", "title": "r.csv", "datasource": {"type": "uploaded_file",
                                                                             "file": {"uid": uploaded["uid"]}}})
    assert requests.post(f"{sandbox.automation}/datasets/{dataset['uid']}/publish/", headers=headers, timeout=10).ok
    for _ in range(200):
        status = requests.get(f"{sandbox.automation}/datasets/{dataset['uid']}/status/", headers=headers, timeout=10).json()
        if status["status"] == "idle" and status["is_published"]:
            break
    url = f"{sandbox.explore}/catalog/datasets/auth-restricted"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, headers={"Authorization": f"Apikey {sandbox.user_key('bob')}"}, timeout=10).status_code == 404
    assert requests.get(url, headers=headers, timeout=10).status_code == 200
    assert requests.get(url, headers={"Authorization": f"Apikey {sandbox.admin_key}"}, timeout=10).status_code == 200
    public = requests.get(f"{sandbox.explore}/catalog/datasets", params={"where": "dataset_id = 'auth-restricted'"},
                          timeout=10).json()
    assert public["total_count"] == 0
    wrong = requests.get(f"{sandbox.explore}/catalog/datasets", headers={"Authorization": "Apikey nope"}, timeout=10)
    assert wrong.status_code == 401


def test_keys_are_stored_hashed(sandbox: Any) -> None:
    key = sandbox.user_key("dora")
    path = sandbox.server.store.path
    raw = b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    assert key.encode() not in raw
    assert key not in repr(sandbox.server.store.user_for_key(key))
