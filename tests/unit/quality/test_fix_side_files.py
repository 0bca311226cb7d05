"""`fix` loses nothing: removed rows and columns go to side files; outputs get the user's usual permissions."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from odwb_assist.cli.main import main
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix

PM = get_plugin_manager(load_entrypoints=False)

EXPORT = ("Permis d'urbanisme délivrés en 2024\r\n"
          "Source : service urbanisme\r\n"
          "\r\n"
          "Commune;;Permis;Logements;\r\n"
          "Ciney;;41;82;\r\n"
          "Dinant;;37;;\r\n"
          ";;;;\r\n"
          "Somme-Leuze;;12;24;\r\n"
          "Total;;90;106;\r\n")


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def test_side_files_hold_title_blank_total_rows_and_empty_columns(tmp_path: Path) -> None:
    source = tmp_path / "permis.csv"
    source.write_bytes(EXPORT.encode("cp1252"))
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert rows_of(out) == [["Commune", "Permis", "Logements"], ["Ciney", "41", "82"], ["Dinant", "37", ""],
                            ["Somme-Leuze", "12", "24"]]
    removed = rows_of(tmp_path / "propre.lignes-retirees.csv")
    assert removed[0][:3] == ["ligne_origine", "motif", "Commune"]
    assert [(line[0], line[2], line[4]) for line in removed[1:]] == [
        ("1", "Permis d'urbanisme délivrés en 2024", ""), ("2", "Source : service urbanisme", ""), ("3", "", ""),
        ("7", "", ""), ("9", "Total", "90")]
    assert removed[5][1] == "Supprimer les lignes de total"
    columns = rows_of(tmp_path / "propre.colonnes-retirees.csv")
    assert columns[0] == ["colonne_origine", "titre", "motif", "ligne_origine", "valeur"]
    assert [line[0] for line in columns[1:]] == ["2", "5"]
    assert result.removed_rows[0] == (1, "Supprimer les lignes de titre") and len(result.removed_columns) == 2
    summary = result.preview("fr")
    assert "Lignes retirées (5) gardées dans" in summary and "propre.lignes-retirees.csv" in summary
    assert "Colonnes retirées (2)" in summary and "(colonne supprimée)" in summary
    assert "Removed rows (5) kept in" in result.preview("en")


def test_dry_run_names_the_side_file_without_writing_it(tmp_path: Path) -> None:
    source = tmp_path / "permis.csv"
    source.write_bytes(EXPORT.encode("cp1252"))
    result = fix(source, tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert "seraient gardées dans" in result.preview("fr")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["permis.csv"]


def test_english_side_file_names_and_a_stale_side_file_is_replaced(tmp_path: Path) -> None:
    source = tmp_path / "permis.csv"
    source.write_bytes(EXPORT.encode("cp1252"))
    fix(source, tmp_path / "clean.csv", plugins=PM, lang="en")
    assert rows_of(tmp_path / "clean.removed-rows.csv")[0][:2] == ["original_row", "reason"]
    assert (tmp_path / "clean.removed-columns.csv").exists()
    source.write_text("Commune,Permis\nCiney,41\n", encoding="utf-8")
    fix(source, tmp_path / "clean.csv", plugins=PM, lang="en")
    assert not (tmp_path / "clean.removed-rows.csv").exists()  # it described the previous clean file


def test_a_merged_header_is_kept_in_the_side_file(tmp_path: Path) -> None:
    source = tmp_path / "m.csv"
    source.write_text("Commune,Population,,Superficie\n,2023,2024,km²\nNamur,112000,113000,175.7\n"
                      "Liège,195000,196000,69.4\n", encoding="utf-8")
    fix(source, tmp_path / "o.csv", plugins=PM)
    assert rows_of(tmp_path / "o.csv")[0] == ["Commune", "Population 2023", "Population 2024", "Superficie km²"]
    removed = rows_of(tmp_path / "o.lignes-retirees.csv")
    assert [line[2:] for line in removed[1:]] == [["Commune", "Population", "", "Superficie"], ["", "2023", "2024", "km²"]]
    # the side file's columns are named as the clean file names them, not as the two rows' joining read them
    # (« Commune␣ », « ␣2024 »)
    assert removed[0][2:] == ["Commune", "Population 2023", "Population 2024", "Superficie km²"]


def test_a_budget_header_over_two_rows_is_said_where_its_cells_are(tmp_path: Path) -> None:
    # two years of budget and accounts, each year merged over its two columns (a CSV saved from the workbook)
    source = tmp_path / "budget.csv"
    source.write_text("Budget ordinaire\nFonction;Libellé;2022;;2023;\n;;Budget;Compte;Budget;Compte\n"
                      "104;Administration;886084;187297;781720;858258\n421;Voirie;712263;333104;273804;645378\n",
                      encoding="utf-8")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    header = ["Fonction", "Libellé", "2022 Budget", "2022 Compte", "2023 Budget", "2023 Compte"]
    assert rows_of(tmp_path / "propre.csv")[0] == header
    assert rows_of(tmp_path / "propre.lignes-retirees.csv")[0][2:] == header  # not « Fonction␣ », « ␣Compte2 »
    # « Compte » is a cell of the header's second row (3), under the merged « 2022 » of its first (2)
    assert [(c.row_number, c.before, c.after) for c in result.changes if c.fix == "merged-header"] == [
        (3, "Compte", "2022 Compte"), (3, "Compte", "2023 Compte")]


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_outputs_get_the_users_umask(tmp_path: Path, mask: int) -> None:
    source = tmp_path / "permis.csv"
    source.write_bytes(EXPORT.encode("cp1252"))
    old = os.umask(mask)
    try:
        fix(source, tmp_path / "propre.csv", plugins=PM)
        assert main(["check", str(source), "--format", "json", "--output", str(tmp_path / "rapport.json")]) == 1
    finally:
        os.umask(old)
    expected = 0o666 & ~mask
    for name in ("propre.csv", "propre.lignes-retirees.csv", "propre.colonnes-retirees.csv", "rapport.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, name
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".odwb-")]


def test_cli_fix_tells_where_the_side_file_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "permis.csv"
    source.write_bytes(EXPORT.encode("cp1252"))
    assert main(["fix", str(source), "--output", str(tmp_path / "propre.csv")]) == 0
    printed = capsys.readouterr().out
    assert "propre.lignes-retirees.csv" in " ".join(printed.split()) and "Lignes retirées (5)" in printed


def test_a_plugin_fix_that_drops_rows_and_columns_is_recorded_too(tmp_path: Path) -> None:
    from odwb_assist.core.contract import Change
    from odwb_assist.core.hookspecs import hookimpl
    from odwb_assist.core.i18n import Msg

    class DropDrafts:
        name = "drop-drafts"
        label = Msg("Brouillons retirés", "Drafts dropped")

        def apply(self, table, context):  # type: ignore[no-untyped-def]
            drafts = table.index[table["statut"] == "brouillon"]
            changes = [Change(self.name, int(row), None, "brouillon", None) for row in drafts]
            return table.drop(index=drafts).drop(columns=["statut"]), changes

    class Plugin:
        @hookimpl
        def odwb_fixes(self):  # type: ignore[no-untyped-def]
            return [DropDrafts()]

    manager = get_plugin_manager(load_entrypoints=False)
    manager.register(Plugin(), name="drafts")
    source = tmp_path / "s.csv"
    source.write_text("nom,statut,montant\nA,publié,10\nB,brouillon,20\nC,publié,30\n", encoding="utf-8")
    fix(source, tmp_path / "o.csv", plugins=manager)
    assert rows_of(tmp_path / "o.csv") == [["nom", "montant"], ["A", "10"], ["C", "30"]]
    assert rows_of(tmp_path / "o.lignes-retirees.csv")[1] == ["3", "Brouillons retirés", "B", "brouillon", "20"]
    assert [line[3:] for line in rows_of(tmp_path / "o.colonnes-retirees.csv")[1:]] == [
        ["2", "publié"], ["3", "brouillon"], ["4", "publié"]]
    assert len(rows_of(tmp_path / "o.lignes-retirees.csv")) == 2  # the header row is whole: « statut » is kept above


def test_phantom_columns_are_named_as_the_user_sees_them(tmp_path: Path) -> None:
    """Excel's trailing ``;;;;`` columns have no header: never the reader's ``field4`` in the preview or side files."""
    source = tmp_path / "phantom.csv"
    source.write_bytes("Commune;Population;;\r\nCiney;16000;;\r\n;;;\r\nDinant;13500;;\r\n".encode("cp1252"))
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert rows_of(out) == [["Commune", "Population"], ["Ciney", "16000"], ["Dinant", "13500"]]
    summary = result.preview("fr")
    assert "    colonne n° 3 (sans titre) → (colonne supprimée)" in summary
    assert "    ligne 3 → (ligne supprimée)" in summary
    assert "field" not in summary
    english = result.preview("en")
    assert "    column 4 (untitled) → (column dropped)" in english and "Drop blank rows: 1" in english
    columns = rows_of(tmp_path / "propre.colonnes-retirees.csv")
    assert [line[:2] for line in columns[1:]] == [["3", ""], ["4", ""]]
    assert rows_of(tmp_path / "propre.lignes-retirees.csv")[0] == [
        "ligne_origine", "motif", "Commune", "Population", "colonne_3", "colonne_4"]


@pytest.mark.parametrize("above", ["", "Associations de Ciney\r\n\r\n"])
def test_cells_of_a_few_long_rows_are_said_as_cells_not_columns(tmp_path: Path, above: str) -> None:
    """Two rows longer than the header put three cells in the side file: the preview says three cells on two rows,
    not « two columns removed », which would read as lost data; an empty column removed besides is a column."""
    source = tmp_path / "associations.csv"
    source.write_text(above + "Nom;Rue;;Code postal\r\nLes Amis de Leignon;Rue du Centre 1;;5590\r\n"
                      "Patro de Ciney;Rue du Commerce 12;;5590;x;y\r\nChorale Sainte-Cécile;Place 3;;5590\r\n"
                      "Club de pétanque;Rue Haute 4;;5590;;z\r\n", encoding="utf-8")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert (result.beyond.cells, result.beyond.rows, sorted(result.beyond.columns)) == (3, 2, [5, 6])
    summary = result.preview("fr")
    assert "Colonnes retirées (1) gardées dans" in summary
    assert "Cellules au-delà de la dernière colonne de l'en-tête (3, sur 2 lignes) gardées dans" in summary
    assert "Cells beyond the header's last column (3, on 2 rows) kept in" in result.preview("en")
    assert result.to_dict()["cellsBeyond"] == {"cells": 3, "rows": 2, "fieldNumbers": [5, 6]}
    shift = above.count("\r\n")  # the rows keep their number in the original file
    kept = rows_of(tmp_path / "propre.colonnes-retirees.csv")[1:]
    assert sorted((int(line[3]), line[4]) for line in kept if line[4]) == [(3 + shift, "x"), (3 + shift, "y"),
                                                                           (5 + shift, "z")]
