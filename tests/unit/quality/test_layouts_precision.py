"""Precision of the layout checks: plain tables shaped like real exports raise none of them, odd layouts raise theirs.

The legitimate tables are the traps: sparse directories (a name alone on a row), optional remarks,
tables by year or by age, pivot exports with subtotals, survey counts, two-column lists.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

LAYOUT = {"no-header", "single-column-table", "repeated-header", "section-row", "notes-below-table",
          "merged-label-cells", "form-layout"}
COMMUNES = ["Andenne", "Assesse", "Namur", "Ciney", "Gesves", "Dinant", "Rochefort", "Havelange", "Somme-Leuze",
            "Eghezée", "Fernelmont", "Jemeppe-sur-Sambre", "La Bruyère", "Profondeville", "Yvoir", "Hamois"]


def _directory(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["association", "contact", "telephone", "email", "site"]]
    for i in range(60):
        name = f"{rng.choice(['Club', 'Chorale', 'Amicale', 'Comité'])} {rng.choice(COMMUNES)} {i}"
        if rng.random() < 0.12:
            rows.append([name, "", "", "", ""])
        else:
            rows.append([name, rng.choice(["Anne Dupont", ""]), "081 22 33 44", f"info{i}@club.be",
                         rng.choice(["", "www.club.be"])])
    return rows


def _remarks(rng: random.Random) -> list[list[object]]:
    return [["commune", "population", "superficie", "remarque"]] + [
        [c, rng.randint(5000, 120000), round(rng.uniform(10, 180), 1), "fusion 1977" if rng.random() < 0.2 else ""]
        for c in COMMUNES]


def _by_year(rng: random.Random) -> list[list[object]]:
    return [["commune", "2019", "2020", "2021", "2022"]] + [[c] + [rng.randint(1000, 9000) for _ in range(4)]
                                                             for c in COMMUNES]


def _by_age(rng: random.Random) -> list[list[object]]:
    return [["commune"] + [str(a) for a in range(0, 20)]] + [[c] + [rng.randint(10, 300) for _ in range(20)]
                                                             for c in COMMUNES]


def _pivot(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["province", "arrondissement", "commune", "population"]]
    for province, arrondissement in (("Namur", "Dinant"), ("Namur", "Namur"), ("Liège", "Huy")):
        for commune in rng.sample(COMMUNES, 4):
            rows.append([province, arrondissement, commune, rng.randint(3000, 50000)])
        rows.append([province, arrondissement, "Total", rng.randint(50000, 90000)])
    return rows


def _survey(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["question", "reponse", "nombre", "part"]]
    for q in ("Satisfaction du service", "Propreté des rues", "Horaires du guichet"):
        for answer in ("Très satisfait", "Satisfait", "Pas satisfait", "Sans avis"):
            rows.append([q, answer, rng.randint(5, 200), f"{rng.uniform(1, 60):.1f}%"])
        rows.append([q, "Total ayant donné un avis", rng.randint(300, 500), "100%"])
    return rows


def _list(rng: random.Random) -> list[list[object]]:
    return [["commune", "code_postal"]] + [[c, str(rng.randint(5000, 5999))] for c in COMMUNES]


def _events(rng: random.Random) -> list[list[object]]:
    return [["date", "evenement", "lieu", "places"]] + [
        [f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", f"Concert {i}", rng.choice(COMMUNES), rng.randint(50, 500)]
        for i in range(25)]


def _gaps(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["nom", "prenom", "fonction", "service"]]
    for i in range(30):
        rows.append([f"Nom{i}", f"Prénom{i}", rng.choice(["Agent", "Employé", ""]), rng.choice(["Travaux", "Population", ""])])
    return rows


def _budget(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["article", "libelle", "montant_2023", "montant_2024"]]
    for i in range(40):
        rows.append([f"{rng.randint(100, 999)}/{rng.randint(100, 999)}-01", f"Dépense {i}", rng.randint(100, 90000),
                     rng.randint(100, 90000)])
    return rows


LEGIT = {"directory": _directory, "remarks": _remarks, "by-year": _by_year, "by-age": _by_age, "pivot": _pivot,
         "survey": _survey, "two-column-list": _list, "events": _events, "gaps": _gaps, "budget": _budget}


def _write(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([None if v == "" else v for v in row])
    path = tmp_path / f"{name}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", sorted(LEGIT))
def test_plain_tables_raise_no_layout_finding(tmp_path: Path, name: str, seed: int) -> None:
    rows = LEGIT[name](random.Random(seed))
    report = check(_write(tmp_path, name, rows), plugins=get_plugin_manager(load_entrypoints=False))
    assert not LAYOUT & set(report.stats), [(f.type, f.row_number, f.cell) for f in report.findings if f.type in LAYOUT]


def _sectioned(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["commune", "naissances", "deces"]]
    for province in ("Province de Namur", "Province de Liège", "Province du Luxembourg"):
        rows.append([province, "", ""])
        rows += [[c, rng.randint(10, 900), rng.randint(10, 900)] for c in rng.sample(COMMUNES, 5)]
    return rows


def _headerless(rng: random.Random) -> list[list[object]]:
    return [[c, str(rng.randint(5000, 5999)), rng.randint(3000, 90000), f"{rng.uniform(1, 99):.1f}".replace(".", ",")]
            for c in COMMUNES]


def _paged(rng: random.Random) -> list[list[object]]:
    header = ["commune", "population", "menages"]
    rows: list[list[object]] = [header]
    for page in range(3):
        rows += [[c, rng.randint(3000, 90000), rng.randint(1000, 30000)] for c in rng.sample(COMMUNES, 5)]
        if page < 2:
            rows.append(header)
    return rows


def _noted(rng: random.Random) -> list[list[object]]:
    rows = _remarks(rng)
    return rows + [["", "", "", ""], ["(1) Population au 1er janvier, registre national.", "", "", ""]]


def _merged(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["arrondissement", "commune", "population"]]
    for arrondissement in ("Dinant", "Namur", "Philippeville"):
        for k, commune in enumerate(rng.sample(COMMUNES, 4)):
            rows.append([arrondissement if k == 0 else "", commune, rng.randint(3000, 90000)])
    return rows


def _form(rng: random.Random) -> list[list[object]]:
    return [["Commune :", "Andenne"], ["Bourgmestre :", "Claude Eerdekens"], ["Population :", 27000],
            ["Courriel :", "info@andenne.be"], ["Site :", "www.andenne.be"]]


def _one_column(rng: random.Random) -> list[list[object]]:
    return [["commune\tpopulation\tmenages"]] + [[f"{c}\t{rng.randint(3000, 90000)}\t{rng.randint(900, 9000)}"]
                                                 for c in COMMUNES]


ODD = {"section-row": _sectioned, "no-header": _headerless, "repeated-header": _paged, "notes-below-table": _noted,
       "merged-label-cells": _merged, "form-layout": _form, "single-column-table": _one_column}


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("expected", sorted(ODD))
def test_odd_layouts_raise_their_finding_only(tmp_path: Path, expected: str, seed: int) -> None:
    rows = ODD[expected](random.Random(seed))
    report = check(_write(tmp_path, expected, rows), plugins=get_plugin_manager(load_entrypoints=False))
    assert LAYOUT & set(report.stats) == {expected}
