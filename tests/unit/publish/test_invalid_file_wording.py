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


def test_fix_is_advised_only_when_it_corrects_one_of_the_errors(tmp_path: Path) -> None:
    """The refusal said « corrigez le fichier (ou odwb-assist fix) » for an invalid enterprise number too: fix would
    have written a copy with the same error."""
    plugins = get_plugin_manager()
    titled = tmp_path / "salles.csv"
    titled.write_text("Salles communales de Dinant\nSalle;Capacité\nSalle des fêtes;350\nSalle du village;80\n",
                      encoding="utf-8")
    numbers = tmp_path / "fournisseurs.csv"
    numbers.write_text("Fournisseur;Numéro BCE\nVoirie SA;0547.125.957\nBâtiments SPRL;0257.616.112\n"
                       "Espaces verts SRL;0324.637.561\n", encoding="utf-8")
    advice = {}
    for source in (titled, numbers):
        report = check(source, plugins=plugins)
        [blocker] = [b for b in odwb_publication_blockers(report, None) if b.code == "invalid-file"]
        advice[source.stem] = blocker.advice("fr"), blocker.advice("en")
    assert "(ou « odwb-assist fix »)" in advice["salles"][0] and "(or 'odwb-assist fix')" in advice["salles"][1]
    assert "corrigez le fichier à la main (« odwb-assist fix » ne corrige pas ces erreurs-là)" in advice["fournisseurs"][0]
    assert "by hand ('odwb-assist fix' does not correct those errors)" in advice["fournisseurs"][1]
