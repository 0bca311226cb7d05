from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import frictionless
import pluggy
import pytest

from odwb_assist.core.config import load
from odwb_assist.core.config_model import ProjectConfig
from odwb_assist.metadata import (
    Metadata,
    draft,
    publication_payload,
    render_dictionary_html,
    render_dictionary_markdown,
    write_datapackage,
)
from odwb_assist.metadata.document import document
from odwb_assist.metadata.payload import clean_description, ods_field_configuration


def test_datapackage_validates_with_frictionless(project: ProjectConfig, entry: Any, pm: pluggy.PluginManager,
                                                 tmp_path: Path) -> None:
    md = draft(project, None, plugins=pm, inventory_entry=entry)
    out = tmp_path / "out"
    path = write_datapackage(md, out)
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["contributors"][0]["email"] == "mobilite@ciney.be"
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields][:2] == ["id", "nom"]
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])
    assert (project.root / "data" / "parkings-velos.csv").read_text(encoding="utf-8").startswith("id,nom")


def test_datapackage_refers_to_a_csv_inside_the_output_folder(project: ProjectConfig, pm: pluggy.PluginManager) -> None:
    md = draft(project, None, plugins=pm)
    path = write_datapackage(md, project.root)
    assert json.loads(path.read_text(encoding="utf-8"))["resources"][0]["path"] == "data/parkings-velos.csv"
    assert frictionless.validate(str(path)).valid


def test_semicolon_cp1252_source_gets_a_clean_copy(project_factory: Any, pm: pluggy.PluginManager) -> None:
    root = project_factory().parent
    source = root / "data" / "liste.csv"
    source.write_bytes("nom;montant\nCafé;1,5\nÉcole;2\n".encode("cp1252"))
    md = draft(load(root / "odwb.toml"), source, plugins=pm)
    path = write_datapackage(md, root / "doc")
    resource = json.loads(path.read_text(encoding="utf-8"))["resources"][0]
    assert resource["path"].endswith(".csv") and (root / "doc" / resource["path"]).is_file()
    assert frictionless.validate(str(path)).valid
    assert source.read_bytes() == "nom;montant\nCafé;1,5\nÉcole;2\n".encode("cp1252")


def test_dictionary_renders(project: ProjectConfig, entry: Any, pm: pluggy.PluginManager) -> None:
    md = draft(project, None, plugins=pm, inventory_entry=entry)
    md.column("capacite").description = "Nombre de places | vélos"  # type: ignore[union-attr]
    md.column("capacite").unit = "places"  # type: ignore[union-attr]
    text = render_dictionary_markdown(md)
    assert text.startswith("# Dictionnaire des données : Parkings vélos de Ciney")
    assert "| **capacite** | entier | Nombre de places \\| vélos | places | `20`, `10`, `15` | 100 % |" in text
    page = render_dictionary_html(md)
    assert "<table>" in page and "Nombre de places | vélos" in page and "Complétude" in page
    assert "Completeness" in render_dictionary_html(md, "en")
    md.column("nom").description = "<script>x</script>"  # type: ignore[union-attr]
    assert "<script>x" not in render_dictionary_html(md)


def test_publication_payload_precedence(project_factory: Any) -> None:
    toml = """[administration]
name = "Ville de Ciney"
contact_email = "mobilite@ciney.be"
[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
[datasets.metadata]
title = "Titre du toml"
theme = ["mobilite"]
[datasets.metadata.dcat]
accrualperiodicity = "mensuelle"
"""
    path = project_factory(toml)
    Metadata.from_dict({"title": "Titre du json", "description": "Texte du json", "license": "cc-by"}).save_json(
        path.parent / "metadata.json")
    payload = publication_payload(load(path), "ciney-parkings-velos")
    assert set(payload) == {"default", "dcat", "internal"}
    assert payload["default"]["title"] == "Titre du toml"
    assert payload["default"]["description"] == "Texte du json"
    assert payload["default"]["license"] == "CC BY 4.0"
    assert payload["default"]["theme"] == ["Mobilité"]
    assert payload["dcat"]["accrualperiodicity"].endswith("/frequency/MONTHLY")
    assert payload["dcat"]["contact_email"] == "mobilite@ciney.be"
    assert "fields" not in payload["default"]


