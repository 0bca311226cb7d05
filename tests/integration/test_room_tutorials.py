"""A room of 20 prepared folders follows the tutorials of days 7, 8 and 9 literally, against one sandbox
(issue 15, point 2): every console command exits as the page says, in parallel as in a real room; no two
participants collide; no command reaches an address other than the loopback; no key is printed; the
trainer's summary sees everyone online."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PARTICIPANTS = int(os.environ.get("ROOM_SIZE", "20"))
KEY_LINE = re.compile(r"^export ODWB_API_KEY=(\S+)$", re.M)
DRIVER = Path(__file__).with_name("room_participant.py")


@pytest.mark.timeout(1800)
def test_twenty_prepared_folders_follow_the_three_tutorials(sandbox: Any, tmp_path: Path, cli: Any) -> None:
    room = tmp_path / "salle-jeudi"
    code, out, err = cli("workshop", "prepare", room, "--participants", PARTICIPANTS, "--portal", sandbox.url,
                         "--sandbox-data", sandbox.server.data_dir)
    assert code == 0, out + err
    folders = sorted(p for p in room.iterdir() if p.is_dir())
    assert len(folders) == PARTICIPANTS
    keys = {}
    for folder in folders:
        match = KEY_LINE.search((folder / "cle-api.env").read_text(encoding="utf-8"))
        assert match
        keys[folder] = match.group(1)

    def participant(folder: Path) -> dict[str, Any]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ODWB_")}
        env.update(ODWB_API_KEY=keys[folder], COLUMNS="100", MPLBACKEND="Agg")  # « source cle-api.env »
        done = subprocess.run([sys.executable, str(DRIVER), str(folder), sandbox.url], capture_output=True,
                              text=True, env=env, timeout=800, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return dict(json.loads(done.stdout))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(folders, pool.map(participant, folders), strict=True))

    ids = set()
    for number, folder in enumerate(folders, start=1):
        result = results[folder]
        assert result["failure"] is None, f"{folder.name}: {result['failure']}"
        assert result["refused"] == []  # nothing beyond the loopback
        texts = result["outputs"]
        assert not any(key in text for text in texts for key in keys.values())
        assert any("Ce dossier est déjà prêt" in text for text in texts)  # day 7's init, skipped
        expected = f"p{number:02d}-ciney-parkings-velos"
        records = [json.loads(line) for line in (folder / ".odwb" / "publications.jsonl").read_text().splitlines()]
        assert {r["dataset_id"] for r in records} == {expected}
        assert any(f"Publié : {sandbox.url}/explore/dataset/{expected}/ (25 lignes)" in t for t in texts)
        ids.add(expected)
    assert len(ids) == PARTICIPANTS

    code, out, _ = cli("workshop", "summary", room, "--format", "json")
    counts = json.loads(out)["counts"]
    assert code == 0 and counts["published"] == counts["online"] == PARTICIPANTS
