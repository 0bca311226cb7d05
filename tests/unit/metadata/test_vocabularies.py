from __future__ import annotations

import json
from pathlib import Path

from odwb_assist.core.config import load
from odwb_assist.metadata.vocabularies import (
    find_frequency,
    find_licence,
    match_theme,
    project_themes,
    suggest_themes,
    theme_vocabulary,
)


def test_licences_follow_walloon_policy() -> None:
    assert find_licence("cc0").policy == "recommended"  # type: ignore[union-attr]
    assert find_licence("CC-BY 4.0").label == "CC BY 4.0"  # type: ignore[union-attr]
    assert find_licence("ODbL").policy == "explain"  # type: ignore[union-attr]
    assert find_licence("CC BY-NC 4.0").is_open is False  # type: ignore[union-attr]
    assert find_licence("Licence maison") is None


def test_frequencies() -> None:
    assert find_frequency("annuelle") == "ANNUAL"
    assert find_frequency("http://publications.europa.eu/resource/authority/frequency/MONTHLY") == "MONTHLY"
    assert find_frequency("Mis à jour chaque mois") == "MONTHLY"
    assert find_frequency("de temps en temps ?") is None


def test_themes() -> None:
    vocabulary = theme_vocabulary()
    assert match_theme("mobilite", vocabulary) == "Mobilité"
    assert match_theme("Transport", vocabulary) is None
    assert suggest_themes("parkings vélos", vocabulary)[0] == "Mobilité"
    assert theme_vocabulary({"Mobilité": "abc"}) == ["Mobilité"]


def test_project_themes_from_toml_and_portal_cache(tmp_path: Path) -> None:
    (tmp_path / "odwb.toml").write_text(
        '[administration]\nname = "X"\n[portal]\nurl = "http://127.0.0.1:8765"\n[portal.themes]\n"Mobilité" = "m1"\n',
        encoding="utf-8")
    project = load(tmp_path / "odwb.toml")
    assert project_themes(project) == {"Mobilité": "m1"}
    cache = tmp_path / ".odwb" / "vocabulary-127.0.0.1_8765.json"
    cache.parent.mkdir()
    cache.write_text(json.dumps({"license_id": {}, "theme_id": {"x9": "Culture, sport et loisirs", "m2": "Mobilité"}}),
                     encoding="utf-8")
    assert project_themes(project) == {"Mobilité": "m1", "Culture, sport et loisirs": "x9"}
    assert match_theme("Culture, sport et loisirs", theme_vocabulary(project_themes(project)))
    assert project_themes(None) is None
