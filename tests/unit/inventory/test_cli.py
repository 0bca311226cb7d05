from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from odwb_assist.cli import inventory as cli_inventory

from .conftest import GOOD_ROWS, fill
from .test_replicate import FakeClient

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def _no_quality_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests exercise the command line, not the quality engine (tested on its own)."""
    monkeypatch.setattr("odwb_assist.inventory.reader.default_engine", lambda: None)
    monkeypatch.setattr("odwb_assist.inventory.discovery.default_engine", lambda: None)
    monkeypatch.setattr("odwb_assist.inventory.discovery._default_reader", lambda: None)
    monkeypatch.setattr(cli_inventory, "portal_client", lambda project: FakeClient())


def test_template_then_check(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "inventaire.xlsx"
    code, out, _ = cli("--no-plugins", "inventory", "template", path)
    assert code == 0 and "Modèle d'inventaire créé" in out
    code, _, err = cli("--no-plugins", "inventory", "template", path)
    assert code == 2 and "existe déjà" in err
    fill(path, GOOD_ROWS)
    code, out, _ = cli("--no-plugins", "inventory", "check", path)
    assert code == 0 and "3 ligne(s), 0 erreur(s)" in out


def test_check_reports_errors_with_exit_1(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Identifiant,Titre,Valeur\nA,,9\n", encoding="utf-8")
    code, out, _ = cli("--no-plugins", "inventory", "check", path, "--lang", "en")
    assert code == 1 and "Row 2, column 'Titre'" in out and "Row 2, column 'Valeur'" in out
    code, out, _ = cli("--no-plugins", "inventory", "check", path, "--json")
    data = json.loads(out)
    assert data["errors"] == 2 and {f["fieldName"] for f in data["findings"]} == {"Titre", "Valeur"}


def test_discover_and_merge(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "agents.csv").write_text("Nom,Prénom,Email\nA,B,a.b@x.be\n", encoding="utf-8")
    code, out, _ = cli("--no-plugins", "inventory", "discover", folder)
    assert code == 0 and "agents" in out and "données personnelles possibles" in out
    inventory = fill(cli_inventory.inv.write_template(tmp_path / "inv.xlsx"), GOOD_ROWS)
    before = inventory.read_bytes()
    code, out, _ = cli("--no-plugins", "inventory", "discover", folder, "--merge", inventory)
    assert code == 0, out
    assert inventory.read_bytes() == before
    merged = cli_inventory.inv.read(tmp_path / "inv-complete.xlsx", engine=None)
    assert [e.identifier for e in merged.entries] == ["INV-001", "INV-002", "INV-003", "agents"]


def test_prioritise_with_chart(cli: Cli, tmp_path: Path) -> None:
    inventory = fill(cli_inventory.inv.write_template(tmp_path / "inv.xlsx"), GOOD_ROWS)
    code, out, _ = cli("--no-plugins", "inventory", "prioritise", inventory, "--chart-dir", tmp_path / "c")
    assert code == 0 and out.splitlines()[0].startswith("  1. INV-001")
    assert (tmp_path / "c" / "matrice-valeur-effort.png").exists()
    code, out, _ = cli("--no-plugins", "inventory", "prioritise", inventory, "--json")
    assert [r["identifier"] for r in json.loads(out)["ranking"]][-1] == "INV-003"


def test_status_sync_writes_a_new_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "Ciney"\n[portal]\nurl = "http://127.0.0.1:9"\n',
                                        encoding="utf-8")
    (tmp_path / ".odwb").mkdir()
    (tmp_path / ".odwb" / "publications.jsonl").write_text(json.dumps(
        {"when": "2026-05-01T10:00:00Z", "dataset_id": "INV-002", "portal": "http://127.0.0.1:9"}) + "\n")
    inventory = fill(cli_inventory.inv.write_template(tmp_path / "inv.xlsx"), GOOD_ROWS)
    code, out, _ = cli("--no-plugins", "inventory", "status", inventory)
    assert code == 0 and "publié" in out
    code, out, _ = cli("--no-plugins", "inventory", "status", inventory, "--sync", "--offline",
                       "--project", tmp_path / "odwb.toml", "--json")
    data = json.loads(out)
    assert data["funnel"]["publié"] == 2 and data["output"].endswith("inv-statut.xlsx")
    updated = cli_inventory.inv.read(data["output"], engine=None).find("INV-002")
    assert updated is not None and updated.status == "publié" and updated.published_on == "2026-05-01"


def test_similar_and_schema_from_portal(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("--no-plugins", "inventory", "similar", "--theme", "Mobilité")
    assert code == 0 and "namur-parkings-velos" in out
    code, out, _ = cli("--no-plugins", "inventory", "similar")
    assert code == 2
    inventory = fill(cli_inventory.inv.write_template(tmp_path / "inv.xlsx"), GOOD_ROWS)
    code, out, _ = cli("--no-plugins", "inventory", "similar", "INV-001", "--inventory", inventory, "--json")
    assert code == 0 and json.loads(out)[0]["dataset_id"] == "namur-parkings-velos"
    target = tmp_path / "schema.json"
    code, out, _ = cli("--no-plugins", "schema", "from-portal", "geonames", "--output", target)
    assert code == 0 and json.loads(target.read_text())["fields"][0]["odwb:ods_name"] == "geoname_id"
    code, _, err = cli("--no-plugins", "schema", "from-portal", "geonames", "--output", target)
    assert code == 2 and "existe déjà" in err




def test_inventory_file_from_the_project(cli: Cli, tmp_path: Path) -> None:
    fill(cli_inventory.inv.write_template(tmp_path / "inventaire.xlsx"), GOOD_ROWS)
    toml = tmp_path / "odwb.toml"
    toml.write_text('[administration]\nname = "Ciney"\n[inventory]\nfile = "inventaire.xlsx"\n', encoding="utf-8")
    code, out, _ = cli("--no-plugins", "inventory", "check", "--project", toml)
    assert code == 0 and "3 ligne(s)" in out
    code, out, _ = cli("--no-plugins", "inventory", "prioritise", "--project", toml, "--json")
    assert code == 0 and len(json.loads(out)["ranking"]) == 3
    code, out, _ = cli("--no-plugins", "inventory", "status", "--project", toml, "--json")
    assert code == 0 and json.loads(out)["funnel"]["identifié"] == 3
