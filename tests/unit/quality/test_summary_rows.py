"""Summary rows under the data (« Moyenne », « Minimum », « Maximum », « Variation »): a row whose numbers are the
average, the minimum or the maximum of the rows above is an error that ``fix`` sets aside; any other summary-like row
under the data is a warning and is kept; a « Moyenne » among the rows is data."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.checks.summary_rows import statistic
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)
COMMUNES = [("Andenne", 27012, 27150, 27301), ("Assesse", 7210, 7254, 7302), ("Ciney", 16540, 16602, 16690),
            ("Dinant", 13501, 13480, 13522), ("Gesves", 7302, 7340, 7391)]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def population(path: Path, *below: str, rows: int = 5) -> Path:
    data = [f"{name};{a};{b};{c}" for name, a, b, c in COMMUNES[:rows]]
    return write(path, ["Commune;2022;2023;2024", *data, *below])


def said(path: Path, chunk_rows: int | None = None) -> list[tuple[str, str, int | None, str | None]]:
    report = check(path, plugins=PM, chunk_rows=chunk_rows)
    return [(f.type, f.severity.value, f.row_number, f.cell) for f in report.findings
            if f.type in ("summary-row", "possible-summary", "total-row", "possible-total")]


def test_an_average_row_under_a_total_is_an_error_and_fix_sets_both_aside(tmp_path: Path) -> None:
    source = population(tmp_path / "pop.csv", "Total;71565;71826;72206", "Moyenne;14313;14365,2;14441,2")
    assert said(source) == [("total-row", "error", 7, "Total"), ("summary-row", "error", 8, "Moyenne")]
    report = check(source, plugins=PM)
    message = next(f for f in report.findings if f.type == "summary-row").message
    assert "moyenne des lignes au-dessus" in message.fr and "average of the rows above" in message.en
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8").splitlines()[-1].startswith("Gesves")
    side = (tmp_path / "propre.lignes-retirees.csv").read_text(encoding="utf-8")
    assert "Moyenne" in side and "14441,2" in side and "Total" in side  # nothing lost


@pytest.mark.parametrize("chunk_rows", [None, 2, 6])
def test_a_total_under_the_averages_sums_the_rows_above_them(tmp_path: Path, chunk_rows: int | None) -> None:
    # the summary rows are no records: the total under them is certain, both go to the side file, no record with them
    source = population(tmp_path / "pop.csv", "Moyenne;14313;14365,2;14441,2", "Maximum;27012;27150;27301",
                        "Total;71565;71826;72206")
    assert said(source, chunk_rows) == [("summary-row", "error", 7, "Moyenne"), ("summary-row", "error", 8, "Maximum"),
                                        ("total-row", "error", 9, "Total")]
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]] == [
        name for name, *_ in COMMUNES]
    side = (tmp_path / "propre.lignes-retirees.csv").read_text(encoding="utf-8")
    assert all(label in side for label in ("Moyenne", "Maximum", "Total", "72206"))


def test_a_total_of_rows_with_statistic_labels_still_counts_them(tmp_path: Path) -> None:
    # « Minimum » and « Maximum » as a category of the data: the total adds them up, it is certain all the same
    source = write(tmp_path / "mesures.csv", ["Station;Mesure;Valeur", "Uccle;Minimum;2", "Uccle;Maximum;30",
                                              "Namur;Minimum;3", "Namur;Maximum;31", "Total;;66"])
    assert said(source) == [("total-row", "error", 6, "Total")]


@pytest.mark.parametrize(("label", "row"), [("Minimum", "Assesse"), ("MAX.", "Andenne")])
def test_a_minimum_or_maximum_row_is_an_error(tmp_path: Path, label: str, row: str) -> None:
    values = {"Assesse": "7210;7254;7302", "Andenne": "27012;27150;27301"}[row]
    source = population(tmp_path / "pop.csv", f"{label};{values}")
    assert said(source) == [("summary-row", "error", 7, label)]


def test_numbers_that_are_not_the_average_are_a_warning_and_the_row_is_kept(tmp_path: Path) -> None:
    source = population(tmp_path / "pop.csv", "Moyenne;14313;14365,2;9999")
    assert said(source) == [("possible-summary", "warning", 7, "Moyenne")]
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8").splitlines()[-1].startswith("Moyenne")


@pytest.mark.parametrize("label", ["Moyenne wallonne", "Médiane", "Variation 2023-2024", "Écart-type"])
def test_a_summary_that_is_not_recomputed_is_a_warning(tmp_path: Path, label: str) -> None:
    source = population(tmp_path / "pop.csv", f"{label};14313;14365,2;14441,2")
    assert said(source) == [("possible-summary", "warning", 7, label)]


def test_an_average_among_the_rows_is_a_category_of_the_data(tmp_path: Path) -> None:
    source = write(tmp_path / "temperatures.csv", ["Station;Mesure;Valeur", "Uccle;Moyenne;11,2", "Uccle;Maximum;34,1",
                                                   "Uccle;Minimum;-8,3", "Namur;Moyenne;10,8", "Namur;Maximum;33,5",
                                                   "Namur;Minimum;-9,6"])
    assert said(source) == []
    labels_first = write(tmp_path / "indicateurs.csv", ["Indicateur;Valeur", "Moyenne;12", "Médiane;11", "Maximum;35",
                                                        "Minimum;2"])
    assert said(labels_first) == []  # no data row above them: a table of statistics


def test_a_summary_under_too_few_rows_or_with_a_filled_cell_to_its_left_is_not_said(tmp_path: Path) -> None:
    assert said(population(tmp_path / "deux.csv", "Moyenne;19856;19952;20101,5", rows=2)) == []
    with_code = write(tmp_path / "codes.csv", ["INS;Commune;Population", "91005;Andenne;27301", "91013;Assesse;7302",
                                               "91030;Ciney;16690", "91999;Moyenne;17097,7"])
    assert said(with_code) == []  # a code to its left: a record named « Moyenne »


def test_the_label_may_stand_after_an_empty_code_column_and_a_note_may_follow(tmp_path: Path) -> None:
    source = write(tmp_path / "codes.csv", ["INS;Commune;Population", "91005;Andenne;27301", "91013;Assesse;7302",
                                            "91030;Ciney;16690", ";Moyenne;17097,7", "Source : Statbel, 2024"])
    assert said(source) == [("summary-row", "error", 5, "Moyenne")]


@pytest.mark.parametrize("chunk_rows", [None, 2, 3, 5])
def test_the_verdicts_do_not_depend_on_the_chunks(tmp_path: Path, chunk_rows: int | None) -> None:
    source = population(tmp_path / "pop.csv", "Total;71565;71826;72206", "Moyenne;14313;14365,2;14441,2",
                        "Maximum;27012;27150;27301", "Variation;;;0,5 %")
    assert said(source, chunk_rows) == [("total-row", "error", 7, "Total"), ("summary-row", "error", 8, "Moyenne"),
                                        ("summary-row", "error", 9, "Maximum"),
                                        ("possible-summary", "warning", 10, "Variation")]


def test_statistic_words() -> None:
    assert [statistic(label) for label in ("Moyenne", "MOYENNE :", "Moy.", "Gemiddelde", "Max", "Valeur minimale",
                                           "Moyenne wallonne", "Variation annuelle", "Commune", "Somme-Leuze",
                                           "Maximilien", "Taux de variation", "Variation des stocks",
                                           "Évolution 2019-2024 (%)", "Variation en %")] == \
        ["mean", "mean", "mean", "mean", "maximum", "minimum", "other", "other", None, None, None, "other", None,
         "other", "other"]


def test_an_accounting_line_of_changes_under_the_data_is_not_said(tmp_path: Path) -> None:
    source = write(tmp_path / "compte.csv", ["Libellé;Montant", "Achats;1200", "Services;800", "Ventes;5000",
                                             "Variation des stocks;-150"])
    assert said(source) == []


@pytest.mark.parametrize("chunk_rows", [None, 1000, 2400])
def test_a_long_table_read_from_distinct_values_or_in_short_chunks_gives_the_same_verdicts(
        tmp_path: Path, chunk_rows: int | None) -> None:
    amounts = [round(100 + (i * 37) % 900 + (i % 7) / 4, 2) for i in range(2500)]
    lines = ["Dossier;Commune;Montant"] + [f"D{i};C{i % 40};{str(a).replace('.', ',')}" for i, a in enumerate(amounts)]
    mean = sum(amounts) / len(amounts)
    lines += [f";Moyenne;{mean:.2f}".replace(".", ","), f";Maximum;{max(amounts)}".replace(".", ","),
              f";Minimum;{min(amounts) + 1}".replace(".", ",")]
    source = write(tmp_path / "subsides.csv", lines)
    assert said(source, chunk_rows) == [("summary-row", "error", 2502, "Moyenne"),
                                        ("summary-row", "error", 2503, "Maximum"),
                                        ("possible-summary", "warning", 2504, "Minimum")]
