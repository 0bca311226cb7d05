"""Count once, infer well: types from every row, one finding per problem, no cell reported twice.

The files are shaped after real exports: a building-permit register of a municipality (semicolon CSV
in Windows-1252, dd/mm/yyyy dates, decimal commas that appear only after row 2 800 when the
software changed), a 537-column statistics sheet with one short row, a table whose indicators
use placeholders (``-``, ``n.d.``, ``?``) for missing figures.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import QualityReport, check, fix
from odwb_assist.quality.aggregate import cells

PM = get_plugin_manager(load_entrypoints=False)
STREETS = ("Rue de Fer", "Avenue Reine Astrid", "Chaussée de Louvain", "Rue Saint-Nicolas", "Boulevard d'Herbatte")
WORKS = ("Construction d'une habitation unifamiliale", "Transformation d'une grange", "Abattage d'arbres",
         "Extension arrière", "Régularisation d'un car-port")


def permits(rows: int = 3300, comma_from: int = 2800, every: int = 1) -> str:
    """A building-permit register: surfaces are whole numbers until ``comma_from``, then often « 125,5 »."""
    rng = random.Random(7)
    lines = ["N° dossier;Date de dépôt;Commune;Code INS;Adresse;Nature des travaux;Surface plancher;Logements;Statut"]
    for index in range(rows):
        surface = str(rng.randint(20, 400))
        if index >= comma_from and index % every == 0 and rng.random() < 0.99:
            surface = f"{rng.randint(20, 400)},{rng.randint(1, 9)}"
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        lines.append(f"PU/{2015 + index // 400}/{index:05d};{day:02d}/{month:02d}/{2015 + index // 400};Namur;92094;"
                     f"{rng.choice(STREETS)} {rng.randint(1, 120)};{rng.choice(WORKS)};{surface};{rng.randint(0, 4)};"
                     f"{rng.choice(('Octroyé', 'Refusé', 'En cours'))}")
    return "\r\n".join(lines) + "\r\n"


def only(report: QualityReport, type_: str) -> list:
    return [f for f in report.findings if f.type == type_]


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "permis-urbanisme.csv"
    path.write_bytes(permits().encode("cp1252"))
    return path


@pytest.mark.parametrize("chunk_rows", [25_000, 300])  # the whole file in one chunk, or read as a big file is
def test_late_decimal_commas_are_reported_once_not_as_type_errors(register: Path, chunk_rows: int) -> None:
    report = check(register, plugins=PM, chunk_rows=chunk_rows)
    commas = only(report, "decimal-comma")
    assert len(commas) == 1 and commas[0].field_name == "Surface plancher"
    assert commas[0].count > 450 and min(commas[0].rows) > 2800  # the commas start after row 2 800
    assert only(report, "type-error") == []  # the same cells are not also type errors


@pytest.mark.parametrize("chunk_rows", [25_000, 300])
def test_the_fixed_register_has_no_type_error_and_a_number_column(register: Path, tmp_path: Path, chunk_rows: int) -> None:
    out = tmp_path / "propre.csv"
    fix(register, out, plugins=PM)
    again = check(out, plugins=PM, chunk_rows=chunk_rows)
    assert only(again, "type-error") == [] and only(again, "decimal-comma") == []
    assert again.types["Surface plancher"] == "number"  # from every row, not from the first hundred


def test_types_come_from_the_whole_file_not_the_head(tmp_path: Path) -> None:
    # 2 000 whole numbers, then 600 decimals written with a point: a number column, not an integer one.
    path = tmp_path / "mesures.csv"
    path.write_text("station,valeur\n" + "".join(f"S{i},{i % 97}\n" for i in range(2000))
                    + "".join(f"S{i},{i % 97}.5\n" for i in range(600)))
    report = check(path, plugins=PM)
    assert report.types["valeur"] == "number" and only(report, "type-error") == []


@pytest.mark.parametrize("chunk_rows", [25_000, 250])
def test_a_real_mistake_late_in_the_file_is_still_one_type_error_with_every_row(tmp_path: Path, chunk_rows: int) -> None:
    path = tmp_path / "comptages.csv"
    rows = [f"{i},{i * 3}" for i in range(3000)]
    for bad in (1500, 2200, 2999):
        rows[bad] = f"{bad},trois cents"
    path.write_text("id,passages\n" + "\n".join(rows) + "\n")
    report = check(path, plugins=PM, chunk_rows=chunk_rows)
    (finding,) = only(report, "type-error")
    assert finding.field_name == "passages" and finding.count == 3 and finding.rows == (1502, 2202, 3001)
    assert "3 valeurs ne sont pas un nombre entier" in finding.message("fr")
    data = json.loads(report.to_json())
    (listed,) = [e for e in data["errors"] if e["type"] == "type-error"]
    assert listed["count"] == 3 and listed["rows"] == [1502, 2202, 3001] and listed["cell"] == "trois cents"


def test_placeholders_are_missing_values_not_type_errors(tmp_path: Path) -> None:
    path = tmp_path / "indicateurs.csv"
    values = [str(v) for v in range(100, 400)]
    for index, text in zip(range(5, 300, 20), ("-", "n.d.", "N/A", "?", "néant", "/", " - ", "ND") * 2, strict=False):
        values[index] = text
    path.write_text("commune;taux\n" + "".join(f"C{i};{v}\n" for i, v in enumerate(values)))
    report = check(path, plugins=PM)
    assert report.types["taux"] == "integer"
    assert only(report, "type-error") == []


def test_one_short_row_of_a_537_column_sheet_is_one_finding(tmp_path: Path) -> None:
    header = ["commune"] + [f"indicateur_{i:03d}" for i in range(1, 537)]
    path = tmp_path / "indicateurs-larges.csv"
    good = ";".join(["Namur"] + [str(i) for i in range(1, 537)])
    path.write_text(";".join(header) + "\n" + good + "\n" + "Liège\n" + good.replace("Namur", "Dinant") + "\n")
    report = check(path, plugins=PM)
    (missing,) = only(report, "missing-cell")
    assert report.stats["missing-cell"] == 1 and report.occurrences["missing-cell"] == 536
    assert missing.count == 536 and missing.rows == (3,)
    assert "il manque 536 cellule(s) (colonnes n° 2 à 537)" in missing.message("fr")
    assert len(list(cells(missing))) == 536  # each cell still named, as Frictionless lists them


def test_rows_short_by_the_same_columns_are_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "adresses.csv"
    path.write_text("nom,rue,numero,cp\n" + "".join(f"N{i},Rue {i},{i},5000\n" for i in range(40))
                    + "".join(f"X{i},Rue {i}\n" for i in range(12)))
    report = check(path, plugins=PM)
    (missing,) = only(report, "missing-cell")
    assert missing.count == 24 and len(missing.rows) == 12 and missing.extra["fieldNames"] == ["numero", "cp"]
    assert missing.message("fr").startswith("12 lignes sont trop courtes")


def test_many_rows_of_another_width_are_gathered_compactly_in_row_order() -> None:
    """A header with a stray delimiter makes every row short: the aggregator keeps 8-byte row numbers and the
    cells of the first rows (the lowest, whatever the order they came in), not a list of cells per row."""
    from array import array

    import numpy as np

    from odwb_assist.quality.aggregate import EXAMPLES, Aggregator
    from odwb_assist.quality.messages import RawError, from_frictionless

    aggregator = Aggregator()
    rows = list(range(2, 20_002))
    random.Random(5).shuffle(rows)
    for row in rows:  # each row's cells one after the other, the rows in any order
        aggregator.add(from_frictionless(RawError("missing-cell", row, "field14", 14, "")))
    for row in (40_000, 5):  # long rows, by two cells
        for number, cell in ((4, f"x{row}"), (5, "")):
            aggregator.add(from_frictionless(RawError("extra-cell", row, "", number, cell)))
    (group,) = [g for (type_, _), g in aggregator.row_groups.items() if type_ == "missing-cell"]
    assert isinstance(group.rows, array) and len(group.rows) == 20_000
    short, long = sorted(aggregator.findings(), key=lambda f: f.type, reverse=True)
    assert short.type == "missing-cell" and np.array_equal(np.asarray(short.rows), np.arange(2, 20_002))
    assert short.count == 20_000 and short.row_number == 2
    assert long.rows == (5, 40_000) and long.count == 4 and long.cell == "x5"
    assert long.extra["examples"] == [{"rowNumber": 5, "cells": ["x5", ""]}, {"rowNumber": 40_000, "cells": ["x40000", ""]}]
    assert len(short.extra.get("examples", [])) <= EXAMPLES


def test_blank_rows_are_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "vides.csv"
    path.write_text("a,b\n1,2\n,\n3,4\n,\n,\n5,6\n")
    (blank,) = only(check(path, plugins=PM), "blank-row")
    assert blank.rows == (3, 5, 6) and blank.count == 3


def test_text_and_html_reports_show_the_first_rows_json_keeps_them_all(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from odwb_assist.quality.html_report import render_html
    from odwb_assist.quality.text_report import render_text

    path = tmp_path / "comptages.csv"
    rows = [f"{i},{i * 3}" for i in range(400)]
    for bad in range(150, 180):
        rows[bad] = f"{bad},x{bad}"
    path.write_text("id,passages\n" + "\n".join(rows) + "\n")
    report = check(path, plugins=PM)
    (finding,) = only(report, "type-error")
    assert finding.count == 30 and len(json.loads(report.to_json())["errors"][0]["rows"]) == 30
    buffer = StringIO()
    render_text(report, Console(file=buffer, width=200))
    text = buffer.getvalue()
    assert "152, 153, 154, 155, 156 et 25 autre(s)" in text and "181" not in text
    html = render_html(report)
    assert "30 valeurs" in html and "lignes 152, 153, 154, 155, 156 et 25 autre(s)" in html


def test_a_local_date_in_a_date_column_is_a_date_format_warning_only(tmp_path: Path) -> None:
    path = tmp_path / "interventions.csv"
    dates = [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(400)]
    for index in (150, 260, 399):
        dates[index] = "31/12/2024"
    path.write_text("id,date_intervention\n" + "".join(f"{i},{d}\n" for i, d in enumerate(dates)))
    report = check(path, plugins=PM)
    (local,) = only(report, "date-format")
    assert local.rows == (152, 262, 401) and report.types["date_intervention"] == "date"
    assert only(report, "type-error") == []


def test_a_failing_check_is_said_once_in_french_not_hidden(tmp_path: Path) -> None:
    from odwb_assist.core.contract import BaseTableCheck
    from odwb_assist.core.hookspecs import hookimpl

    class Fragile(BaseTableCheck):
        name = "horaires"

        def check_chunk(self, chunk, context):  # type: ignore[no-untyped-def]
            raise KeyError("ouverture")

    class Plugin:
        @hookimpl
        def odwb_checks(self, context):  # type: ignore[no-untyped-def]
            return [Fragile()]

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Plugin(), name="horaires")
    path = tmp_path / "salles.csv"
    path.write_text("salle,capacite\nA,10\nB,20\n")
    with pytest.warns(RuntimeWarning, match="horaires"):
        report = check(path, plugins=pm, chunk_rows=1)
    (failed,) = only(report, "check-failed")
    assert "La vérification « horaires » n'a pas pu aller au bout (erreur interne)" in failed.message("fr")
    assert "(KeyError)" in failed.message("en") and failed.extra["exception"] == "KeyError"  # for the plugin's author
    assert failed.severity.value == "error" and not report.valid  # a green tick must be trustworthy
