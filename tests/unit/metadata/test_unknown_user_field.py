"""A misspelt metadata field in odwb.toml stops the publication payload (it would silently not be sent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core import config, config_model
from odwb_assist.core.errors import MetadataError
from odwb_assist.metadata import publication_payload


def project(tmp_path: Path, metadata: str) -> config_model.ProjectConfig:
    (tmp_path / "a.csv").write_text("nom,capacite\nSalle A,60\n", encoding="utf-8")
    text = ('[administration]\nname = "Ville de Ciney"\n[[datasets]]\nid = "salles"\nfile = "a.csv"\n'
            f'[datasets.metadata]\n{metadata}')
    path = tmp_path / "odwb.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(path)


def test_licence_typo_is_refused_with_the_likely_name(tmp_path: Path) -> None:
    with pytest.raises(MetadataError) as info:
        publication_payload(project(tmp_path, 'title = "Salles"\nlicence = "CC BY 4.0"\n'), "salles")
    assert "« licence »" in info.value.message("fr") and "« license »" in info.value.message("fr")


def test_known_fields_pass(tmp_path: Path) -> None:
    payload = publication_payload(project(tmp_path, 'title = "Salles"\nlicense = "CC BY 4.0"\n'), "salles")
    assert payload["default"]["license"] == "CC BY 4.0"
