from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from odwb_assist.core.config import parse
from odwb_assist.core.errors import NotFoundError, PortalConnectionError
from odwb_assist.inventory import Inventory, InventoryEntry, funnel, sync_status

TOML = """
[administration]
name = "Commune de Ciney"
[portal]
url = "http://127.0.0.1:9"
[[datasets]]
id = "ciney-parkings-velos"
file = "parkings.csv"
inventory_id = "INV-001"
"""


def _project(tmp_path: Path, records: list[dict[str, Any]]) -> Any:
    (tmp_path / "odwb.toml").write_text(TOML, encoding="utf-8")
    state = tmp_path / ".odwb"
    state.mkdir()
    lines = [json.dumps(r) for r in records] + ["not json"]
    (state / "publications.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return parse(TOML, tmp_path / "odwb.toml")


def _inventory() -> Inventory:
    return Inventory([
        InventoryEntry(identifier="INV-001", title="Parkings", status="nettoyé"),
        InventoryEntry(identifier="INV-002", title="Arbres", status="documenté", dataset_id="ciney-arbres"),
        InventoryEntry(identifier="INV-003", title="Salles", status="collecté", dataset_id="ciney-salles",
                       published_on="2025-01-01"),
        InventoryEntry(identifier="INV-004", title="Bancs"),
    ])


class FakeExplore:
    def __init__(self, visible: set[str], fail: bool = False) -> None:
        self.visible, self.fail, self.calls = visible, fail, []  # type: ignore[var-annotated]

    def dataset(self, dataset_id: str) -> dict[str, Any]:
        self.calls.append(dataset_id)
        if self.fail:
            raise PortalConnectionError("portail injoignable", "portal unreachable")
        if dataset_id in self.visible:
            return {"dataset_id": dataset_id, "metas": {"default": {"modified": "2026-04-02T10:00:00+00:00"}}}
        raise NotFoundError("introuvable", "not found", status_code=404)


class FakeClient:
    def __init__(self, explore: FakeExplore) -> None:
        self.explore = explore


RECORDS = [
    {"when": "2026-03-01T09:00:00+00:00", "dataset_id": "ciney-parkings-velos", "portal": "http://127.0.0.1:9",
     "title": "Parkings vélos"},
    {"when": "2026-03-02T09:00:00+00:00", "dataset_id": "other-portal", "portal": "https://elsewhere.example"},
    {"when": "2026-03-03T09:00:00+00:00", "dataset_id": "orphan", "portal": "http://127.0.0.1:9"},
]


def test_sync_from_record_only(tmp_path: Path) -> None:
    inventory = _inventory()
    result = sync_status(inventory, _project(tmp_path, RECORDS))
    first = result.entries[0]
    assert (first.status, first.dataset_id, first.published_on) == ("publié", "ciney-parkings-velos", "2026-03-01")
    assert inventory.entries[0].status == "nettoyé"  # the given inventory is not modified
    assert {(c.identifier, c.field, c.source) for c in result.changes} == {
        ("INV-001", "dataset_id", "record"), ("INV-001", "status", "record"), ("INV-001", "published_on", "record")}
    assert any("orphan" in n.fr for n in result.notes)
    assert not any("other-portal" in n.fr for n in result.notes)


def test_sync_with_portal(tmp_path: Path) -> None:
    explore = FakeExplore({"ciney-arbres", "ciney-salles"})
    result = sync_status(_inventory(), _project(tmp_path, RECORDS), FakeClient(explore))
    by_id = {e.identifier: e for e in result.entries}
    assert by_id["INV-002"].status == "publié" and by_id["INV-002"].published_on == "2026-04-02"
    assert by_id["INV-003"].status == "publié" and by_id["INV-003"].published_on == "2025-01-01"  # user's date kept
    assert by_id["INV-004"].status == ""
    assert explore.calls == ["ciney-arbres", "ciney-salles"]


def test_sync_when_portal_unreachable(tmp_path: Path) -> None:
    result = sync_status(_inventory(), _project(tmp_path, []), FakeClient(FakeExplore(set(), fail=True)))
    assert result.changes == [] and "injoignable" in result.notes[0].fr


def test_status_never_goes_back(tmp_path: Path) -> None:
    inventory = Inventory([InventoryEntry(identifier="INV-001", status="publié", dataset_id="ciney-parkings-velos",
                                          published_on="2026-01-01")])
    result = sync_status(inventory, _project(tmp_path, RECORDS))
    assert result.changes == []


def test_funnel_is_cumulative() -> None:
    counts = funnel(_inventory())
    assert counts == {"identifié": 4, "collecté": 3, "nettoyé": 2, "documenté": 1, "publié": 0}
    assert list(funnel([])) == ["identifié", "collecté", "nettoyé", "documenté", "publié"]
