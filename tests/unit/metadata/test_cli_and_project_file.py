from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.core.config import load
from odwb_assist.core.errors import ConfigError
from odwb_assist.metadata.project_file import store_metadata

Cli = Callable[..., tuple[int, str, str]]


def test_metadata_score_json(cli: Cli, project_file: Path) -> None:
    code, out, err = cli("metadata", "score", "--project", project_file, "--format", "json", "--no-plugins")
    assert code == 0, err
    data = json.loads(out)
    assert data["band"] in ("excellent", "good", "sufficient", "bad")
    assert data["max"] > data["score"] > 0
    assert all({"name", "points", "max", "findings"} <= set(d) for d in data["dimensions"])


def test_metadata_score_text_english(cli: Cli, project_file: Path) -> None:
    code, out, _ = cli("metadata", "score", "--project", project_file, "--lang", "en", "--no-plugins")
    assert code == 0 and "Metadata score" in out and "No description" in out


def test_metadata_score_unknown_dataset(cli: Cli, project_file: Path) -> None:
    code, _, err = cli("metadata", "score", "--project", project_file, "--dataset", "nope", "--no-plugins")
    assert code == 2 and "nope" in err


def test_metadata_score_bad_format(cli: Cli, project_file: Path) -> None:
    code, _, err = cli("metadata", "score", "--project", project_file, "--format", "xml", "--no-plugins")
    assert code == 2 and "xml" in err


def test_document_command(cli: Cli, project_file: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "docs-out"
    code, out, err = cli("document", project_file.parent / "data" / "parkings-velos.csv", "--project", project_file,
                         "--output-dir", out_dir, "--no-plugins")
    assert code == 0, err
    assert (out_dir / "datapackage.json").is_file() and (out_dir / "dictionnaire.md").is_file()
    assert "Score des métadonnées" in out


def test_document_missing_file(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("document", tmp_path / "absent.csv", "--no-plugins")
    assert code == 2 and "absent.csv" in err


def test_document_interactive_stores_answers(cli: Cli, project_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Parkings vélos publics de Ciney", "Emplacements des parkings vélos publics de Ciney.", "Mobilité",
                    "", "3", "Nom du lieu", "Nombre de places", "", ""])
    monkeypatch.setattr("odwb_assist.cli.metadata._ask", lambda question, default: next(answers))
    before = project_file.read_text(encoding="utf-8")
    code, out, err = cli("document", project_file.parent / "data" / "parkings-velos.csv", "--project", project_file,
                         "--interactive", "--no-plugins")
    assert code == 0, err
    after = project_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # the user's text and comments are kept
    dataset = load(project_file).dataset("ciney-parkings-velos")
    assert dataset.metadata["title"] == "Parkings vélos publics de Ciney"
    assert dataset.metadata["theme"] == ["Mobilité"]
    assert "license" not in dataset.metadata  # empty answer: skipped
    assert dataset.metadata["dcat"]["accrualperiodicity"] == "Hebdomadaire"
    assert dataset.fields == {"nom": {"description": "Nom du lieu"}, "capacite": {"description": "Nombre de places"}}
    assert json.loads((project_file.parent / "documentation" / "ciney-parkings-velos" / "metadata.json").read_text(
        encoding="utf-8"))["fields"][1]["description"] == "Nom du lieu"


def test_answers_kept_when_odwb_toml_cannot_be_written(project: Any, pm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.core.errors import MetadataError
    from odwb_assist.metadata import document as document_module

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("disque plein")

    monkeypatch.setattr(document_module, "store_metadata", refuse)
    with pytest.raises(MetadataError) as info:
        document_module.document(project, project.datasets[0].file, plugins=pm, ask=lambda q, d: "Réponse")
    saved = project.state_dir / "answers-ciney-parkings-velos.json"
    assert str(saved) in info.value.message("fr")
    assert json.loads(saved.read_text(encoding="utf-8"))["default.title"] == "Réponse"


def test_store_metadata_table_form_and_refusal(tmp_path: Path) -> None:
    path = tmp_path / "odwb.toml"
    text = '# garde-moi\n[administration]\nname = "X"  # nom\n\n[datasets.a]\nfile = "a.csv"\n'
    path.write_text(text, encoding="utf-8")
    store_metadata(path, "a", {"title": "T", "dcat.temporal": "2020"})
    config = load(path)
    assert config.dataset("a").metadata == {"title": "T", "dcat": {"temporal": "2020"}}
    assert "# garde-moi" in path.read_text(encoding="utf-8") and "# nom" in path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError):
        store_metadata(path, "b", {"title": "T"})
    store_metadata(path, "b", {"title": "T"}, file="b.csv")
    assert load(path).dataset("b").metadata == {"title": "T"}


def test_store_metadata_never_writes_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "odwb.toml"
    text = '[administration]\nname = "X"\n[[datasets]]\nid = "a"\nfile = "a.csv"\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        store_metadata(path, "a", {"api_key": "secret"})
    assert path.read_text(encoding="utf-8") == text


def test_done_when_document_with_inventory_scores_good(cli: Cli, project_factory: Any) -> None:
    inventory = pytest.importorskip("odwb_assist.inventory")
    if not hasattr(inventory, "COLUMNS"):
        pytest.skip("inventory model not available")
    toml = """[administration]
name = "Ville de Ciney"
nis_code = "91030"
contact_email = "mobilite@ciney.be"
website = "https://www.ciney.be"
[inventory]
file = "inventaire.csv"
[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
inventory_id = "INV-012"
"""
    path = project_factory(toml)
    row = {"identifier": "INV-012", "title": "Parkings vélos de Ciney", "description": (
        "Emplacements des parkings pour vélos installés par la Ville sur le domaine public, avec leur adresse, "
        "leur capacité et le type de mobilier."), "service": "Service mobilité", "contact": "mobilite@ciney.be",
        "source_system": "Tableur", "format": "Excel", "update_frequency": "annuelle", "theme": "Mobilité",
        "personal_data": "non", "licence": "CC0 1.0", "value": "4", "effort": "1", "status": "collecté",
        "remarks": "Les parkings privés ne sont pas repris."}
    import csv

    with (path.parent / "inventaire.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.label for c in inventory.COLUMNS])
        writer.writerow([row.get(c.key, "") for c in inventory.COLUMNS])
    code, out, err = cli("document", path.parent / "data" / "parkings-velos.csv", "--project", path, "--no-plugins")
    assert code == 0, err
    code, out, err = cli("metadata", "score", "--project", path, "--format", "json", "--no-plugins")
    data = json.loads(out)
    assert data["band"] in ("good", "excellent"), data
    bare = project_factory(toml.replace('inventory_id = "INV-012"\n', "").replace('[inventory]\nfile = "inventaire.csv"\n', ""),
                           name="bare")
    code, out, err = cli("metadata", "score", "--project", bare, "--format", "json", "--no-plugins")
    lower = json.loads(out)
    assert lower["score"] < data["score"]
    assert any(f["code"] == "description-missing" for d in lower["dimensions"] for f in d["findings"])
