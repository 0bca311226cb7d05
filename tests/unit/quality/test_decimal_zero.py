"""Whole numbers written « 5000.0 » (pandas writes a column of integers with one empty cell so, a database a DECIMAL
column): said when the column has empty cells or names a code, and written « 5000 » by the fix, after which the
Belgian checks recognise the codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.checks.decimal_zero import DropDecimalZero, names_a_code
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager()  # with the Belgian plugin
PLACES = [("Namur", "5000", "92094"), ("Andenne", "5300", "92003"), ("Ciney", "5590", "91030"),
          ("Dinant", "5500", "91034"), ("Gesves", "5340", "92054")]


def pandas_export(path: Path, rows: int = 30) -> Path:
    """What ``DataFrame.to_csv`` writes for integer columns that hold a NaN (float columns) and for ones that do not."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune", "code_postal", "code_ins", "population", "temperature", "superficie"])
        for n in range(rows):
            name, postal, nis = PLACES[n % len(PLACES)]
            writer.writerow([name, "" if n == 7 else f"{postal}.0", f"{nis}.0", f"{1000 + n}.0" if n != 3 else "",
                             f"{10 + n % 5}.0", f"{n},5" if n == 2 else f"{n},0"])
    return path


def types_said(report) -> dict[str, int]:  # noqa: ANN001
    return {f.field_name: f.count for f in report.findings if f.type == "decimal-zero"}


def test_a_pandas_export_of_codes_with_holes_is_said(tmp_path: Path) -> None:
    report = check(pandas_export(tmp_path / "export.csv"), plugins=PM)
    # code_postal and population have a hole; code_ins names a code; temperature has neither: it keeps « 12.0 »;
    # superficie holds « 2,5 »: a real decimal
    assert types_said(report) == {"code_postal": 29, "code_ins": 30, "population": 29}
    [postal] = [f for f in report.findings if f.type == "decimal-zero" and f.field_name == "code_postal"]
    assert "« 5000.0 »" in postal.message("fr") and postal.severity == "warning"
    assert "decimal numbers" in postal.message("en")
    assert report.kinds.get("code_postal") is None  # the Belgian check cannot recognise « 5000.0 »


def test_fix_writes_whole_numbers_and_the_codes_are_recognised(tmp_path: Path) -> None:
    result = fix(pandas_export(tmp_path / "export.csv"), tmp_path / "propre.csv", plugins=PM)
    assert result.counts["drop-decimal-zero"] == 29 + 30 + 29
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:5] == ["Namur", "5000", "92094", "1000", "10.0"]  # the temperature keeps its decimal
    assert rows[8][1] == "" and rows[4][3] == ""  # empty cells stay empty
    clean = check(tmp_path / "propre.csv", plugins=PM)
    assert clean.kinds["code_postal"] == "be-postal-code" and clean.kinds["code_ins"] == "be-nis-code"
    assert not types_said(clean)


@pytest.mark.parametrize("cells", [["5000,0", "5300,00", ""], ["-12.0", "7.000", ""]])
def test_a_comma_or_several_zeros_or_a_sign_are_whole_numbers_too(tmp_path: Path, cells: list[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("nom;valeur\n" + "".join(f"x{n};{cell}\n" for n, cell in enumerate(cells * 3)), encoding="utf-8")
    assert types_said(check(path, plugins=PM)) == {"valeur": 6}


@pytest.mark.parametrize("cells", [["5000.0", "5300.5", ""], ["5000.0", "n.d.", ""], ["5000", "5300", ""],
                                   ["5000.01", "5300.0", ""]])
def test_a_column_with_another_value_is_not_said(tmp_path: Path, cells: list[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("nom;code_postal\n" + "".join(f"x{n};{cell}\n" for n, cell in enumerate(cells * 3)), encoding="utf-8")
    assert not types_said(check(path, plugins=PM))


def test_the_whole_table_path_rewrites_only_the_columns_said(tmp_path: Path) -> None:
    import pandas as pd

    report = check(pandas_export(tmp_path / "export.csv"), plugins=PM)
    table = pd.DataFrame({"code_postal": ["5000.0", ""], "temperature": ["12.0", "13.0"]}, index=[2, 3])
    fixed, changes = DropDecimalZero().apply(table, FixContext(report=report, options={"fields": report.fields}))
    assert fixed["code_postal"].tolist() == ["5000", ""] and fixed["temperature"].tolist() == ["12.0", "13.0"]
    assert [(c.row_number, c.before, c.after) for c in changes] == [(2, "5000.0", "5000")]


@pytest.mark.parametrize(("label", "code"), [("code_postal", True), ("N° BCE", True), ("Année", True),
                                             ("Téléphone", True), ("refnis", True), ("Température", False),
                                             ("Population", False), ("Montant", False)])
def test_a_label_names_a_code(label: str, code: bool) -> None:
    assert names_a_code(label) is code
