from __future__ import annotations

import json
from pathlib import Path

import pytest

from odwb_assist.core.config_model import DatasetConfig
from odwb_assist.core.errors import MetadataError
from odwb_assist.metadata import FieldInfo, Metadata


def test_bare_keys_are_default_and_lists_are_coerced() -> None:
    md = Metadata.from_dict({"title": "T", "keyword": "vélo; parking", "dcat.contact_email": "a@b.be",
                             "dcat": {"spatial": "Ciney"}, "theme": {"value": ["Mobilité"]}})
    assert md.get("default.title") == "T" == md.get("title")
    assert md.get("keyword") == ["vélo", "parking"]
    assert md.get("dcat.contact_email") == "a@b.be"
    assert md.get("dcat.spatial") == "Ciney"
    assert md.get("theme") == ["Mobilité"]
    assert {"default.title", "dcat.spatial", "dcat.contact_email"} <= md.user_fields


def test_propose_never_overwrites_user_values() -> None:
    md = Metadata.from_dict({"title": "Mon titre"})
    assert not md.propose("title", "Autre", source="plugin")
    assert md.propose("dcat.temporal", "2020/2024", source="plugin")
    assert md.get("title") == "Mon titre"
    assert md.sources["dcat.temporal"] == "plugin"
    assert "dcat.temporal" not in md.user_fields


def test_json_round_trip_keeps_user_fields(tmp_path: Path) -> None:
    md = Metadata.from_dict({"title": "Mon titre"})
    md.propose("dcat.temporal", "2020", source="metadata.enrich_data")
    md.fields.append(FieldInfo("capacite", "integer", description="Places", unit="places"))
    path = md.save_json(tmp_path / "m" / "metadata.json")
    again = Metadata.load_json(path)
    assert again.get("title") == "Mon titre" and again.get("dcat.temporal") == "2020"
    assert again.user_fields == {"default.title"}
    assert again.column("capacite") is not None and again.column("capacite").unit == "places"  # type: ignore[union-attr]
    assert json.loads(path.read_text(encoding="utf-8"))["default"]["title"] == "Mon titre"


def test_bad_json_is_a_metadata_error(tmp_path: Path) -> None:
    bad = tmp_path / "metadata.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        Metadata.load_json(bad)
    assert "JSON" in info.value.message("fr")
    with pytest.raises(MetadataError):
        Metadata.load_json(tmp_path / "missing.json")


def test_from_config_toml_over_metadata_file(tmp_path: Path) -> None:
    file = tmp_path / "meta.json"
    Metadata.from_dict({"title": "Du fichier", "description": "Texte du fichier"}).save_json(file)
    ds = DatasetConfig(id="x", file=tmp_path / "x.csv", metadata_file=file, metadata={"title": "Du toml"},
                       fields={"capacite": {"description": "Nombre de places", "unit": "places", "facet": True}})
    md = Metadata.from_config(ds)
    assert md.get("title") == "Du toml"
    assert md.get("description") == "Texte du fichier"
    assert md.column("capacite").description == "Nombre de places"  # type: ignore[union-attr]
    assert md.dataset_id == "x"


def test_save_toml_writes_only_user_values(tmp_path: Path) -> None:
    from odwb_assist.core.config import load

    path = tmp_path / "odwb.toml"
    path.write_text('# mon projet\n[administration]\nname = "X"\n\n[[datasets]]\nid = "a"\nfile = "a.csv"\n',
                    encoding="utf-8")
    md = Metadata.from_dict({"title": "Titre", "dcat": {"temporal": "2020"}})
    md.dataset_id = "a"
    md.propose("keyword", ["x", "y"], source="metadata.enrich_data")
    md.save_toml(path)
    assert load(path).dataset("a").metadata == {"title": "Titre", "dcat": {"temporal": "2020"}}
    assert path.read_text(encoding="utf-8").startswith("# mon projet")
    assert "<script" not in Metadata.from_dict({"title": "<script>x</script>"})._repr_html_()
