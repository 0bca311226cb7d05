"""``odwb-assist sandbox`` commands: add-user, faults, reset, and serve in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from odwb_assist.sandbox.store import Store

pytestmark = pytest.mark.integration


def test_add_user_faults_reset(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "bac"
    code, out, _err = cli("sandbox", "add-user", "ciney", "--data", data)
    assert code == 0
    key_file = data / "cles" / "cle-ciney.env"
    assert f"écrite dans {key_file}" in out
    key = key_file.read_text(encoding="utf-8").rsplit("ODWB_API_KEY=", 1)[1].strip()
    assert key not in out and (os.name == "nt" or key_file.stat().st_mode & 0o077 == 0)
    assert Store(data).user_for_key(key).name == "ciney"  # type: ignore[union-attr]
    code, out, _err = cli("sandbox", "faults", "--data", data, "--kind", "429", "--path", "/api/automation/*",
                          "--rate", "0.5", "--method", "post")
    assert code == 0 and json.loads(out)[0]["methods"] == ["POST"]
    code, _out, err = cli("sandbox", "faults", "--data", data, "--kind", "boom")
    assert code != 0 and "kind" in err
    code, out, _err = cli("sandbox", "faults", "--data", data, "--clear")
    assert code == 0 and json.loads(out) == []
    code, _out, err = cli("sandbox", "reset", "--data", data)
    assert code != 0 and "--yes" in err
    code, out, _err = cli("--lang", "en", "sandbox", "reset", "--data", data, "--yes")
    assert code == 0 and "emptied" in out
    assert Store(data).user_for_key(key) is None


def test_serve_in_a_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "odwb_assist", "sandbox", "serve", "--port", "0", "--data",
                                str(tmp_path), "--seed"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.strip().rsplit(" ", 1)[-1]
        assert url.startswith("http://127.0.0.1:"), first
        lines = [process.stdout.readline() for _ in range(3)]
        key_file = tmp_path / "cle-formateur.env"
        assert any(f"écrite dans {key_file}" in line for line in lines), lines
        key = key_file.read_text(encoding="utf-8").rsplit("ODWB_API_KEY=", 1)[1].strip()
        assert not any(key in line for line in lines)
        assert os.name == "nt" or key_file.stat().st_mode & 0o077 == 0
        deadline = time.monotonic() + 10
        while True:
            try:
                response = requests.get(url + "/api/automation/v1.0/datasets/", headers={"Authorization": f"Apikey {key}"},
                                        timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["total_count"] == 36
    finally:
        process.terminate()
        process.wait(timeout=10)
