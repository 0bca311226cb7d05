"""The publication refusal for a file with quality errors names where the first one is, then its message, a sentence
of its own: it read « … au-dessus de l'en-tête (ligne 2). (ligne 1). », the place in brackets after the full stop."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.publish.core_blockers import odwb_publication_blockers
from odwb_assist.quality import check


def test_the_first_error_is_placed_before_its_message(tmp_path: Path) -> None:
    source = tmp_path / "salles.csv"
    source.write_text("Salles communales de Dinant\nSalle;Capacité\nSalle des fêtes;350\nSalle du village;80\n",
                      encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    [blocker] = [b for b in odwb_publication_blockers(report, None) if b.code == "invalid-file"]
    french, english = blocker.message("fr"), blocker.message("en")
    assert "Première (ligne 1) : Ligne 1 : « Salles communales de Dinant »" in french
    assert french.endswith("(ligne 2).") and ". (" not in french
    assert "First (row 1): " in english and english.endswith(".") and ". (" not in english