def test_skeleton_placeholders_are_not_published() -> None:
    text = "<p>Contenu réel.</p>\n<p><strong>Source</strong> : À compléter : qui ?</p>\n<p>Fin.</p>"
    assert clean_description(text) == "<p>Contenu réel.</p>\n<p>Fin.</p>"
    unsafe = '<p onclick="steal()">Texte</p><script>alert(1)</script><a href="javascript:x()">lien</a>'
    assert clean_description(unsafe) == '<p>Texte</p><a href="x()">lien</a>'


def test_ods_field_configuration(project: ProjectConfig, pm: pluggy.PluginManager) -> None:
    md = draft(project, None, plugins=pm)
    md.column("capacite").unit = "places"  # type: ignore[union-attr]
    configs = ods_field_configuration(md)
    assert not [c for c in configs if c["type"] == "type"]  # the portal types the columns itself unless told
    assert {"type": "annotate", "label": "Unité de capacite [odwb-assist]", "field": "capacite", "annotation": "unit",
            "args": ["places"]} in configs
    typed = ods_field_configuration(md, {"capacite": {"type": "int"}})  # [datasets.fields] of odwb.toml
    assert {"type": "type", "label": "Type de capacite [odwb-assist]", "field": "capacite", "type_param": "int"} in typed


def test_document_writes_everything(project: ProjectConfig, entry: Any, pm: pluggy.PluginManager) -> None:
    result = document(project, project.datasets[0].file, plugins=pm)
    assert set(result.files) == {"metadata", "payload", "dictionary_md", "dictionary_html", "score_html", "datapackage"}
    assert all(p.parent == project.root / "documentation" / "ciney-parkings-velos" for p in result.files.values())
    saved = Metadata.load_json(result.files["metadata"])
    assert saved.get("publisher") == "Ville de Ciney" and saved.user_fields == set()


def test_xlsx_source_is_documented_through_a_csv_copy(project_factory: Any, pm: pluggy.PluginManager) -> None:
    import pandas as pd

    root = project_factory().parent
    source = root / "data" / "salles.xlsx"
    pd.DataFrame({"salle": ["Salle A", "Salle B"], "places": ["120", "80"], "ouverture": ["01/02/2020", "15/06/2023"]}
                 ).to_excel(source, index=False)
    before = source.read_bytes()
    md = draft(load(root / "odwb.toml"), source, plugins=pm)
    assert md.resource["format"] == "xlsx" and [f.name for f in md.fields] == ["salle", "places", "ouverture"]
    assert md.get("dcat.temporal") == "2020-02-01/2023-06-15"
    path = write_datapackage(md, root / "doc")
    assert frictionless.validate(str(path)).valid
    assert source.read_bytes() == before


def test_facets_are_proposed(project: ProjectConfig, pm: pluggy.PluginManager) -> None:
    from odwb_assist.metadata.payload import facets

    md = draft(project, None, plugins=pm)
    names = [f["field_name"] for f in facets(md)]
    assert "type" in names and "date_installation" in names and "nom" not in names


def test_the_utf8_copy_is_written_as_pandas_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data package's copy is built by pyarrow, block by block (``to_csv`` took 3 s a million rows): the same
    bytes as ``to_csv`` with « \\n » line ends, quotes where a cell holds a comma, a quote or a line break."""
    import pandas as pd

    from odwb_assist.metadata import export

    cells = ["Café, bar", 'Le "Central"', "deux\nlignes", "", "École", "1,5", "a;b"]
    frame = pd.DataFrame({"nom": cells * 3, "montant": ["1,5", "", "2", "3", '4"', "5", "6"] * 3}, dtype=str)
    monkeypatch.setattr(export, "COPY_ROWS", 4)  # several blocks
    export.write_csv(frame, tmp_path / "copy.csv")
    assert (tmp_path / "copy.csv").read_bytes() == frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
