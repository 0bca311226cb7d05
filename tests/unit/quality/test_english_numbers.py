"""Numbers written the English way (« 1,234.56 »): the check says so, and in such a file « 1,200 » is one thousand two
hundred — before, the decimal-comma fix wrote it 1.2 and left « 1,234.56 » as text. A file with one decimal comma
for certain stays Belgian: « 1,250 » is 1.25 there, as before."""

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
ENGLISH = [["Item", "Amount", "Quantity"], ["Salt", "1,234.56", "1,200"], ["Sand", "987.10", "15"],
           ["Gravel", "12,000.00", "3,400"], ["Tar", "45.00", "7"], ["Signs", "2,500.75", "1,000"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, delimiter=",", encoding="utf-8")


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_an_english_file_is_said_so_and_its_commas_taken_out(tmp_path: Path) -> None:
    source = write(tmp_path / "orders.csv", ENGLISH)
    report = check(source, plugins=PM)
    assert [(f.type, f.field_name, f.count, list(f.rows)) for f in report.findings] == [
        ("english-numbers", "Amount", 3, [2, 4, 6]), ("english-numbers", "Quantity", 3, [2, 4, 6])]
    assert "« 1,200 » y est mille deux cents" in report.findings[1].tip("fr")
    result = fix(source, tmp_path / "clean.csv", plugins=PM)
    assert result.counts == {"english-numbers": 6}
    assert [row[1:] for row in read(tmp_path / "clean.csv")[1:]] == [
        ["1234.56", "1200"], ["987.10", "15"], ["12000.00", "3400"], ["45.00", "7"], ["2500.75", "1000"]]
    assert not check(tmp_path / "clean.csv", plugins=PM).findings


def test_the_decimal_comma_fix_alone_leaves_english_numbers(tmp_path: Path) -> None:
    source = write(tmp_path / "orders.csv", ENGLISH)
    fix(source, tmp_path / "clean.csv", plugins=PM, fixes=["decimal-comma"])
    assert [row[2] for row in read(tmp_path / "clean.csv")[1:]] == ["1,200", "15", "3,400", "7", "1,000"]


def test_the_whole_table_path_reads_them_the_same(tmp_path: Path) -> None:
    """A period in one cell: fix reads the whole table."""
    rows = [[*ENGLISH[0], "Delivery"]] + [[*row, f"0{i + 1}/03/2025 - 1{i}/03/2025"] for i, row in enumerate(ENGLISH[1:])]
    result = fix(write(tmp_path / "orders.csv", rows), tmp_path / "clean.csv", plugins=PM)
    assert result.counts.get("split-date-ranges") == 5 and result.counts.get("english-numbers") == 6
    assert [row[2] for row in read(tmp_path / "clean.csv")[1:]] == ["1200", "15", "3400", "7", "1000"]


@pytest.mark.parametrize("other", ["12,5", "0,125", "1.234,50"])
def test_one_decimal_comma_for_certain_keeps_the_file_belgian(tmp_path: Path, other: str) -> None:
    rows = [["Rue", "Longueur (km)", "Montant"], ["Rue A", "1,250", "12.000,00"], ["Rue B", "3,400", "1.500,00"],
            ["Rue C", other, "800,00"]]
    source = write(tmp_path / "voiries.csv", rows)
    types = {f.type for f in check(source, plugins=PM).findings}
    assert "english-numbers" not in types and "decimal-comma" in types
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[1] for row in read(tmp_path / "propre.csv")[1:3]] == ["1.250", "3.400"]


def test_ambiguous_commas_alone_are_decimal_commas_as_before(tmp_path: Path) -> None:
    """Nothing tells the English way: the Belgian way stays the default."""
    source = write(tmp_path / "voiries.csv", [["Rue", "Longueur (km)"], ["Rue A", "1,250"], ["Rue B", "3,400"]])
    assert [f.type for f in check(source, plugins=PM).findings] == ["decimal-comma"]
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[1] for row in read(tmp_path / "propre.csv")[1:]] == ["1.250", "3.400"]


def test_a_point_and_three_digits_in_an_english_file_are_decimals_not_thousands(tmp_path: Path) -> None:
    """« 1.250 » is 1.25 where the file writes « 1,234.56 »; the same column in a Belgian file is said as before."""
    weights = ["1.250", "2.125", "3.375", "1.500", "2.750"]
    rows = [["Item", "Amount", "Weight"]] + [[row[0], row[1], weight] for row, weight in zip(ENGLISH[1:], weights,
                                                                                             strict=True)]
    report = check(write(tmp_path / "en.csv", rows), plugins=PM)
    assert not [f for f in report.findings if f.type == "thousands-separator"]
    result = fix(tmp_path / "en.csv", tmp_path / "propre.csv", plugins=PM)
    assert [row[2] for row in read(tmp_path / "propre.csv")[1:]] == weights and not result.left_as_is
    belgian = [["Article", "Montant", "Poids"]] + [[f"a{n}", f"{n},5", weight] for n, weight in enumerate(weights)]
    report = check(write(tmp_path / "be.csv", belgian), plugins=PM)
    assert [f.field_name for f in report.findings if f.type == "thousands-separator"] == ["Poids"]
