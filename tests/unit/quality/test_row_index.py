"""The index pandas writes in front of a table (``to_csv``/``to_excel`` without ``index=False``): a first column
without a title numbering the rows 0, 1, 2…. The check says what it is, `fix` removes it and keeps it aside; a
titled « N° » column, or numbers with a gap, are data and stay."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
COMMUNES = [("Namur", "113000"), ("Andenne", "27000"), ("Gesves", "7200"), ("Ohey", "5200"), ("Assesse", "7300")]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, delimiter=",", encoding="utf-8")


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def index_findings(source: Path) -> list:
    return [f for f in check(source, plugins=PM).findings if f.type == "row-index-column"]


@pytest.mark.parametrize("first", [0, 1])
def test_a_pandas_index_is_said_and_removed_aside(tmp_path: Path, first: int) -> None:
    rows = [["", "Commune", "Population"]] + [[str(first + i), *row] for i, row in enumerate(COMMUNES)]
    source = write(tmp_path / "communes.csv", rows)
    [found] = index_findings(source)
    assert (found.field_number, found.extra) == (1, {"first": first, "last": first + 4})
    assert "l'index qu'ajoute pandas" in found.message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("drop-row-index") == 1
    assert read(tmp_path / "propre.csv") == [["Commune", "Population"], *[list(row) for row in COMMUNES]]
    kept = read(tmp_path / "propre.colonnes-retirees.csv")
    assert [row[-1] for row in kept[1:]] == [str(first + i) for i in range(5)]  # nothing lost
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.severity.value == "error"]


def test_the_whole_table_path_removes_it_too(tmp_path: Path) -> None:
    """Periods written in one cell: fix reads the whole table (split-date-ranges adds a column)."""
    rows = [["", "Commune", "Période"]] + [[str(i), name, f"0{i + 1}/03/2025 - 1{i}/03/2025"]
                                          for i, (name, _) in enumerate(COMMUNES)]
    source = write(tmp_path / "agenda.csv", rows)
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("split-date-ranges") == 5 and result.counts.get("drop-row-index") == 1
    assert read(tmp_path / "propre.csv")[0] == ["Commune", "Période (début)", "Période (fin)"]
    kept = read(tmp_path / "propre.colonnes-retirees.csv")
    assert {row[1] for row in kept[1:]} == {"", "Période"} and len(kept) == 11


def test_a_pandas_index_in_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, "Commune", "Population"])
    for i, (name, people) in enumerate(COMMUNES):
        sheet.append([i, name, int(people)])
    book.save(tmp_path / "communes.xlsx")
    assert len(index_findings(tmp_path / "communes.xlsx")) == 1


@pytest.mark.parametrize("rows", [
    [["N°", "Commune", "Population"]] + [[str(i + 1), *row] for i, row in enumerate(COMMUNES)],  # a title: data
    [["", "Commune", "Population"]] + [[str(i), *row] for i, row in enumerate(COMMUNES) if i != 2],  # a gap
    [["", "Commune", "Population"]] + [[str(i + 2), *row] for i, row in enumerate(COMMUNES)],  # from 2
    [["", "Commune", "Population"], ["0", "Namur", "113000"], ["1", "Andenne", "27000"]],  # too few to tell
    [["Commune", "", "Population"]] + [[row[0], str(i), row[1]] for i, row in enumerate(COMMUNES)],  # not first
])
def test_numbers_that_are_data_stay(tmp_path: Path, rows: list[list[str]]) -> None:
    source = write(tmp_path / "communes.csv", rows)
    assert not index_findings(source)
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert len(read(tmp_path / "propre.csv")[0]) == 3
