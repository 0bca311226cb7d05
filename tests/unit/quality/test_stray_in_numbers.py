"""``stray-in-numbers``: « 12/2024 » among amounts written « 1.234,56 ». ``check`` gave a green tick, ``fix`` wrote
the amounts with a decimal point and left the cell without a word, and only the clean file got its type error."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)


def amounts(count: int) -> list[str]:
    return [f"{1000 + 3719.37 * i:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") for i in range(count)]


def write(path: Path, column: list[str], title: str = "Compte 2023") -> Path:
    lines = [f"Article;{title}"] + [f"{100 + i}/123-{i % 90 + 10};{cell}" for i, cell in enumerate(column)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def strays(source: Path) -> list[tuple[str, int | None, int, str]]:
    return [(f.severity.value, f.row_number, f.count, f.cell or "") for f in check(source, plugins=PM).findings
            if f.type == "stray-in-numbers"]


def test_a_stray_cell_among_local_numbers_is_an_error_as_the_clean_files_type_error(tmp_path: Path) -> None:
    column = amounts(30)
    column[17] = "12/2024"
    source = write(tmp_path / "budget.csv", column)
    assert strays(source) == [("error", 19, 1, "12/2024")]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [(f.type, f.row_number) for f in result.remaining] == [("stray-in-numbers", 19)]
    clean = check(tmp_path / "propre.csv", plugins=PM)
    assert [(f.type, f.row_number) for f in clean.findings] == [("type-error", 19)]


def test_more_than_a_tenth_of_strays_is_a_warning(tmp_path: Path) -> None:
    column = amounts(30)
    for at in (3, 8, 13, 21):
        column[at] = "à définir"
    assert strays(write(tmp_path / "budget.csv", column)) == [("warning", 5, 4, "à définir")]


def test_cells_other_checks_explain_are_no_strays(tmp_path: Path) -> None:
    column = amounts(30)
    for at, cell in ((2, "n.d."), (5, "-"), (7, "<5"), (9, "(1.234,00)"), (11, "#DIV/0!"), (13, "Compte 2023"),
                     (15, "12,5 (p)"), (19, "1.500,00 €"), (29, "TOTAL")):
        column[at] = cell
    assert strays(write(tmp_path / "budget.csv", column)) == []


def test_plain_numbers_and_text_columns_are_left_to_the_type_tally(tmp_path: Path) -> None:
    column = [f"{1000 + 37 * i}.{i % 100:02d}" for i in range(30)]
    column[17] = "12/2024"
    source = write(tmp_path / "plain.csv", column)
    report = check(source, plugins=PM)
    assert [(f.type, f.row_number) for f in report.findings] == [("type-error", 19)]
    words = [f"Libellé {i}" for i in range(30)]
    words[4] = "1.234,56"
    assert strays(write(tmp_path / "words.csv", words, title="Libellé")) == []


# A list of public contracts: the duration of each, written with its unit (months, years) or « ponctuel ». The
# number parse reads « 36 mois » as 36, but no fix writes these numbers with a decimal point: the message's promise
# (« fix écrit les nombres avec un point décimal ») would be false, and « ponctuel » is no stray among numbers.
def test_numbers_with_words_are_not_numbers_written_the_belgian_way(tmp_path: Path) -> None:
    durations = ["36 mois", "12 mois", "1 an", "12 mois", "ponctuel", "36 mois", "1 an", "24 mois", "12 mois",
                 "1 an"] * 3
    source = write(tmp_path / "marches.csv", durations, title="Durée")
    assert strays(source) == []
    found = [f for f in check(source, plugins=PM).findings if f.type == "unit-in-cell"]
    assert [(f.field_name, f.count) for f in found] == [("Durée", 27)]  # « mois » is a unit, as « an » is
    # the same column with amounts in euros and a stray cell is still said (a currency is no word)
    column = [f"{cell} €" for cell in amounts(30)]
    column[17] = "à définir"
    assert strays(write(tmp_path / "euros.csv", column)) == [("error", 19, 1, "à définir")]
