"""Numbers flagged with a note's mark, as statistical tables have them (« 16 620 (p) », « 5 900* »): said, and the
marks moved by the fix into a column of their own (they are data: a figure is provisional), the numbers left."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.checks.number_notes import split_mark
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

POPULATION = [["Commune", "Population 2023", "Population 2024", "Remarque"],
              ["Ciney", "16 500", "16 620 (p)", "Chef-lieu (1)"],
              ["Dinant", "13 600", "13 650 (p)", ""],
              ["Hastière", "5 900*", "5 910 (p)", "Voir (a)"],
              ["Houyet", "4 700", "4 705 (p)", ""],
              ["Onhaye", "3 600", "3 610 (e)", ""]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize(("text", "parts"), [("16 620 (p)", ("16 620", "p")), ("5 900*", ("5 900", "*")),
                                              ("12,5 (1)", ("12,5", "1")), ("-3 (e)", ("-3", "e")),
                                              ("1.250** ", ("1.250", "**")), ("7(r)", ("7", "r"))])
def test_marked_numbers(text: str, parts: tuple[str, str]) -> None:
    assert split_mark(text) == parts


@pytest.mark.parametrize("text", ["Chef-lieu (1)", "(p)", "16 620", "Article 5 (2)", "12 (voir note)", "5 ***** ",
                                  "A4 (p)", "2024 (T1) (p)"])
def test_not_marked_numbers(text: str) -> None:
    assert split_mark(text) is None


def write(path: Path) -> Path:
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(POPULATION)
    return path


def test_columns_of_marked_numbers_are_said_text_columns_are_not(tmp_path: Path) -> None:
    report = check(write(tmp_path / "population.csv"), plugins=pm())
    found = {f.field_name: f for f in report.findings if f.type == "number-notes"}
    assert set(found) == {"Population 2023", "Population 2024"}
    assert found["Population 2024"].count == 5 and found["Population 2023"].count == 1
    assert {f.severity.value for f in found.values()} == {"warning"}
    assert "« 16 620 (p) »" in found["Population 2024"].message("fr")


def test_fix_moves_the_marks_into_a_note_column_and_the_numbers_are_numbers(tmp_path: Path) -> None:
    result = fix(write(tmp_path / "population.csv"), tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Commune", "Population 2023", "Population 2023 (note)", "Population 2024",
                       "Population 2024 (note)", "Remarque"]
    assert rows[3] == ["Hastière", "5900", "*", "5910", "p", "Voir (a)"]
    assert rows[5][3:5] == ["3610", "e"]
    assert "colonne ajoutée : « Population 2024 (note) »" in result.preview("fr")
    assert not result.removed_columns  # nothing lost: the marks are in the clean file
    assert not [f for f in check(tmp_path / "propre.csv", plugins=pm()).findings if f.type == "number-notes"]


@pytest.mark.parametrize(("text", "parts"), [("<5", ("", "<5")), (" < 3 ", ("", "< 3")), ("≤10", ("", "≤10")),
                                              ("<0,5", ("", "<0,5")), ("<LQ", ("", "<LQ")), ("< l.d.", ("", "< l.d.")),
                                              ("<LOQ", ("", "<LOQ"))])
def test_masked_numbers(text: str, parts: tuple[str, str]) -> None:
    assert split_mark(text) == parts


def test_small_numbers_masked_by_statistical_secrecy_go_to_a_note_column(tmp_path: Path) -> None:
    """Counts of deaths per commune and year, those under 5 written « <5 »: the column was text on the portal and the
    check said nothing (whole numbers: no read-as-text). Now it is said, and the fix leaves the cell empty with « <5 »
    beside it, in « Décès (note) »."""
    rows = [["Commune", "Année", "Naissances", "Décès"]]
    for year in range(2020, 2025):
        for number, commune in enumerate(["Namur", "Andenne", "Gesves", "Ohey", "Assesse", "Dinant"]):
            rows.append([commune, str(year), str(100 + number * 7 + year % 10), "<5" if (number + year) % 3 == 0 else
                         str(20 + number + year % 7)])
    source = tmp_path / "deces.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    report = check(source, plugins=pm())
    [masked] = [f for f in report.findings if f.type == "masked-values"]
    assert (masked.field_name, masked.count, masked.cell) == ("Décès", 10, "<5")
    assert "secret statistique" in masked.message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["Commune", "Année", "Naissances", "Décès", "Décès (note)"]
    assert [row[3:] for row in written[1:]] == [["", "<5"] if row[3] == "<5" else [row[3], ""] for row in rows[1:]]
    assert result.counts["split-number-notes"] == 11  # ten cells and the column added
    first = next(number for number, row in enumerate(rows[1:], start=2) if row[3] == "<5")
    assert f"    ligne {first}, Décès : « <5 » → (vide)" in result.preview("fr")
    clean = check(tmp_path / "propre.csv", plugins=pm())
    assert clean.types["Décès"] == "integer"
    assert not clean.findings  # the note column of thresholds alone is no column of masked numbers


def test_a_laboratorys_named_limits_and_not_detected(tmp_path: Path) -> None:
    """Drinking water: « <LQ » (under the limit of quantification), « < 0,05 », « <1 » and « n.d. » among the
    results. « <LQ » counted as text: the column was no column of numbers and nothing was said; ``fix`` left it all.
    Now the thresholds, named or not, are masked values, « n.d. » is kept with them, and the results become
    numbers."""
    cells = ["26,0", "<LQ", "7,2", "< 0,05", "n.d.", "<1", "12,8", "< LD", "9,5", "0,8"]
    source = tmp_path / "eau.csv"
    source.write_text("Point de prélèvement;Paramètre;Résultat\n" + "".join(
        f"Captage {i % 4};Plomb;{cells[i % len(cells)]}\n" for i in range(60)), encoding="utf-8")
    report = check(source, plugins=pm())
    [masked] = [f for f in report.findings if f.type == "masked-values"]
    assert (masked.field_name, masked.count, masked.extra["notDetected"]) == ("Résultat", 24, 6)
    assert not [f for f in report.findings if f.type == "placeholder-value"]
    fix(source, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert [row[2:] for row in written[1:11]] == [
        ["26.0", ""], ["", "<LQ"], ["7.2", ""], ["", "< 0,05"], ["", "n.d."], ["", "<1"], ["12.8", ""], ["", "< LD"],
        ["9.5", ""], ["0.8", ""]]
    assert check(tmp_path / "propre.csv", plugins=pm()).types["Résultat"] == "number"


def test_age_classes_are_not_masked_numbers(tmp_path: Path) -> None:
    source = tmp_path / "ages.csv"
    source.write_text("Classe d'âge;Habitants\n<18;1200\n18-64;5400\n>=65;1800\n", encoding="utf-8")
    assert not [f for f in check(source, plugins=pm()).findings if f.type == "masked-values"]


@pytest.mark.parametrize("odd", ["<5", "1000 (p)"])
def test_a_few_marked_or_masked_numbers_are_not_also_type_errors(tmp_path: Path, odd: str) -> None:
    """Few enough for the column to stay typed integer: their own warning says them, not a type-error (an error,
    blocking) on top of it."""
    source = tmp_path / "deces.csv"
    source.write_text("Commune;Année;Décès\n" + "".join(f"C{i % 20};{2000 + i // 20};{odd if i % 25 == 0 else 10 + i}\n"
                                                         for i in range(200)), encoding="utf-8")
    report = check(source, plugins=pm())
    assert report.types["Décès"] == "integer"
    assert [f.type for f in report.findings] == ["masked-values" if odd == "<5" else "number-notes"]


def test_a_measure_under_its_detection_limit_is_named_so(tmp_path: Path) -> None:
    """Air quality: benzene under the detection limit is written « <0,5 ». The finding named only statistical
    secrecy, which such a measure is not; it now names the threshold and both reasons."""
    source = tmp_path / "air.csv"
    source.write_text("Station;Date;Benzène (µg/m³)\n" + "".join(
        f"Namur;2025-03-{day:02d};{'<0,5' if day % 3 == 0 else f'0,{day % 9 + 1}'}\n" for day in range(1, 29)),
        encoding="utf-8")
    [masked] = [f for f in check(source, plugins=pm()).findings if f.type == "masked-values"]
    assert (masked.count, masked.cell) == (9, "<0,5")
    assert "limite de détection" in masked.message("fr") and "detection limit" in masked.message("en")


@pytest.mark.parametrize("rows", [40, 500, 3000])  # every cell at once; a short chunk column by column; distinct values
def test_a_placeholder_among_measures_under_a_detection_limit_is_said_and_fixed_in_one_pass(tmp_path: Path,
                                                                                           rows: int) -> None:
    """Water analyses: « < 0,5 » under the detection limit, « n.d. » (not detected, or not determined). The
    thresholds counted as text, so the column was not one of numbers and « n.d. » went unsaid; ``fix`` moved the
    thresholds out, and only then did the clean file show « n.d. », for a second pass. Thresholds are numbers of the
    column now: both are said in one pass, and one ``fix`` leaves a clean file. « n.d. » beside thresholds is kept
    with them in the note column (it was emptied as a placeholder: « not detected » became a blank, a measure lost)."""
    cells = ["12,3", "< 0,5", "8,7", "n.d.", "25", "<0,5", "9,1", "14"]
    source = tmp_path / "eau.csv"
    source.write_text("Échantillon;Point;Nitrates (mg/l)\n" + "".join(
        f"E-{i};Réservoir {i % 3};{cells[i % len(cells)]}\n" for i in range(rows)), encoding="utf-8")
    found = {f.type: f for f in check(source, plugins=pm()).findings}
    assert set(found) == {"decimal-comma", "masked-values"}
    assert found["masked-values"].extra["notDetected"] == len(range(3, rows, len(cells)))
    fix(source, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["Échantillon", "Point", "Nitrates (mg/l)", "Nitrates (mg/l) (note)"]
    assert written[4][2:] == ["", "n.d."] and written[1][2:] == ["12.3", ""]
    assert check(tmp_path / "propre.csv", plugins=pm()).findings == []
