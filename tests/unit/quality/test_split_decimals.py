"""A comma-separated export whose numbers keep their decimal comma without quotes: « 12,5 » is read as two cells and
the row is long. The ``extra-cell`` finding says so (save again with « ; »), and ``fix`` leaves these rows to correct
instead of writing halves of numbers as a clean file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from odwb_assist.quality import check, fix
from odwb_assist.quality.split_decimals import explained_by_splits

COMMUNES = ("Namur", "Jambes", "Erpent", "Bouge", "Somme-Leuze", "Andenne")


def _lines(path: Path, lines: list[str]) -> Path:
    """Raw lines: a CSV writer would quote the decimal commas, which is the very thing these exports do not do."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rentals(path: Path, rows: int = 600) -> Path:
    """Flats to let: surface and rent, with or without decimals (rows of three widths), then the rooms."""
    chance = random.Random(7)
    lines = ["commune,adresse,surface_m2,loyer_eur,chambres"]
    for number in range(rows):
        surface = chance.choice(("85", "102,5", "64,75", "120"))
        rent = chance.choice(("650", "712,50", "890", "1020,25"))
        lines.append(f"{chance.choice(COMMUNES)},Rue du Centre {number},{surface},{rent},{chance.randint(1, 4)}")
    return _lines(path, lines)


def test_rows_cut_by_decimal_commas_are_said_with_an_example_of_their_own_width(tmp_path: Path) -> None:
    report = check(_rentals(tmp_path / "loyers.csv"))
    long_rows = [f for f in report.findings if f.type == "extra-cell"]
    assert len(long_rows) == 2  # rows long by one cell, rows long by two
    for finding in long_rows:
        assert "virgule décimale" in finding.message.fr and "decimal comma" in finding.message.en
        assert "point-virgule" in finding.tip.fr
        shown = finding.extra["splitDecimals"]
        assert shown and all(example["rowNumber"] in finding.all_rows for example in shown)
        assert all(len(example["line"].split(",")) == max(finding.extra["fieldNumbers"]) for example in shown)


def test_fix_leaves_the_rows_cut_by_decimal_commas_to_correct(tmp_path: Path) -> None:
    result = fix(_rentals(tmp_path / "loyers.csv"), tmp_path / "propre.csv")
    assert [f.type for f in result.remaining] == ["extra-cell", "extra-cell"]
    assert "splitDecimals" in result.remaining[0].extra


def test_other_long_rows_are_not_taken_for_decimal_commas(tmp_path: Path) -> None:
    # every row long by one whole number: a column without a title, not decimals
    untitled = _lines(tmp_path / "sans-titre.csv",
                      ["commune,adresse,surface_m2"] + [f"Namur,Rue {n},{50 + n},{n % 4 + 1}" for n in range(50)])
    # a remark beyond the last column on a few rows
    remarks = _lines(tmp_path / "remarques.csv", ["commune,adresse,surface_m2"] + [
        f"Namur,Rue {n},{50 + n}" + (",à vérifier" if n % 10 == 5 else "") for n in range(50)])
    # a semicolon file: its commas are no delimiter
    semicolons = _lines(tmp_path / "points-virgules.csv", ["commune;surface_m2"] + [
        f"Namur;{50 + n}" + (";3;5" if n % 10 == 5 else "") for n in range(50)])
    for path in (untitled, remarks, semicolons):
        long_rows = [f for f in check(path).findings if f.type == "extra-cell"]
        assert long_rows, path.name
        assert all("splitDecimals" not in f.extra and "virgule décimale" not in f.message.fr for f in long_rows)
    result = fix(remarks, tmp_path / "propre.csv")
    assert not result.remaining  # the remarks go to the side file, as before


def test_pairs_of_cells_that_make_the_row_the_header_width() -> None:
    assert explained_by_splits(["Namur", "Rue 1", "12", "5", "3", "20"], 4)
    assert explained_by_splits(["Namur", "100", "7", "5"], 3)  # 100,7 | 5 or 100 | 7,5: a split either way
    assert explained_by_splits(["Namur", "-3", "25"], 2)
    assert not explained_by_splits(["1", "2", "3"], 1)  # two numbers from three cells would need four
    assert not explained_by_splits(["Namur", "Rue de Fer", "12"], 2)  # an address cut at its comma
    assert not explained_by_splits(["Namur", "12", " 5"], 2)  # « 12, 5 »: a list, not a decimal
    assert not explained_by_splits(["Namur", "12"], 2)
    assert not explained_by_splits(["1", "2", "3", "4", "5", "6"], 3)  # Frictionless's own long row: numbers only


def test_the_frictionless_reader_says_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rentals(tmp_path / "loyers.csv", rows=80)
    fast = [f for f in check(path).findings if f.type == "extra-cell"]
    monkeypatch.setenv("ODWB_ENGINE", "frictionless")
    slow = [f for f in check(path).findings if f.type == "extra-cell"]
    assert [f.extra["splitDecimals"] for f in slow] == [f.extra["splitDecimals"] for f in fast]
    assert [f.message for f in slow] == [f.message for f in fast]
