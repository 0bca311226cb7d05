"""A text holding the delimiter without quotes (« Banc cassé; à remplacer » in a « ; » file): the text is cut in two
cells and the rest of the row moves one column to the right, the date beyond the last column and « à remplacer »
under « Date ». ``check`` said only « 1 valeur(s) au-delà de la dernière colonne », and ``fix`` wrote the clean file
with « à remplacer » as the date, the date set aside, and said nothing left to correct."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.split_decimals import explained_by_split_text

PM = get_plugin_manager(load_entrypoints=False)

# the upkeep log of a commune's street furniture, typed in a program that writes « ; » without quotes
LOG = ("ID;Lieu;Remarque;Date\n1;Parc;RAS;2024-03-01\n2;Gare;Banc cassé; à remplacer;2024-03-02\n3;École;RAS;2024-03-03\n"
       "4;Église;Éclairage; vérifier; urgent;2024-03-04\n5;Stade;RAS;2024-03-05\n6;Piscine;RAS;2024-03-06\n")


def test_a_text_cut_by_the_delimiter_is_said_and_left_to_correct(tmp_path: Path) -> None:
    source = tmp_path / "entretien.csv"
    source.write_text(LOG, encoding="utf-8")
    found = [f for f in check(source, plugins=PM).findings if f.type == "extra-cell"]
    assert [f.row_number for f in found] == [3, 5]
    assert all(f.extra["splitText"][0] == {"rowNumber": 3, "fieldNumber": 3, "text": "Banc cassé; à remplacer"}
               for f in found)
    assert ("Ces lignes semblent couper un texte qui contient le séparateur « ; » sans guillemets (ex. ligne 3, "
            "colonne « Remarque » : « Banc cassé; à remplacer »)") in found[0].message("fr")
    assert "Quote the cells that hold the delimiter" in found[0].tip("en")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    # the shifted cells are no « values beyond the last column » written away: the rows are left to correct
    assert sorted({(f.type, f.row_number) for f in result.remaining}) == [("extra-cell", 3), ("extra-cell", 5)]


def test_a_note_beyond_the_last_column_is_not_a_cut_text(tmp_path: Path) -> None:
    # every cell of the typed columns fits as read: the cell beyond is a note, not a shifted date
    source = tmp_path / "entretien.csv"
    source.write_text("ID;Lieu;Remarque;Date\n1;Parc;RAS;2024-03-01\n2;Gare;Banc cassé;2024-03-02;à remplacer\n"
                      "3;École;RAS;2024-03-03\n4;Stade;RAS;2024-03-05\n", encoding="utf-8")
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "extra-cell"]
    assert "splitText" not in found.extra and "semblent couper" not in found.message("fr")


def test_which_text_column_was_cut() -> None:
    types = ["integer", "string", "string", "date"]
    # « Gare; Banc cassé » or « Banc cassé; à remplacer »: the piece that opens with a space goes on a text
    assert explained_by_split_text(["2", "Gare", "Banc cassé", " à remplacer", "2024-03-02"], types, ";") == 2
    assert explained_by_split_text(["2", "Gare", "Banc cassé", "à remplacer", "2024-03-02"], types, ";") == 1
    # no typed column after the text columns: nothing tells where the row is shifted
    assert explained_by_split_text(["2", "2024-03-02", "Gare", "Banc", "cassé"], ["integer", "date", "string",
                                                                                   "string"], ";") is None
    # a typed cell that fits nowhere: another cause
    assert explained_by_split_text(["2", "Gare", "Banc", "cassé", "hier"], types, ";") is None
