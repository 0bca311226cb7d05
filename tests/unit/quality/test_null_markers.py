"""A database's « NULL » left in the cells (an export from a business application): said in any column, the cells
emptied by the fix; « Null » as a name or « NULL » in a sentence is text."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)
PARKS = ["id;nom;surface;date_creation;actif;responsable",
         "1;Parc Reine Astrid;12500;2019-04-01;VRAI;NULL",
         "2;Square du Souvenir;850;NULL;FAUX;NULL",
         "3;Bois de la Vecquée;NULL;2015-09-12;VRAI;NULL",
         "4;Jardin partagé;1200;2021-05-20;VRAI;NULL",
         "5;Plaine de jeux;2300;2018-06-30;(null);NULL"]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_null_markers_are_said_once_per_column_whatever_it_holds(tmp_path: Path, chunk_rows: int | None) -> None:
    report = check(write(tmp_path / "parcs.csv", PARKS), plugins=PM, chunk_rows=chunk_rows)
    found = {f.field_name: (f.count, f.row_number, f.cell) for f in report.findings if f.type == "null-markers"}
    assert found == {"surface": (1, 4, "NULL"), "date_creation": (1, 3, "NULL"), "actif": (1, 6, "(null)"),
                     "responsable": (5, 2, "NULL")}
    assert not [f for f in report.findings if f.type == "placeholder-value"]  # not said twice
    message = next(f for f in report.findings if f.field_name == "responsable").message
    assert "5 cellule(s) « NULL », la marque d'une valeur absente" in message.fr and "5 cell(s) 'NULL'" in message.en


def test_the_fix_empties_them_and_the_column_of_null_alone_is_then_empty(tmp_path: Path) -> None:
    out = tmp_path / "propre.csv"
    fix(write(tmp_path / "parcs.csv", PARKS), out, plugins=PM)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "1,Parc Reine Astrid,12500,2019-04-01,VRAI,"
    assert lines[3] == "3,Bois de la Vecquée,,2015-09-12,VRAI,"
    assert "NULL" not in out.read_text(encoding="utf-8") and "(null)" not in out.read_text(encoding="utf-8")
    again = check(out, plugins=PM)
    assert [f.type for f in again.findings if f.field_name == "responsable"] == ["empty-column"]
    assert again.types["surface"] == "integer"


def test_a_name_or_a_sentence_holding_null_is_text(tmp_path: Path) -> None:
    source = write(tmp_path / "personnes.csv", ["Nom;Remarque", "Null;Valeur NULL dans la base", "Dupont;-",
                                                "Martin;ok"])
    assert [f for f in check(source, plugins=PM).findings if f.type == "null-markers"] == []


def test_a_long_export_is_read_through_its_distinct_values(tmp_path: Path) -> None:
    lines = ["Dossier;Demandeur;Statut"] + [f"PU-{i};{'NULL' if i % 10 == 0 else f'Société {i % 37}'};"
                                           f"{' null ' if i % 25 == 0 else 'Accordé'}" for i in range(300)]
    report = check(write(tmp_path / "permis.csv", lines), plugins=PM)
    found = {f.field_name: (f.count, f.row_number) for f in report.findings if f.type == "null-markers"}
    assert found == {"Demandeur": (30, 2), "Statut": (12, 2)}


SCRIPTED = ["id;nom;montant;date_releve;remarque;etat",
            "1;Namur;12.5;2024-01-02;nan;None",
            "2;Liège;nan;NaT;ok;Nan",
            "3;Mons;13.0;2024-01-04;None;none",
            "4;Ciney;NaN;2024-01-05;nan;<NA>",
            "5;Dinant;14.0;NaT;NULL;actif",
            "6;Huy;15.0;2024-01-06;Nan est une marque;actif"]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_what_a_script_writes_for_a_missing_value_is_said_in_its_own_words(tmp_path: Path,
                                                                          chunk_rows: int | None) -> None:
    """str(nan), str(None), str(NaT), pandas' <NA>: said in any column, apart from a database's « NULL »; « Nan »,
    « none » (another case) and a sentence are text."""
    report = check(write(tmp_path / "releves.csv", SCRIPTED), plugins=PM, chunk_rows=chunk_rows)
    found = sorted((f.field_name, f.count, f.row_number, f.cell, "Python" in f.message.fr)
                   for f in report.findings if f.type == "null-markers")
    assert found == [("date_releve", 2, 3, "NaT", True), ("etat", 2, 2, "None", True),
                     ("montant", 2, 3, "nan", True), ("remarque", 1, 6, "NULL", False),
                     ("remarque", 3, 2, "nan", True)]
    assert not [f for f in report.findings if f.type == "placeholder-value"]  # not said twice
    assert report.types["montant"] == "number"
    # every mark of a column named, the most frequent first
    program = next(f for f in report.findings if f.field_name == "remarque" and "Python" in f.message.fr)
    assert "3 cellule(s) « nan » ou « None », ce qu'écrit un programme" in program.message.fr
    assert "3 cell(s) 'nan' or 'None', what a program" in program.message.en


def test_the_fix_empties_a_scripts_marks_and_keeps_the_words(tmp_path: Path) -> None:
    out = tmp_path / "propre.csv"
    fix(write(tmp_path / "releves.csv", SCRIPTED), out, plugins=PM)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1:5] == ["1,Namur,12.5,2024-01-02,,", "2,Liège,,,ok,Nan", "3,Mons,13.0,2024-01-04,,none",
                          "4,Ciney,,2024-01-05,,"]
    assert lines[6] == "6,Huy,15.0,2024-01-06,Nan est une marque,actif"
