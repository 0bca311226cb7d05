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


def test_licences_by_their_full_names() -> None:
    """A notice names a licence as its deed does: « Creative Commons Attribution-NonCommercial 4.0 International »
    was no licence at all, and drafting then proposed the default CC0 for data its author reserved."""
    assert find_licence("Creative Commons Attribution 4.0 International").label == "CC BY 4.0"  # type: ignore[union-attr]
    closed = find_licence("Creative Commons Attribution-NonCommercial 4.0 International")
    assert closed is not None and closed.label == "CC BY-NC 4.0" and not closed.is_open
    assert find_licence("Licence Ouverte / Open Licence 2.0").id == "etalab-2.0"  # type: ignore[union-attr]
    assert find_licence("CC0 1.0 Universal").label == "CC0 1.0"  # type: ignore[union-attr]


def test_frequencies_said_in_words() -> None:
    """« 2 fois par an » was « Annuelle » (it holds « par an »): the more frequent rhythms are read first."""
    said = {"2 fois par an": "BIANNUAL", "deux fois par an": "BIANNUAL", "tous les 6 mois": "BIANNUAL",
            "4 fois par an": "QUARTERLY", "tous les trois mois": "QUARTERLY", "tous les mois": "MONTHLY",
            "toutes les semaines": "WEEKLY", "tous les jours": "DAILY", "tous les ans": "ANNUAL",
            "une fois par an": "ANNUAL", "tous les deux ans": "BIENNIAL", "tous les 2 ans": "BIENNIAL"}
    assert {text: find_frequency(text) for text in said} == said


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
