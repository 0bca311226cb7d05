"""HTML in cells, as a website's content manager exports its agenda: said, and written as a browser shows it by the
fix (links keep their address), while « <5 ans », « R&D » or « Dupont & fils » stay text."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from odwb_assist.checks.html_cells import as_text, has_html, html_mask
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

AGENDA = [["Titre", "Lieu", "Description"],
          ["Marché de Noël", "Place Monseigneur Cardijn", "<p>Chalets &amp; vin chaud.</p><p>Entrée libre</p>"],
          ["Balade nature", "Bois de Ciney", "Départ à 10h<br />Prévoir des bottes"],
          ["Concert", "Église Saint-Nicolas", "Réservation : <a href=\"https://www.ciney.be/agenda\">ciney.be</a>"],
          ["Stage d&eacute;couverte", "Centre culturel", "Pour les <5 ans et leurs parents"],
          ["Atelier R&D", "Dupont & fils", "<ul><li>Inscription</li><li>Matériel fourni</li></ul>"]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("text", ["<p>Texte</p>", "Ligne<br>suivante", "A<BR/>B", "Sport &amp; Loisirs",
                                  "d&eacute;couverte", "&#233;t&#xE9;", "<a href='x'>lien</a>", "<span style=\"x\">t</span>"])
def test_html_is_seen(text: str) -> None:
    assert has_html(text)


@pytest.mark.parametrize("text", ["Pour les <5 ans", "R&D", "Dupont & fils", "A & B; C", "x < y > z", "&nbsp",
                                  "&inconnu;", "<Namur>", "Tom&Jerry;", "prix < 10 €"])
def test_text_that_only_looks_alike_is_text(text: str) -> None:
    assert not has_html(text)


def test_what_a_browser_shows() -> None:
    assert as_text("<p>Chalets &amp; vin chaud.</p><p>Entrée libre</p>") == "Chalets & vin chaud.\nEntrée libre"
    assert as_text("Départ à 10h<br />Prévoir des bottes") == "Départ à 10h\nPrévoir des bottes"
    assert as_text('Voir <a href="https://www.ciney.be">le site</a>.') == "Voir le site (https://www.ciney.be)."
    assert as_text("<ul><li>Inscription</li><li>Matériel</li></ul>") == "- Inscription\n- Matériel"
    assert as_text("Stage d&eacute;couverte pour les <5 ans") == "Stage découverte pour les <5 ans"
    assert as_text("a&nbsp;b") == "a\u00a0b"  # an entity alone: the character it names


def test_check_and_fix_an_agenda(tmp_path: Path) -> None:
    path = tmp_path / "agenda.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(AGENDA)
    report = check(path, plugins=pm())
    found = {f.field_name: f for f in report.findings if f.type == "html-in-cells"}
    assert set(found) == {"Description", "Titre"} and found["Description"].count == 4
    assert {f.severity.value for f in found.values()} == {"warning"}
    assert "Lieu" not in found  # « Dupont & fils » is text
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[3][2] == "Réservation : ciney.be (https://www.ciney.be/agenda)"
    assert rows[4] == ["Stage découverte", "Centre culturel", "Pour les <5 ans et leurs parents"]
    assert rows[5][1] == "Dupont & fils"
    assert result.counts["html-to-text"] == 5
    assert "« Départ à 10h<br />Prévoir des bottes » → « Départ à 10h ↵ Prévoir des bottes »" in result.preview("fr")


def test_the_arrow_path_agrees_with_the_text_path() -> None:
    cells = [f"Rue {n}" for n in range(300)] + ["<p>a</p>", "R&D", "&eacute;", "x<5", "Sport &amp; co"]
    arrow = pd.Series(pd.array(cells, dtype="string[pyarrow]"))
    expected = [has_html(text) for text in cells]
    assert list(html_mask(arrow)) == expected == list(html_mask(pd.Series(cells, dtype=object)))
    assert sum(expected) == 3
