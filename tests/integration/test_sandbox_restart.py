"""State survives a restart on the same data directory; interrupted processing resumes."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration


def test_restart_keeps_users_datasets_and_queue(tmp_path: Path) -> None:
    with SandboxServer(tmp_path, processing_delay=0) as server:
        key = server.add_user("louise")
        headers = {"Authorization": f"Apikey {key}"}
        auto = server.url + "/api/automation/v1.0"
        uid = requests.post(f"{auto}/datasets/", headers=headers, timeout=10, json={
            "dataset_id": "restart-me", "metadata": {"default": {"title": {"value": "Avant"}}}}).json()["uid"]
        file_uid = requests.post(f"{auto}/datasets/{uid}/resources/files/", headers=headers, timeout=10,
                                 files={"file": ("r.csv", b"a,b\n1,2\n3,4\n")}).json()["uid"]
        requests.post(f"{auto}/datasets/{uid}/resources/", headers=headers, timeout=10, json={
            "type": "csvfile", "title": "r.csv", "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}})
    # a crash in the middle of processing: the dataset is left "processing"
    crashed = SandboxServer(tmp_path)
    crashed.store.set_status(uid, "processing")
    crashed.store.close()
    with SandboxServer(tmp_path, processing_delay=0) as server:
        auto = server.url + "/api/automation/v1.0"
        for _ in range(300):
            status = requests.get(f"{auto}/datasets/{uid}/status/", headers=headers, timeout=10).json()
            if status["status"] == "idle":
                break
        assert status["status"] == "idle" and status["is_published"]
        records = requests.get(server.url + "/api/explore/v2.1/catalog/datasets/restart-me/records", timeout=10).json()
        assert records["total_count"] == 2


def test_stop_is_clean_and_port_reusable(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path).start()
    port = int(server.url.rsplit(":", 1)[1])
    assert requests.get(server.url + "/api/explore/v2.1/catalog/datasets", timeout=10).ok
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/", timeout=2)
    again = SandboxServer(tmp_path, port=port).start()
    try:
        assert again.url.endswith(f":{port}")
    finally:
        again.stop()
