"""Trainer tools against a live sandbox: prepare a room, one participant checks, fixes, documents and publishes;
another participant's key is refused on that dataset; the summary shows it all; no key ever appears in an output."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from odwb_assist.portal.explore import ExploreAPI
from odwb_assist.workshop import kit

pytestmark = pytest.mark.integration

KEY_LINE = re.compile(r"^export ODWB_API_KEY=(\S+)$", re.M)


def key_of(folder: Path) -> str:
    match = KEY_LINE.search((folder / "cle-api.env").read_text(encoding="utf-8"))
    assert match
    return match.group(1)


def test_room_lifecycle(sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        cli: Callable[..., tuple[int, str, str]]) -> None:
    outputs: list[str] = []

    def run(*args: Any) -> tuple[int, str]:
        code, out, err = cli(*args)
        outputs.append(out + err)
        return code, out + err

    room = tmp_path / "atelier-jour-9"
    code, out = run("workshop", "prepare", room, "--participants", "2", "--portal", sandbox.url,
                    "--sandbox-data", sandbox.server.data_dir)
    assert code == 0, out
    first, second = room / "participant-01", room / "participant-02"
    key1, key2 = key_of(first), key_of(second)
    assert key1 != key2

    # Participant 1 works in their folder, with their key loaded.
    monkeypatch.chdir(first)
    monkeypatch.setenv("ODWB_API_KEY", key1)
    monkeypatch.delenv("ODWB_PORTAL_URL", raising=False)
    assert run("check", "parkings-velos-ciney.csv")[0] == 1
    assert run("fix", "parkings-velos-ciney.csv", "--output", "parkings-velos-propre.csv")[0] == 0
    assert run("check", "parkings-velos-propre.csv")[0] == 0
    toml = first / "odwb.toml"
    with toml.open("a", encoding="utf-8") as handle:
        handle.write(kit.DATASET_BLOCK)
    assert run("document", "parkings-velos-propre.csv")[0] == 0
    code, out = run("publish")
    assert code == 0, out
    dataset_id = "p01-ciney-parkings-velos"
    online = requests.get(f"{sandbox.explore}/catalog/datasets/{dataset_id}", timeout=10).json()
    assert online["metas"]["default"]["title"] == "Parkings vélos de Ciney"

    # Participant 2's key may not touch participant 1's dataset; their own key works for their own work.
    listing = requests.get(f"{sandbox.automation}/datasets/", params={"dataset_id": dataset_id}, timeout=10,
                           headers={"Authorization": f"Apikey {key1}"}).json()
    uid = listing["results"][0]["uid"]
    refused = requests.put(f"{sandbox.automation}/datasets/{uid}/metadata/default/title/", json={"value": "Piraté"},
                           headers={"Authorization": f"Apikey {key2}"}, timeout=10)
    assert refused.status_code == 403
    mine = requests.get(f"{sandbox.automation}/datasets/", headers={"Authorization": f"Apikey {key2}"}, timeout=10)
    assert mine.status_code == 200 and mine.json()["total_count"] == 0

    # The trainer's summary: one catalogue request for the whole room.
    calls: list[str | None] = []
    original = ExploreAPI.catalog_datasets

    def counted(self: ExploreAPI, where: str | None = None, *args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(where)
        return original(self, where, *args, **kwargs)

    monkeypatch.setattr(ExploreAPI, "catalog_datasets", counted)
    monkeypatch.chdir(tmp_path)
    code, out = run("workshop", "summary", room, "--format", "json")
    assert code == 0, out
    assert len(calls) == 1
    summary = json.JSONDecoder().raw_decode(outputs[-1])[0]  # stdout; stderr (« Portail : … ») follows
    one, two = summary["participants"]
    assert one["checked"] and one["valid"] and one["fixed"] and one["documented"] and one["published"]
    assert one["online"] is True and one["online_records"] == one["published_records"] == 24
    assert not (two["checked"] or two["fixed"] or two["documented"] or two["published"] or two["online"])
    assert summary["counts"] == {"participants": 2, "checked": 1, "fixed": 1, "documented": 1, "published": 1,
                                 "online": 1}
    code, out = run("workshop", "summary", room)
    assert code == 0 and "Salle « atelier-jour-9 » — 2 participant(s)" in out

    # No key in any output, nor in the room's records.
    records = [room / "salle.json", first / ".odwb" / "journal.jsonl", first / ".odwb" / "publications.jsonl",
               *(first / "documentation").rglob("*.*")]
    texts = outputs + [path.read_text(encoding="utf-8", errors="replace") for path in records if path.is_file()]
    for key in (key1, key2):
        assert not any(key in text for text in texts)
