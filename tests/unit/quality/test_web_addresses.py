"""Web addresses written without their « http:// » (« www.boulangerie-dupont.be », « facebook.com/club ») or with it
mistyped (« http//… »), in a directory's column of sites: said, and made whole by the fix; nothing said of a remark
naming a site, of file names, of initials."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.web_addresses import is_web_address, needs_scheme, with_scheme
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402


@pytest.mark.parametrize(("cell", "whole"), [
    ("www.boulangerie-dupont.be", "http://www.boulangerie-dupont.be"),
    ("boucherie-lambert.be", "http://boucherie-lambert.be"), ("http//fleuristerose.be", "http://fleuristerose.be"),
    ("facebook.com/boulangeriedupont", "http://facebook.com/boulangeriedupont"), ("htpp://x.be/a?b=1", "http://x.be/a?b=1"),
    ("https//ciney.be", "https://ciney.be"), ("htps://www.ciney.be", "https://www.ciney.be"),
    ("http:\\\\www.ciney.be", "http://www.ciney.be"), (" www.ciney.be/fr/services ", "http://www.ciney.be/fr/services"),
    ("//www.cpas-ciney.be/contact", "http://www.cpas-ciney.be/contact"),  # copied from a page's code
    ("https://www.ciney.be", None), ("http://ciney.be/agenda", None)])
def test_what_an_address_lacks_and_how_it_is_made_whole(cell: str, whole: str | None) -> None:
    assert is_web_address(cell)
    assert needs_scheme(cell) == (whole is not None)
    if whole is not None:
        assert with_scheme(cell) == whole


@pytest.mark.parametrize("cell", ["budget-2024.pdf", "J.Dupont", "info@ciney.be", "voir www.ciney.be", "12.50",
                                  "St.Servais", "Rue de la Station 12", "BE0207.373.429", "https://", "//",
                                  "/www.ciney.be", "//budget-2024.pdf"])
def test_what_is_no_web_address(cell: str) -> None:
    assert not is_web_address(cell)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


SHOPS = [["Commerce", "Site web", "Remarque"],
         ["Boulangerie Dupont", "www.boulangerie-dupont.be", "Voir aussi www.pains.be"],
         ["Librairie du Centre", "https://www.librairieducentre.be", ""],
         ["Boucherie Lambert", "boucherie-lambert.be", "budget.pdf"],
         ["Fleuriste Rose", "http//fleuristerose.be", ""], ["Pharmacie Collard", "", "Fermé le lundi"]]


def test_a_directory_of_shops_gets_whole_addresses(tmp_path: Path) -> None:
    pm = get_plugin_manager()
    source = write(tmp_path / "commerces.csv", SHOPS)
    [found] = [f for f in check(source, plugins=pm).findings if f.type == "web-address-scheme"]
    assert (found.field_name, found.count, found.severity) == ("Site web", 3, "warning")
    assert found.all_rows == (2, 4, 5) and "« www.boulangerie-dupont.be »" in found.message("fr")
    fix(source, tmp_path / "propre.csv", plugins=pm)
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == ["http://www.boulangerie-dupont.be", "https://www.librairieducentre.be",
                                            "http://boucherie-lambert.be", "http://fleuristerose.be", ""]
    assert [row[2] for row in rows[1:]] == [row[2] for row in SHOPS[1:]]  # the remarks are left as they are
    assert not [f for f in check(tmp_path / "propre.csv", plugins=pm).findings if f.type == "web-address-scheme"]


def test_a_column_with_a_few_addresses_among_other_words_is_left(tmp_path: Path) -> None:
    rows = [["Association", "Contact"], ["Les Amis du Rail", "www.amisdurail.be"], ["Chorale", "Mme Dubois"],
            ["Club de pétanque", "le président"], ["Patro", "patro-ciney.be"], ["Scouts", "au local"]]
    report = check(write(tmp_path / "contacts.csv", rows), plugins=get_plugin_manager())
    assert "web-address-scheme" not in report.stats
